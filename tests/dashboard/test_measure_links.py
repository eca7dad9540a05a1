"""The alliances, experimentations and catalyseurs linked to a mesure: read from the small demo
warehouse (atlas.mesure_links), shown by the page's block and written by the mesure's exports."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pypdf

from atlas.mesure_links import LINK_COLUMNS, LINKS_TITLE, MeasureLinks, link_files, read_links
from dashboard.measure_links import links_block
from exports.mesure import LINK_HEADER, load_measure, measure_workbook
from exports.mesure_pdf import measure_pdf


def _texts(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def _hrefs(component) -> list[str]:
    found = []

    def walk(node):
        props = getattr(node, "to_plotly_json", None)
        if props is None:
            for child in node if isinstance(node, (list, tuple)) else ():
                walk(child)
            return
        if getattr(node, "href", None):
            found.append(node.href)
        walk(getattr(node, "children", None))

    walk(component)
    return found


def test_the_links_of_a_mesure_are_those_of_the_link_table(small_db):
    expected = small_db.execute("SELECT entite, id FROM mesure_lien WHERE mesure = 'M05' ORDER BY 1, 2").fetchall()
    assert {e for e, _ in expected} == {"alliance", "experimentation", "catalyseur"}
    links = read_links(small_db, "M05")
    assert tuple(links.rows.columns) == LINK_COLUMNS
    assert sorted(zip(links.rows["entite"], links.rows["id"])) == expected
    # the page reads the links of every mesure once, then keeps those of each mesure
    every = read_links(small_db, None)
    assert len(every.rows) == small_db.execute("SELECT count(*) FROM mesure_lien").fetchone()[0]
    assert every.of("M05").rows.equals(links.rows) and every.of("M99").rows.empty
    # every demo file carried the column
    assert links.files == ("alliances", "experimentations", "catalyseurs")
    assert links.empty_text() is None
    # each row has its territory, except a national experiment
    located = links.rows[links.rows["niveau"].notna()]
    for niveau, code, lieu in zip(located["niveau"], located["code"], located["lieu"]):
        assert small_db.execute("SELECT nom FROM territoire WHERE niveau = $n AND code = $c",
                                {"n": niveau, "c": code}).fetchone()[0] == lieu


def test_the_block_lists_each_linked_row_with_a_link_to_its_place(small_db):
    links = read_links(small_db, "M05")
    block = links_block(links)
    text = _texts(block)
    assert LINKS_TITLE in text and links.counts_text() in text
    for ident in links.rows["id"]:
        assert ident in text
    located = links.rows[links.rows["niveau"].notna()]
    assert sorted(_hrefs(block)) == sorted(f"/{n}/{c}" for n, c in zip(located["niveau"], located["code"]))


def test_the_block_says_why_nothing_is_listed():
    empty = pd.DataFrame(columns=list(LINK_COLUMNS))
    none_linked = _texts(links_block(MeasureLinks(empty, files=("alliances", "catalyseurs"))))
    assert ("Aucune alliance, expérimentation ni aucun catalyseur n'est lié à cette mesure dans les fichiers chargés "
            "(colonne « mesure » des fichiers alliances et catalyseurs).") in none_linked
    no_column = _texts(links_block(MeasureLinks(empty, files=())))
    assert "Aucun fichier des alliances, expérimentations ou catalyseurs ne porte la colonne facultative" in no_column


def test_the_files_carrying_the_column_come_from_the_run_sources():
    sources = [{"role": "domaine", "entite": "catalyseurs", "colonnes": ["id", "mesure", "demo"]},
               {"role": "domaine", "entite": "alliances", "colonnes": ["id", "demo"]},
               {"role": "domaine", "entite": "experimentations"},  # an entry without the field
               {"role": "publique", "entite": "crte", "colonnes": ["mesure"]}]
    assert link_files(sources) == ("catalyseurs",)


def test_the_exports_of_a_mesure_list_its_links(small_db):
    measure = load_measure(small_db, "M05")
    wb = openpyxl.load_workbook(io.BytesIO(measure_workbook(measure)))
    rows = list(wb["Liens"].iter_rows(values_only=True))
    assert rows[0] == LINK_HEADER
    assert sorted(r[1] for r in rows[1:]) == sorted(measure.links.rows["id"])
    summary = dict(r[:2] for r in wb["Mesure"].iter_rows(values_only=True))
    assert summary["Alliances, expérimentations et catalyseurs liés"] == measure.links.counts_text()
    page = pypdf.PdfReader(io.BytesIO(measure_pdf(measure))).pages[0].extract_text()
    text = " ".join(page.split())
    assert LINKS_TITLE in text and measure.links.rows["id"].iloc[0] in text


def test_the_exports_of_a_mesure_without_links_say_why(small_db):
    unlinked = small_db.execute("SELECT id FROM mesure WHERE id NOT IN (SELECT mesure FROM mesure_lien) "
                                "ORDER BY id LIMIT 1").fetchone()[0]
    measure = load_measure(small_db, unlinked)
    assert measure.links.rows.empty
    wb = openpyxl.load_workbook(io.BytesIO(measure_workbook(measure)))
    rows = list(wb["Liens"].iter_rows(values_only=True))
    assert rows[1][0] == measure.links.empty_text() and "n'est lié à cette mesure" in rows[1][0]
    text = " ".join(pypdf.PdfReader(io.BytesIO(measure_pdf(measure))).pages[0].extract_text().split())
    assert "n'est lié à cette mesure" in text
