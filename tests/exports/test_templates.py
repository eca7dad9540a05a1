"""XLSX templates of the input files: shape, drop-downs, formats, and the round trip through
the real loader (filled with openpyxl as a user would)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import openpyxl
import pytest

from atlas.entities import ENTITIES, EXAMPLE_COLUMN
from atlas.warehouse import fetch_df
from etl.domain.loader import load_domain_dir
from etl.domain.register import references_from_warehouse
from exports.templates import (
    PUBLISHED_TABLES,
    published_counts,
    EXAMPLE_ROWS,
    HELP_SHEET,
    LISTS_SHEET,
    closed_values,
    render_template,
    template_name,
    write_templates,
)
from tests.fixtures_domain import REFS


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("modeles")
    write_templates(folder)
    return folder


def _validation_of(ws, letter: str):
    for dv in ws.data_validations.dataValidation:
        if any(str(r).startswith(f"{letter}2:") for r in dv.sqref.ranges):
            return dv
    return None


@pytest.mark.parametrize("name", list(ENTITIES))
def test_template_has_the_documented_columns_examples_and_help(blank, name):
    spec = ENTITIES[name]
    wb = openpyxl.load_workbook(blank / template_name(spec))
    assert wb.sheetnames == [spec.name, HELP_SHEET, LISTS_SHEET]
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    ws = wb[spec.name]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [EXAMPLE_COLUMN, *spec.column_names]
    examples = [r for r in rows[1:] if r[0] is not None]
    assert len(examples) == EXAMPLE_ROWS and all(r[0] == "oui" for r in examples)
    help_text = [c for r in wb[HELP_SHEET].iter_rows(values_only=True) for c in r if c]
    for column in spec.columns:
        assert column.name in help_text and column.description in help_text


@pytest.mark.parametrize("name", list(ENTITIES))
def test_closed_vocabularies_are_drop_downs_on_the_hidden_sheet(blank, name):
    spec = ENTITIES[name]
    wb = openpyxl.load_workbook(blank / template_name(spec))
    ws, lists = wb[spec.name], wb[LISTS_SHEET]
    for index, column in enumerate(spec.columns, start=2):
        letter = openpyxl.utils.get_column_letter(index)
        dv = _validation_of(ws, letter)
        values = closed_values(column)
        if not values:
            assert dv is None or dv.type != "list"
            continue
        assert dv.type == "list" and dv.formula1.startswith(f"='{LISTS_SHEET}'!")
        area = dv.formula1.split("!", 1)[1].replace("$", "")
        offered = tuple(c.value for row in lists[area] for c in row)
        assert offered == values
        # one value per cell is enforced, except in list cells (several values joined by |)
        assert dv.errorStyle == ("information" if column.is_list else "stop")


def test_the_usual_closed_lists_are_offered():
    alliances = ENTITIES["alliances"]
    assert "Mécénat" in closed_values(alliances.column("forme"))
    assert "Acteur académique" in closed_values(alliances.column("types_partenaires"))
    assert closed_values(alliances.column("odd")) == tuple(str(i) for i in range(1, 18))
    assert closed_values(ENTITIES["mesures"].column("levier"))[-1] == "Levier 7"
    assert closed_values(alliances.column("intitule")) == ()


def test_codes_are_text_dates_and_numbers_formatted(blank):
    spec = ENTITIES["alliances"]
    ws = openpyxl.load_workbook(blank / template_name(spec))[spec.name]
    letters = {c.name: openpyxl.utils.get_column_letter(i) for i, c in enumerate(spec.columns, 2)}
    for name, expected in (("communes", "@"), ("epci", "@"), ("date_debut", "DD/MM/YYYY"),
                           ("budget", "#,##0.##"), ("id", "@")):
        assert ws.column_dimensions[letters[name]].number_format == expected
        assert ws[f"{letters[name]}10"].number_format == expected  # an empty row below
    assert isinstance(ws[f"{letters['date_debut']}2"].value, dt.datetime)


def test_a_blank_template_loads_nothing_and_reports_its_examples(blank):
    load = load_domain_dir(blank, REFS)
    assert load.rejects == []
    assert {c.entity: (c.read, c.loaded) for c in load.file_counts} == {n: (0, 0) for n in ENTITIES}
    notes = [w for w in load.warnings if "ligne(s) d'exemple ignorée(s)" in w]
    assert len(notes) == len(ENTITIES)
    assert "alliances.xlsx : 3 ligne(s) d'exemple ignorée(s) (colonne « exemple », ligne(s) 2, 3, 4)" in notes[0]
    assert not any("inconnue" in w for w in load.warnings)


def test_example_rows_are_valid_rows_once_unmarked(tmp_path, blank):
    for spec in ENTITIES.values():
        wb = openpyxl.load_workbook(blank / template_name(spec))
        ws = wb[spec.name]
        for row in range(2, 2 + EXAMPLE_ROWS):
            ws.cell(row, 1).value = None
        wb.save(tmp_path / template_name(spec))
    # the documented examples name two real codes outside the test references
    refs = replace(REFS, communes=REFS.communes | {"12225"}, departements=REFS.departements | {"81"},
                   regions=REFS.regions | {"53"})
    load = load_domain_dir(tmp_path, refs)
    assert load.rejects == []
    assert all(c.loaded == EXAMPLE_ROWS for c in load.file_counts)


def _fill(path, spec, rows):
    """Type rows under the examples as a user would: values in cells, dates as text or dates."""
    wb = openpyxl.load_workbook(path)
    ws = wb[spec.name]
    start = 2 + EXAMPLE_ROWS
    for offset, values in enumerate(rows):
        for index, name in enumerate(spec.column_names, start=2):
            if name in values:
                ws.cell(start + offset, index).value = values[name]
    wb.save(path)


def test_a_filled_template_loads_through_the_loader_without_rejects(tmp_path):
    alliances, catalyseurs = ENTITIES["alliances"], ENTITIES["catalyseurs"]
    for spec in (alliances, catalyseurs):
        (tmp_path / template_name(spec)).write_bytes(render_template(spec))
    _fill(tmp_path / "alliances.xlsx", alliances, [
        {"id": "AL-1", "intitule": "Jardins partagés", "date_debut": "15/03/2024",  # typed as text
         "statut": "Active", "communes": "01001|01004", "types_partenaires": "Association|Entreprise",
         "forme": "Mécénat", "odd": "2|17", "budget": 1200.5},
        {"id": "AL-2", "intitule": "Tiers-lieu", "date_debut": dt.datetime(2021, 9, 1),
         "date_fin": dt.datetime(2023, 6, 30), "statut": "Terminée", "epci": "200040715",
         "types_partenaires": "Collectivité|Acteur académique", "forme": "Innovation sociétale"},
    ])
    _fill(tmp_path / "catalyseurs.xlsx", catalyseurs, [
        {"id": "K-1", "nom": "Maison des alliances", "type_structure": catalyseurs.column(
            "type_structure").choices[0].label, "commune": "01004", "territoire_departements": "01|2A",
         "annee_adhesion": 2016},
    ])
    load = load_domain_dir(tmp_path, REFS)
    assert load.rejects == []
    table = load.tables["alliances"].set_index("id")
    assert table.loc["AL-1", "date_debut"] == dt.date(2024, 3, 15)
    assert table.loc["AL-1", "communes"] == ["01001", "01004"]
    assert table.loc["AL-1", "forme"] == "mecenat" and table.loc["AL-1", "budget"] == 1200.5
    assert table.loc["AL-2", "statut"] == "terminee" and table.loc["AL-2", "epci"] == "200040715"
    assert table.loc["AL-2", "types_partenaires"] == ["collectivite", "academique"]
    kat = load.tables["catalyseurs"].iloc[0]
    assert kat["commune"] == "01004" and kat["territoire_departements"] == ["01", "2A"]
    assert kat[("ligne")] == 5  # the row under the three examples, as the spreadsheet numbers it


def test_the_warehouse_as_filled_templates_loads_back_to_the_same_rows(tmp_path, small_db):
    write_templates(tmp_path, small_db)
    load = load_domain_dir(tmp_path, references_from_warehouse(small_db))
    assert load.rejects == []
    counts = {c.entity: c.loaded for c in load.file_counts}
    published = published_counts(small_db)
    assert set(published) == set(ENTITIES)
    for entity, table in PUBLISHED_TABLES.items():
        assert counts[entity] == published[entity] > 0, entity
        assert published[entity] == small_db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    reread = load.tables["alliances"].set_index("id")
    original = fetch_df(small_db, "exports/modeles/alliances").set_index("id")
    for alliance_id, row in original.iterrows():
        assert reread.loc[alliance_id, "statut"] == row["statut"]
        assert sorted(reread.loc[alliance_id, "types_partenaires"]) == sorted(row["types_partenaires"])
        assert reread.loc[alliance_id, "date_debut"] == row["date_debut"].date()


def test_the_mesure_links_round_trip_and_a_filled_template_offers_the_mesure_ids(tmp_path, small_db):
    write_templates(tmp_path, small_db)
    load = load_domain_dir(tmp_path, references_from_warehouse(small_db))
    assert load.rejects == []
    links = {(m, kind, ident)
             for entity, kind in (("alliances", "alliance"), ("experimentations", "experimentation"),
                                  ("catalyseurs", "catalyseur"))
             for ident, mesures in zip(load.tables[entity]["id"], load.tables[entity]["mesure"], strict=True)
             for m in (mesures or ())}
    assert links and links == set(small_db.execute("SELECT mesure, entite, id FROM mesure_lien").fetchall())
    ids = tuple(i for (i,) in small_db.execute("SELECT id FROM mesure ORDER BY id").fetchall())
    for name in ("alliances", "mesures_suivi"):
        spec = ENTITIES[name]
        wb = openpyxl.load_workbook(tmp_path / template_name(spec))
        letter = openpyxl.utils.get_column_letter(spec.column_names.index("mesure") + 2)
        dv = _validation_of(wb[spec.name], letter)
        assert dv.type == "list" and dv.errorStyle == "information"  # a new mesure typed beside is allowed
        area = dv.formula1.split("!", 1)[1].replace("$", "")
        assert tuple(c.value for row in wb[LISTS_SHEET][area] for c in row) == ids
