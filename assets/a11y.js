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

    /* A dcc.Slider's thumb (role="slider") gets the text of the <label for> that names the
       slider's id as its accessible name. */
    function nameSliders(root) {
        var thumbs = root.querySelectorAll ? root.querySelectorAll(".dash-slider-thumb:not([aria-label])") : [];
        Array.prototype.forEach.call(thumbs, function (thumb) {
            var holder = thumb.closest("[id]");
            while (holder) {
                var label = document.querySelector('label[for="' + holder.id + '"]');
                if (label) {
                    thumb.setAttribute("aria-label", label.textContent.trim());
                    return;
                }
                holder = holder.parentElement && holder.parentElement.closest("[id]");
            }
        });
    }

    function start() {
        clean(document);
        nameSliders(document);
        new MutationObserver(function (mutations) {
            var dirty = mutations.some(function (m) {
                var target = m.target.nodeType === 1 ? m.target : m.target.parentElement;
                return target && (target.closest(LIST) || (m.addedNodes.length && target.querySelector(LIST)));
            });
            if (dirty) {
                clean(document);
            }
            if (mutations.some(function (m) { return m.addedNodes.length; })) {
                nameSliders(document);
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

/* The map page's title names what the map shows (« Finistère — carte des communes — Atlas… »),
   from its breadcrumb: the current territory (aria-current) and the level shown. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    accessibilite: {
        titre: function (crumbs) {
            var text = function (c) {
                return typeof c === "string" ? c : (c && c.props ? [].concat(c.props.children || []).map(text).join("") : "");
            };
            var items = [].concat(crumbs || []);
            var current = items.filter(function (c) { return c && c.props && c.props["aria-current"]; }).map(text)[0];
            var level = items.filter(function (c) { return c && c.props && c.props.className === "niveau"; }).map(text)[0];
            // a past year of the maturity layer: « … — maturité au 31 décembre 2016 — Atlas… »
            var date = items.filter(function (c) { return c && c.props && c.props.className === "date-carte"; }).map(text)[0];
            if (current && level) {
                var shown = level.replace(/^\s*·\s*/, "");
                var app = document.title.split(" — ").pop();  // the application's name, as the server wrote it
                var map = "carte des " + shown.charAt(0).toLowerCase() + shown.slice(1);
                // France-wide, the level already says where: « Carte des régions de France — Atlas… »
                var parts = shown.indexOf("France") >= 0 || shown.indexOf(" — ") >= 0
                    ? ["C" + map.slice(1)] : [current, map];
                if (date) {
                    parts.push(date.replace(/^\s*·\s*/, ""));
                }
                document.title = parts.concat([app]).join(" — ");
            }
            return window.dash_clientside.no_update;
        }
    }
});
