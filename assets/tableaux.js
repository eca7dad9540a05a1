/* Atlas des alliances territoriales: the table of the territories the map shows, built in the
   browser from the plain rows the server sends (dashboard/territories.py: a few dozen bytes a
   row), sorted by its column headers. A header is a button; a click stores the new order
   (column, direction) in #carte-tri, which renders the table again; aria-sort tells screen
   readers the order. */

/* An element ``tag`` with ``attributes`` and ``children`` (nodes or text). */
function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
        if (attributes[name] !== undefined) {
            node.setAttribute(name, attributes[name]);
        }
    });
    (children || []).forEach(function (child) {
        if (child !== null && child !== undefined) {
            node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    });
    return node;
}

window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.tableaux = {
    /* The table is written into #carte-territoires as plain DOM (not as Dash components:
       React would take seconds for the hundred rows of the départements on a loaded machine,
       while the map is being drawn); the callback's output only records what was drawn. */
    territoires: function (data, sort) {
        var section = document.getElementById("carte-territoires");
        if (!data || !section) {
            return window.dash_clientside.no_update;
        }
        var out = [element("h2", {id: "carte-territoires-titre"}, [data.titre])];
        if (data.message) {
            out.push(element("p", {"class": "aide"}, [data.message]));
            section.replaceChildren.apply(section, out);
            return {cle: data.cle || null, lignes: 0};
        }
        if (!sort || sort.cle !== data.cle) {
            sort = {colonne: 0, ordre: "ascending"};  // new rows: by code
        }
        // row fields: code, name, card, shown value, sort value, class, drill-down address, its label, its text
        var keyOf = [function (r) { return r[0]; }, function (r) { return r[1]; }, function (r) { return r[4]; },
                     function (r) { return r[5] === "—" ? null : r[5]; }, function (r) { return r[8]; }][sort.colonne];
        var collator = new Intl.Collator("fr", {numeric: true, sensitivity: "base"});
        var sign = sort.ordre === "ascending" ? 1 : -1;
        var rows = data.lignes.slice().sort(function (a, b) {
            var x = keyOf(a), y = keyOf(b);
            if (x === null || y === null) {
                return (x === null) - (y === null);  // no value: last, either way
            }
            return sign * (typeof x === "number" ? x - y : collator.compare(x, y));
        });
        var numeric = function (i) { return i === 2 ? "nombre" : undefined; };
        var head = data.colonnes.map(function (label, i) {
            return element("th", {scope: "col", "class": numeric(i), "aria-sort": i === sort.colonne ? sort.ordre : "none"},
                           [element("button", {type: "button"}, [label])]);
        });
        var body = rows.map(function (r) {
            var cells = [
                r[0],
                r[2] ? element("a", {href: r[2], "class": "lien-page"}, [r[1]]) : r[1],
                r[3],
                r[5],
                r[6] ? element("a", {href: r[6], "aria-label": r[7]}, [r[8]]) : "—"
            ];
            return element("tr", {}, cells.slice(0, head.length).map(function (c, i) {
                return element("td", {"class": numeric(i)}, [c]);
            }));
        });
        var shown = section.querySelector("table.triable");
        if (shown && shown.getAttribute("data-cle") === data.cle) {
            // the same rows in another order: the headers stay (and keep the focus), the body is replaced
            shown.querySelectorAll("thead th").forEach(function (th, i) {
                th.setAttribute("aria-sort", i === sort.colonne ? sort.ordre : "none");
            });
            shown.querySelector("tbody").replaceChildren.apply(shown.querySelector("tbody"), body);
            return {cle: data.cle, colonne: sort.colonne, ordre: sort.ordre, lignes: rows.length};
        }
        out.push(element("p", {"class": "aide"}, [data.aide]));
        out.push(element("div", {"class": "tableau-conteneur", tabindex: "0"}, [
            element("table", {"class": "tableau triable", "data-cle": data.cle}, [
                element("caption", {"class": "visually-hidden"}, [data.legende]),
                element("thead", {}, [element("tr", {}, head)]),
                element("tbody", {}, body)
            ])
        ]));
        section.replaceChildren.apply(section, out);
        return {cle: data.cle, colonne: sort.colonne, ordre: sort.ordre, lignes: rows.length};
    }
};

/* A territory's card from the table opens as a dcc.Link would: in the page, without reloading it. */
document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#carte-territoires a.lien-page");
    if (!link || event.metaKey || event.shiftKey || event.altKey || event.ctrlKey || event.button !== 0) {
        return;
    }
    event.preventDefault();
    window.history.pushState({}, "", link.getAttribute("href"));
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
});

document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table.triable[data-cle] th button");
    if (!button || !window.dash_clientside.set_props) {
        return;
    }
    var header = button.closest("th");
    var column = Array.prototype.indexOf.call(header.parentElement.children, header);
    var order = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var table = header.closest("table");
    window.dash_clientside.set_props("carte-tri", {data: {colonne: column, ordre: order, cle: table.getAttribute("data-cle")}});
    // the table is drawn anew: the focus goes back to the header that sorted it
    var tries = 0;
    (function refocus() {
        var headers = document.querySelectorAll("#carte-territoires th");
        var sorted = headers[column];
        if (sorted && sorted !== header && sorted.getAttribute("aria-sort") === order) {
            sorted.querySelector("button").focus();
        } else if (sorted === header && header.isConnected && header.getAttribute("aria-sort") === order) {
            if (document.activeElement !== button) {
                button.focus();
            }
        } else if (tries++ < 100) {
            setTimeout(refocus, 30);
        }
    })();
});
