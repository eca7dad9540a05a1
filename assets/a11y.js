/* Atlas des alliances territoriales: native semantics for Dash's option lists.

   Dash 4 renders dcc.RadioItems and dcc.Checklist as role="listbox" holding role="option"
   labels that wrap native radio buttons or checkboxes: an interactive control nested in
   another one (axe: nested-interactive), announced twice by screen readers. The pages put
   each list in a <fieldset> whose <legend> names it; here the ARIA roles are taken off so
   that the native inputs, labelled by their <label>, are what assistive technologies see.
   React sets aria-selected again when the choice changes: the observer takes it off again. */
(function () {
    var LIST = ".dash-options-list";
    var STRIP = ["role", "aria-selected", "aria-multiselectable", "aria-orientation"];

    function clean(root) {
        var lists = root.querySelectorAll ? root.querySelectorAll(LIST) : [];
        Array.prototype.forEach.call(lists, function (list) {
            [list].concat(Array.prototype.slice.call(list.querySelectorAll("[role], [aria-selected]")))
                .forEach(function (element) {
                    STRIP.forEach(function (name) {
                        if (element.hasAttribute(name)) {
                            element.removeAttribute(name);
                        }
                    });
                });
        });
    }

    function start() {
        clean(document);
        new MutationObserver(function (mutations) {
            var dirty = mutations.some(function (m) {
                var target = m.target.nodeType === 1 ? m.target : m.target.parentElement;
                return target && (target.closest(LIST) || (m.addedNodes.length && target.querySelector(LIST)));
            });
            if (dirty) {
                clean(document);
            }
        }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: STRIP});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();

/* The skip link moves the focus to the main content without touching the URL's fragment
   (the map page keeps its state there). */
document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.lien-evitement");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView();
    }
});
