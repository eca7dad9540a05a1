/* Atlas des alliances territoriales: the map figure arrives from the server with codes,
   the URLs of its geometry and class indices only (meta.etiquettes holds the class labels); the hover labels are
   expanded here, in the browser, so that callback answers stay small. The framing sent by
   the server fits a desktop map (layout.meta.largeur pixels wide); assets/responsive.js
   zooms it out to the map's real width and folds the colour bar away on narrow screens. */
var GEOMETRY = {};  // URL -> promise of the parsed GeoJSON: one request and one parse per page

/* Plotly fetches a trace's GeoJSON URL itself, but a second trace on the same URL waits for
   it at most 5 s and then fails (the map stays empty): every URL of the figure is loaded here
   first, with no time limit, into window.PlotlyGeoAssets where Plotly looks before fetching. */
function fetchGeometry(url) {
    return fetch(url, {credentials: 'same-origin'}).then(function (response) {
        if (!response.ok) {
            throw new Error(url + ' : ' + response.status);
        }
        return response.json();
    });
}

/* The home page's <head> may have started fetching it already (window.atlasPrecharge, see
   dashboard/prefetch.py: URL -> promise of the parsed GeoJSON, or null if that failed). */
function loadGeometry(url) {
    if (!GEOMETRY[url]) {
        var early = window.atlasPrecharge && window.atlasPrecharge[url];
        GEOMETRY[url] = (early ? early.then(function (data) { return data || fetchGeometry(url); })
                               : fetchGeometry(url)).then(function (data) {
            window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
            window.PlotlyGeoAssets[url] = data;
            return data;
        }).catch(function (error) {
            delete GEOMETRY[url];  // Plotly fetches it itself; the next figure tries again
            throw error;
        });
    }
    return GEOMETRY[url];
}

/* ``figure`` once every geometry URL of its traces is loaded (or has failed: Plotly then tries itself). */
function withGeometry(figure) {
    var urls = figure.data.map(function (trace) { return trace.geojson; }).filter(function (url, i, all) {
        return typeof url === 'string' && all.indexOf(url) === i;
    });
    return Promise.all(urls.map(loadGeometry)).then(function () { return figure; }, function () { return figure; });
}

/* A figure whose layout carries its bounds (layout.meta.cadre: west, south, east, north) framed
   for the size its graph really has (the server frames it for a phone): the zoom of
   dashboard/figures/carte.py fit_view, computed here with the graph's width. */
function fitBounds(figure, graph) {
    var layout = figure.layout || {};
    var bounds = layout.meta && layout.meta.cadre;
    var width = graph && graph.clientWidth;
    if (!bounds || !width || !layout.map) {
        return figure;
    }
    var merc = function (lat) {
        lat = Math.max(Math.min(lat, 85), -85);
        return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
    };
    var margin = layout.margin || {};
    var height = layout.height - (margin.t || 0) - (margin.b || 0);
    var dx = Math.max(bounds[2] - bounds[0], 1e-6) / 360;
    var dy = Math.max(merc(bounds[3]) - merc(bounds[1]), 1e-6) / (2 * Math.PI);
    var zoom = Math.min(Math.log2(width / 512 / dx), Math.log2(height / 512 / dy)) - 0.15;
    var map = Object.assign({}, layout.map, {zoom: Math.round(Math.max(Math.min(zoom, 12), 1) * 100) / 100});
    return Object.assign({}, figure, {layout: Object.assign({}, layout, {map: map})});
}

