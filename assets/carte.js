/* Atlas des alliances territoriales: the map figure arrives from the server with codes and
   class indices only (meta.etiquettes holds the class labels); the hover labels are
   expanded here, in the browser, so that callback answers stay small. */
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
            return window.atlasResponsive.adapt(Object.assign({}, figure, {data: data}), graph && graph.clientWidth);
        }
    }
});
