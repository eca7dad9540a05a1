"""Formula injection: texts that a spreadsheet would run come out inert in XLSX and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

import openpyxl
import pytest

from exports.csv import ENCODING, SEPARATOR, render_csv
from exports.labels import SHEET_TITLES
from exports.snapshot import load_snapshot
from exports.values import csv_text, looks_like_formula
from exports.xlsx import render_xlsx

PLANTED = ('=HYPERLINK("http://x","clic")', "-2+3", "@SUM(A1)", "+33 1 23", "\tcache", "\rretour")


@pytest.mark.parametrize("text", PLANTED)
def test_formula_like_texts_are_recognised(text):
    assert looks_like_formula(text)
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("value", ["Brest", "", "2A004", -2.5, -3, 0, None, dt.date(2024, 1, 1)])
def test_numbers_and_plain_texts_are_left_alone(value):
    assert not looks_like_formula(value)


@pytest.fixture(scope="module")
def planted(small_db):
    """The région's snapshot with hostile titles and commune names planted."""
    snapshot = load_snapshot(small_db, "region", "53", today=dt.date(2026, 11, 23))
    assert len(snapshot.alliances) >= len(PLANTED) and len(snapshot.communes) >= len(PLANTED)
    alliances = snapshot.alliances.copy()
    alliances.loc[alliances.index[: len(PLANTED)], "intitule"] = list(PLANTED)
    communes = snapshot.communes.copy()
    communes.loc[communes.index[: len(PLANTED)], "nom"] = list(PLANTED)
    return replace(snapshot, alliances=alliances, communes=communes)


def _column(sheet, header: str) -> list:
    headers = [c.value for c in sheet[1]]
    index = headers.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def test_xlsx_writes_formula_like_titles_as_text(planted):
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(planted)))
    titles = _column(workbook[SHEET_TITLES["alliances"]], "Intitulé")
    read_back = [t.replace("\r", "\n") for t in PLANTED]  # XML reads a carriage return as a newline
    for cell, text in zip(titles, read_back):
        assert cell.data_type == "s" and cell.value == text and cell.quotePrefix, text
    names = _column(workbook[SHEET_TITLES["communes"]], "Commune")
    assert [c.value for c in names[: len(PLANTED)]] == read_back
    formulas = [c.coordinate for ws in workbook.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []


def test_xlsx_keeps_negative_numbers_as_numbers(planted):
    communes = planted.communes.copy()
    communes["evolution_population"] = -1.25
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(replace(planted, communes=communes))))
    cells = _column(workbook[SHEET_TITLES["communes"]], "Évolution annuelle moyenne de la population (%)")
    assert {c.data_type for c in cells} == {"n"} and {c.value for c in cells} == {-1.25}


def test_csv_escapes_formula_like_texts_and_keeps_negative_numbers(planted):
    communes = planted.communes.copy()
    communes["evolution_population"] = -1.25
    text = render_csv(replace(planted, communes=communes)).decode(ENCODING)
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=SEPARATOR))
    assert [r["Commune"] for r in rows[: len(PLANTED)]] == ["'" + t for t in PLANTED]
    assert {r["Évolution annuelle moyenne de la population (%)"] for r in rows} == {"-1,25"}
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())