window.dash_clientside = Object.assign({}, window.dash_clientside, {
    atlas: {
        figure: function (figure) {
            if (!figure || !figure.data) {
                return window.dash_clientside.no_update;
            }
            var data = figure.data.map(function (trace) {
                var labels = trace.meta && trace.meta.etiquettes;
                if (labels && Array.isArray(trace.z)) {
                    return Object.assign({}, trace, {
                        customdata: trace.z.map(function (v) { return labels[v]; })
                    });
                }
                return trace;
            });
            var graph = document.getElementById("carte");
            watchTiles();
            var result = window.atlasResponsive.adapt(Object.assign({}, figure, {data: data}), graph && graph.clientWidth);
            if (data[0]) {
                tilesEarly(data[0]);  // the tiles load while Plotly plots the figure
            }
            return withGeometry(result);
        },
        /* ``figure`` half a second after the page's map (#carte) is drawn, or after a few seconds
           (a chart below the map would otherwise be plotted first, on the same thread). */
        apresCarte: function (figure) {
            return new Promise(function (resolve) {
                var attempts = 60;  // six seconds
                (function wait() {
                    var map = mainMap(document.querySelector('#carte .js-plotly-plot'));
                    var drawn = map && map.loaded() && map.areTilesLoaded() && !pendingTiles;
                    if (!document.getElementById('carte') || attempts-- <= 0) {
                        resolve(figure);
                    } else if (drawn) {
                        setTimeout(function () { resolve(figure); }, 500);
                    } else {
                        setTimeout(wait, 100);
                    }
                })();
            });
        },
        /* Any other map (the deployment maps of /mesures): its geometry loaded once, then the
           figure, framed for its graph's width when it carries its bounds. */
        geometrie: function (figure) {
            if (!figure || !figure.data) {
                return window.dash_clientside.no_update;
            }
            var context = window.dash_clientside.callback_context;
            var output = context && context.outputs_list;
            var graph = output && output.id && document.getElementById(output.id);
            return withGeometry(fitBounds(figure, graph));
        }
    }
});

/* France by commune: the communes are drawn by maplibre from vector tiles (/tuiles/…, see
   dashboard/tiles.py), under Plotly's outlines. The figure's first trace has the codes,
   values, colour scale and hover text but no geometry (layout meta ``tuiles``): the fill
   colour is a ``match`` of the features' code (codes grouped by colour), the hover label
   is drawn here, and a click is handed to Dash as the graph's clickData, in the shape
   Plotly gives it ({points: [{location: code}]}). Once the tiles are drawn with their
   colours, the graph emits ``atlas-tuiles`` ({cle, t}: the figure and the time). */
var TILES = {source: 'atlas-tuiles', layer: 'atlas-tuiles-fond'};

function rgb(colour) {
    var hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
    if (hex) {
        return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
    }
    var parts = /rgba?\(([^)]*)\)/.exec(colour);
    return parts ? parts[1].split(',').slice(0, 3).map(Number) : [0, 0, 0];
}

/* The colour of a value on the trace's colour scale (linear between its stops, in RGB, as
   Plotly): a function, its stops read once and each distinct value's colour computed once
   (some 35 000 communes share a few classes, or a few thousand values). */
function colourScale(trace) {
    var stops = trace.colorscale.map(function (stop) { return [stop[0], rgb(stop[1]), stop[1]]; });
    var zmin = trace.zmin, span = trace.zmax - trace.zmin, known = new Map();
    return function (value) {
        var colour = known.get(value);
        if (colour !== undefined) {
            return colour;
        }
        var t = Math.min(Math.max(span ? (value - zmin) / span : 0, 0), 1);
        colour = stops[stops.length - 1][2];
        for (var i = 1; i < stops.length; i++) {
            if (t <= stops[i][0] || i === stops.length - 1) {
                var a = stops[i - 1][1], b = stops[i][1];
                var w = stops[i][0] > stops[i - 1][0] ? (t - stops[i - 1][0]) / (stops[i][0] - stops[i - 1][0]) : 1;
                w = Math.min(Math.max(w, 0), 1);
                colour = 'rgb(' + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * w); }).join(',') + ')';
                break;
            }
        }
        known.set(value, colour);
        return colour;
    };
}

function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
        return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
}

/* A number as Plotly writes it with the figure's separators (", "): '.2f', '.0f', '.0%'. */
function formatNumber(value, format) {
    var m = /^\.(\d+)([f%])$/.exec(format || '');
    var digits = m ? Number(m[1]) : 2;
    var text = (m && m[2] === '%' ? value * 100 : value).toFixed(digits).replace('.', ',');
    return text + (m && m[2] === '%' ? '%' : '');
}

