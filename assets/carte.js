/* Atlas des alliances territoriales: the map figure arrives from the server with codes,
   the URLs of its geometry and class indices only (meta.etiquettes holds the class labels); the hover labels are
   expanded here, in the browser, so that callback answers stay small. The framing sent by
   the server fits a desktop map (layout.meta.largeur pixels wide); assets/responsive.js
   zooms it out to the map's real width and folds the colour bar away on narrow screens. */
var GEOMETRY = {};  // URL -> promise of the parsed GeoJSON: one request and one parse per page

/* Plotly fetches a trace's GeoJSON URL itself, but a second trace on the same URL waits for
   it at most 5 s and then fails (the map stays empty): every URL of the figure is loaded here
   first, with no time limit, into window.PlotlyGeoAssets where Plotly looks before fetching. */
function loadGeometry(url) {
    if (!GEOMETRY[url]) {
        GEOMETRY[url] = fetch(url, {credentials: 'same-origin'}).then(function (response) {
            if (!response.ok) {
                throw new Error(url + ' : ' + response.status);
            }
            return response.json();
        }).then(function (data) {
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
            var result = window.atlasResponsive.adapt(Object.assign({}, figure, {data: data}), graph && graph.clientWidth);
            return withGeometry(result);
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
