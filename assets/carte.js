/* Atlas des alliances territoriales: the map figure arrives from the server with codes,
   the URLs of its geometry and class indices only (meta.etiquettes holds the class labels); the hover labels are
   expanded here, in the browser, so that callback answers stay small. The framing sent by
   the server fits a map 760 pixels wide; when the figure carries its bounds
   (layout.meta.cadre: west, south, east, north), the zoom is fitted here to the map's real
   width instead (a phone shows the whole of France too), and on a narrow screen the colour
   scale lies under the map instead of over it. */
var NARROW = 600;  // pixels: below, the colour scale lies under the map
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
            var graph = document.getElementById('carte');
            var width = graph && graph.clientWidth;
            if (width && width < NARROW) {
                data = data.map(function (trace) {  // colour scale under the map, not over it
                    return trace.showscale ? Object.assign({}, trace, {colorbar: Object.assign({}, trace.colorbar, {
                        orientation: 'h', x: 0.5, xanchor: 'center', y: 0, yanchor: 'top', len: 0.95, thickness: 10,
                        title: Object.assign({}, (trace.colorbar || {}).title, {side: 'top'})
                    })}) : trace;
                });
            }
            var result = Object.assign({}, figure, {data: data, layout: window.dash_clientside.atlas.fit(figure.layout, width)});
            var urls = data.map(function (trace) { return trace.geojson; }).filter(function (url, i, all) {
                return typeof url === 'string' && all.indexOf(url) === i;
            });
            return Promise.all(urls.map(loadGeometry)).then(function () { return result; }, function () { return result; });
        },
        fit: function (layout, width) {
            var bounds = layout && layout.meta && layout.meta.cadre;
            if (!bounds || !width || !layout.map) {
                return layout;
            }
            function merc(lat) {
                lat = Math.max(Math.min(lat, 85), -85) * Math.PI / 180;
                return Math.log(Math.tan(Math.PI / 4 + lat / 2));
            }
            var dx = Math.max(bounds[2] - bounds[0], 1e-6) / 360;
            var dy = Math.max(merc(bounds[3]) - merc(bounds[1]), 1e-6) / (2 * Math.PI);
            var zoom = Math.min(Math.log2(width / 512 / dx), Math.log2((layout.height || 620) / 512 / dy)) - 0.15;
            zoom = Math.round(Math.max(Math.min(zoom, 12), 1) * 100) / 100;
            return Object.assign({}, layout, {map: Object.assign({}, layout.map, {zoom: zoom})});
        }
    }
});
