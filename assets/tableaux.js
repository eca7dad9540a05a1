/* Atlas des alliances territoriales: the table of the territories the map shows, built in the
   browser from the plain rows the server sends (dashboard/territories.py: a few dozen bytes a
   row), sorted by its column headers. A header is a button; a click stores the new order
   (column, direction) in #carte-tri, which renders the table again; aria-sort tells screen
   readers the order. */
window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.tableaux = {
    territoires: function (data, sort) {
        if (!data) {
            return window.dash_clientside.no_update;
        }
        var h = function (type, props, namespace) {
            return {type: type, namespace: namespace || "dash_html_components", props: props};
        };
        var out = [h("H2", {id: "carte-territoires-titre", children: data.titre})];
        if (data.message) {
            return out.concat([h("P", {className: "aide", children: data.message})]);
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
            return h("Th", {scope: "col", className: numeric(i), "aria-sort": i === sort.colonne ? sort.ordre : "none",
                            children: h("Button", {type: "button", children: label})});
        });
        var body = rows.map(function (r) {
            var cells = [
                r[0],
                r[2] ? h("Link", {href: r[2], children: r[1]}, "dash_core_components") : r[1],
                r[3],
                r[5],
                r[6] ? h("A", {href: r[6], "aria-label": r[7], children: r[8]}) : "—"
            ];
            return h("Tr", {children: cells.slice(0, head.length).map(function (c, i) {
                return h("Td", {className: numeric(i), children: c});
            })});
        });
        out.push(h("P", {className: "aide", children: data.aide}));
        out.push(h("Div", {className: "tableau-conteneur", tabIndex: "0", children: h("Table", {
            className: "tableau triable", "data-cle": data.cle,
            children: [h("Caption", {className: "visually-hidden", children: data.legende}),
                       h("Thead", {children: h("Tr", {children: head})}), h("Tbody", {children: body})]
        })}));
        return out;
    }
};

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
    // Dash renders the table anew: the focus goes back to the header that sorted it
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
