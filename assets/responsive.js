/* Atlas des alliances territoriales: the map figure fitted to the width it gets in the browser.

   The server frames the map for a desktop frame (layout.meta.largeur pixels wide,
   layout.height high). On a narrower screen the frame shrinks: every map of the figure
   zooms out by the same factor so the same territories stay in view, and on a phone the
   colour bar, which would cover a third of the map, is left out (on a tablet too): the legend under the map
   (#carte-legende, HTML) says the same. */
window.atlasResponsive = {
    /* Below this width of the map (CSS pixels: phones, tablets, where style.css puts the
       side panel under the map) the colour bar is folded away. */
    NARROW: 860,

    adapt: function (figure, width) {
        var layout = figure.layout || {};
        var design = layout.meta && layout.meta.largeur;
        if (!design || !width || width >= design) {
            return figure;
        }
        var narrow = width < this.NARROW;
        var height = width < 600 ? Math.max(320, Math.round(width * 1.15)) : layout.height;
        var shift = Math.min(Math.log2(width / design), Math.log2(height / layout.height));
        var adapted = Object.assign({}, layout, {height: height});
        Object.keys(layout).forEach(function (key) {
            if (/^map\d*$/.test(key) && typeof layout[key].zoom === "number") {
                adapted[key] = Object.assign({}, layout[key], {zoom: Math.max(layout[key].zoom + shift, 0)});
            }
        });
        var data = narrow ? figure.data.map(function (trace) {
            return Object.assign({}, trace, {showscale: false});
        }) : figure.data;
        return Object.assign({}, figure, {data: data, layout: adapted});
    }
};

window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.accessibilite = Object.assign({}, window.dash_clientside.accessibilite, {
    /* A map given whole in the page's layout (a card's map), fitted to the width it got. */
    ajuster: function (id, figure) {
        var graph = document.getElementById(id);
        var adapted = figure && window.atlasResponsive.adapt(figure, graph && graph.clientWidth);
        return adapted && adapted !== figure ? adapted : window.dash_clientside.no_update;
    }
});
