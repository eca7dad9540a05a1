/* Atlas des alliances territoriales, /mesures: the filters go into the query string of the
   address (history.replaceState, so the page is neither reloaded nor re-rendered); a
   reloaded or shared address gives them back to the page. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    mesures: {
        adresse: function (search) {
            if (typeof search !== "string" || window.location.pathname !== "/mesures") {
                return window.dash_clientside.no_update;
            }
            if (window.location.search !== search) {
                window.history.replaceState(window.history.state, "", "/mesures" + search + window.location.hash);
            }
            return search;
        }
    }
});
