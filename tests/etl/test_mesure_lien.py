"""The table mesure_lien: the links the files' optional « mesure » column gives, one row per
mesure named; a file without the column links nothing and its provenance entry says so."""

from __future__ import annotations

import csv
import json

from tests.support import small_warehouse

from atlas.mesure_links import link_files, read_links
from atlas.warehouse import connect

_KINDS = {"alliances": "alliance", "experimentations": "experimentation", "catalyseurs": "catalyseur"}


def _links_of(path, kind: str) -> set[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return {(m, kind, row["id"]) for row in rows for m in (row.get("mesure") or "").split("|") if m}


def _drop_column(path, column: str) -> None:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    names = [n for n in rows[0] if n != column]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, names, delimiter=";", lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_the_link_table_holds_what_the_files_say(tmp_path, small_bare_run):
    data = tmp_path / "donnees"
    files = small_warehouse._demo_files(small_bare_run.db_path, data)
    # one alliance names two mesures; the catalyseurs file has no « mesure » column
    text = files["alliances"].read_text(encoding="utf-8").splitlines()
    header = text[0].split(";")
    first = text[1].split(";")
    first[header.index("mesure")] = "M01|M21"
    files["alliances"].write_text("\n".join([text[0], ";".join(first), *text[2:]]) + "\n", encoding="utf-8")
    _drop_column(files["catalyseurs"], "mesure")
    report = small_warehouse._run_over(small_bare_run.db_path, tmp_path / "entrepot", data)
    expected = _links_of(files["alliances"], "alliance") | _links_of(files["experimentations"], "experimentation")
    assert ("M01", "alliance", first[0]) in expected and ("M21", "alliance", first[0]) in expected
    con = connect(report.db_path, read_only=True)
    try:
        assert set(con.execute("SELECT mesure, entite, id FROM mesure_lien").fetchall()) == expected
        assert report.row_counts["mesure_lien"] == len(expected)
        sources = json.loads(con.execute("SELECT sources FROM etl_runs ORDER BY started_at DESC LIMIT 1").fetchone()[0])
        assert link_files(sources) == ("alliances", "experimentations")
        # a mesure linked by no row of the files that carry the column
        unlinked = con.execute("SELECT id FROM mesure WHERE id NOT IN (SELECT mesure FROM mesure_lien) ORDER BY id "
                               "LIMIT 1").fetchone()[0]
        assert "des fichiers alliances et experimentations" in read_links(con, unlinked).empty_text()
    finally:
        con.close()
