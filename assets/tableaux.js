/* Atlas des alliances territoriales: tables sorted in the browser. A header of a table of
   class "triable" is a button; it sorts the rows by that column's data-tri values (numbers
   when the column is numeric, empty values last), ascending then descending, and says so in
   the header's aria-sort (read by screen readers). */
(function () {
    var collator = new Intl.Collator("fr", {numeric: true, sensitivity: "base"});

    function sort(header) {
        var table = header.closest("table");
        var headers = Array.prototype.slice.call(header.parentElement.children);
        var column = headers.indexOf(header);
        var numeric = header.getAttribute("data-numerique") === "1";
        var order = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        var sign = order === "ascending" ? 1 : -1;
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
            var x = a.cells[column].getAttribute("data-tri"), y = b.cells[column].getAttribute("data-tri");
            if (x === "" || y === "") {
                return (x === "") - (y === "");
            }
            return sign * (numeric ? parseFloat(x) - parseFloat(y) : collator.compare(x, y));
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (h) { h.setAttribute("aria-sort", h === header ? order : "none"); });
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest && event.target.closest("table.triable th[aria-sort] button");
        if (button) {
            sort(button.closest("th"));
        }
    });
})();