/* The hover label of a tile feature, from the trace's hovertemplate (HTML). */
function hoverHtml(trace, code, nom, index) {
    var template = index === undefined ? trace.hovertemplate.split('<br>')[0] + '<br>Pas de donnée' : trace.hovertemplate;
    return template.replace(/<extra>.*<\/extra>/, '').replace(/%\{([^}:]+)(?::([^}]*))?\}/g, function (all, key, format) {
        if (key === 'properties.nom') { return escapeHtml(nom); }
        if (key === 'location') { return escapeHtml(code); }
        if (key === 'customdata') { return escapeHtml(trace.customdata ? trace.customdata[index] : ''); }
        if (key === 'z') { return formatNumber(trace.z[index], format); }
        return '';
    });
}

/* Name, length and first code of a trace (as sent or as plotted): which figure it is. */
function figureKey(trace) {
    var n = trace && (trace._length !== undefined ? trace._length : trace.locations && trace.locations.length);
    return trace ? [trace.name, n, trace.locations && trace.locations[0]].join('|') : '';
}

/* Hover label and click of the tiles' layer, once per map. */
function bindTiles(gd, map) {
    if (map.__atlasTuiles) {
        return;
    }
    map.__atlasTuiles = true;
    var label = document.createElement('div');
    label.className = 'carte-infobulle';
    label.setAttribute('aria-hidden', 'true');
    map.getContainer().appendChild(label);
    map.on('mousemove', TILES.layer, function (event) {
        var feature = event.features && event.features[0], trace = gd._fullData && gd._fullData[0];
        if (!feature || !trace || !gd.__atlasIndex) {
            return;
        }
        var code = String(feature.properties.code);
        label.innerHTML = hoverHtml(trace, code, feature.properties.nom, gd.__atlasIndex[code]);
        label.style.left = (event.point.x + 12) + 'px';
        label.style.top = (event.point.y + 12) + 'px';
        label.style.display = 'block';
        map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', TILES.layer, function () {
        label.style.display = 'none';
        map.getCanvas().style.cursor = '';
    });
    map.on('click', TILES.layer, function (event) {
        var feature = event.features && event.features[0];
        if (feature) {
            window.dash_clientside.set_props('carte', {clickData: {points: [{location: String(feature.properties.code)}]}});
        }
    });
}

/* The values of a trace: a list, or a typed array as the server sends it ({dtype, bdata}). */
function valuesOf(z) {
    if (!z || Array.isArray(z) || ArrayBuffer.isView(z)) {
        return z || [];
    }
    var bytes = Uint8Array.from(atob(z.bdata), function (c) { return c.charCodeAt(0); });
    var types = {f4: Float32Array, f8: Float64Array, i1: Int8Array, i2: Int16Array, i4: Int32Array, u1: Uint8Array};
    return new types[z.dtype](bytes.buffer);
}

function mainMap(gd) {
    var subplot = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    return subplot && subplot.map;
}

/* The tiles' layer coloured as ``trace`` says (a figure's first trace, as sent or as plotted),
   or removed if ``trace`` has no tiles. Done once per figure: the figure function calls it
   as soon as the figure arrives, if the map exists already (the tiles then load while Plotly
   plots the rest), and every plot calls it again. */
function applyTiles(gd, map, trace) {
    var meta = trace.meta || {};
    var source = map.getSource(TILES.source);
    if (source && (!meta.tuiles || map.__atlasTuilesUrl !== meta.tuiles)) {
        map.removeLayer(TILES.layer);
        map.removeSource(TILES.source);
        map.__atlasCle = null;
        source = null;
    }
    var key = figureKey(trace);
    if (!meta.tuiles || map.__atlasCle === key) {
        return;  // no tiles, or this figure's colours are set already
    }
    map.__atlasCle = key;
    // each commune's colour, as a ``match`` on its code: maplibre's worker colours the features as it
    // builds the tiles (no per-feature work on the page's thread)
    var z = valuesOf(trace.z), index = {}, byColour = {}, colourOf = colourScale(trace);
    for (var i = 0; i < trace.locations.length; i++) {
        var colour = colourOf(z[i]);
        index[trace.locations[i]] = i;
        (byColour[colour] = byColour[colour] || []).push(trace.locations[i]);
    }
    var fill = ['match', ['get', 'code']];
    Object.keys(byColour).forEach(function (colour) { fill.push(byColour[colour], colour); });
    fill = fill.length > 2 ? fill.concat([meta.sans_donnee]) : meta.sans_donnee;
    var opacity = (trace.marker && trace.marker.opacity) || 1;
    if (!source) {
        map.addSource(TILES.source, {type: 'vector', tiles: [window.location.origin + meta.tuiles],
                                     maxzoom: meta.tuiles_zoom});
        map.__atlasTuilesUrl = meta.tuiles;
        var below = map.getStyle().layers.filter(function (l) { return l.id.indexOf('plotly-trace-layer') === 0; })[0];
        map.addLayer({id: TILES.layer, type: 'fill', source: TILES.source, 'source-layer': meta.couche_tuiles,
                      paint: {'fill-color': fill, 'fill-opacity': opacity}}, below && below.id);
    } else {
        map.setPaintProperty(TILES.layer, 'fill-color', fill);
        map.setPaintProperty(TILES.layer, 'fill-opacity', opacity);
    }
    gd.__atlasIndex = index;
    bindTiles(gd, map);
}

/* ``trace`` (a figure just received) applied to the map as soon as it exists with its style
   (Plotly may still be loading, or building the map), if no other figure came since. */
var pendingTiles = null;
function tilesEarly(trace, attempts) {
    if (attempts === undefined) {
        pendingTiles = trace;
        attempts = 500;  // ten seconds: then the plot itself applies it
    }
    if (pendingTiles !== trace) {
        return;
    }
    var gd = document.querySelector('#carte .js-plotly-plot'), map = mainMap(gd);
    if (map && map.style && map.style._loaded) {  // its style is read (its sources may still be loading)
        pendingTiles = null;
        applyTiles(gd, map, trace);
    } else if (attempts > 0) {
        setTimeout(function () { tilesEarly(trace, attempts - 1); }, 20);
    }
}

/* After a plot: the tiles of the figure plotted in ``gd``; once drawn, the ``atlas-tuiles`` event. */
function drawTiles(gd) {
    var map = mainMap(gd), trace = gd._fullData && gd._fullData[0];
    if (!map || !trace) {
        return;
    }
    applyTiles(gd, map, trace);
    if (!(trace.meta && trace.meta.tuiles)) {
        return;
    }
    var key = figureKey(trace);
    var done = function () {
        if (gd._fullData && figureKey(gd._fullData[0]) !== key) {
            return;  // another figure since
        }
        if (map.getSource(TILES.source) && map.isSourceLoaded(TILES.source) && map.areTilesLoaded()) {
            // every tile is loaded (maybe before this plot): the next frame shows them
            map.once('render', function () {
                gd.dispatchEvent(new CustomEvent('atlas-tuiles', {detail: {cle: key, t: performance.now()}}));
            });
            map.triggerRepaint();
        } else {
            map.once('idle', done);
        }
    };
    done();
}

/* Once a map is drawn, the geometry its next click will need (layout meta ``suivante``, see
   dashboard/mapview.py next_geometry_url), loaded when the page is idle: a drill-down then
   waits for no download. */
function prefetchNext(gd) {
    var url = gd.layout && gd.layout.meta && gd.layout.meta.suivante;
    if (url && !GEOMETRY[url]) {
        var later = window.requestIdleCallback || function (f) { return setTimeout(f, 200); };
        later(function () { loadGeometry(url).catch(function () {}); }, {timeout: 2000});
    }
}

/* Every plotted figure of the home map goes through drawTiles (the graph element is created by Dash, later). */
function watchTiles(attempts) {
    var gd = document.querySelector('#carte .js-plotly-plot');
    if (!gd || !gd.on) {
        attempts = attempts === undefined ? 3000 : attempts;  // a minute
        return attempts > 0 && setTimeout(function () { watchTiles(attempts - 1); }, 20);
    }
    if (!gd.__atlasTuiles) {
        gd.__atlasTuiles = true;
        gd.on('plotly_afterplot', function () { drawTiles(gd); prefetchNext(gd); });
    }
}
