"""What the dashboard does for screen readers, keyboards and small screens, on the small
warehouse: badge contrast, page titles, the table of the territories the map shows, the HTML
legend. (axe-core in a real browser: tests/integration/test_accessibility_browser.py.)"""

from __future__ import annotations

import json

import pytest

from atlas.format import score
from atlas.vocabulary import MATURITY_COLOURS
from dashboard import territories
from dashboard.app import create_app
from dashboard.components import MIN_CONTRAST, contrast, text_on
from dashboard.data import Warehouse
from dashboard.figures.carte import BIVARIEE_LABELS
from dashboard.figures.mesures import STATUT_COULEURS
from dashboard.mapstate import MapState
from dashboard.mapview import legend, national_layer
from tests.dashboard.test_home import _text
from tests.support.small_warehouse import COMMUNES


@pytest.fixture(scope="module")
def warehouse(small_run):
    return Warehouse(small_run.db_path)


@pytest.mark.parametrize("colour", sorted({*MATURITY_COLOURS.values(), *STATUT_COULEURS.values()}))
def test_every_badge_text_reaches_the_wcag_aa_contrast(colour):
    assert contrast(text_on(colour), colour) >= MIN_CONTRAST


def test_page_titles_name_the_territory_and_its_level(small_run):
    import dash

    create_app(small_run.db_path)
    titles = {page["path_template"]: page["title"] for page in dash.page_registry.values() if page.get("path_template")}
    commune = COMMUNES[0]
    assert titles["/commune/<code>"](code=commune.code) == f"{commune.nom} — commune — Atlas des alliances territoriales"
    assert titles["/departement/<code>"](code="29").endswith(" — département — Atlas des alliances territoriales")
    assert titles["/commune/<code>"](code="99999") == "Commune introuvable — Atlas des alliances territoriales"


def test_the_table_lists_the_territories_the_map_shows_with_their_card_and_drill_down(warehouse):
    state = MapState(couche="fragilite", echelle="departement")
    shown = territories.visible_territories(state, warehouse)
    assert list(shown.index) == list(warehouse.indicators("departement").index)
    table = territories.territory_rows(state, warehouse)
    assert table["titre"] == "Départements affichés" and table["colonnes"][2] == "Fragilité"
    frame = warehouse.indicators("departement").sort_index()
    assert [row[0] for row in table["lignes"]] == list(frame.index)
    for row, (code, indicators) in zip(table["lignes"], frame.iterrows()):
        assert row[1] == indicators["nom"] and row[2] == f"/departement/{code}"  # the name opens the card
        assert row[6] == f"#couche=fragilite&departement={code}"  # the last column drills down like a click
        assert row[4] == (None if indicators["fragilite_score"] != indicators["fragilite_score"]
                          else pytest.approx(indicators["fragilite_score"]))
        assert row[3] == score(indicators["fragilite_score"])
    json.dumps(table)  # plain values, sent as they are


def test_the_communes_of_a_departement_link_to_their_card_without_drilling_further(warehouse):
    state = MapState(departement="29", region=warehouse.territory("departement", "29")["region"])
    rows = territories.territory_rows(state, warehouse)["lignes"]
    assert {c.code for c in COMMUNES if c.departement == "29"} == {row[0] for row in rows}
    assert all(row[2] == f"/commune/{row[0]}" and row[6] is None for row in rows)
    assert "Sur la carte" not in territories.territory_rows(state, warehouse)["colonnes"]  # nothing to drill into


def test_the_bivariate_layer_gives_each_territory_its_cell(warehouse):
    state = MapState(couche="bivariee", echelle="departement")
    rows = territories.territory_rows(state, warehouse)["lignes"]
    layer = national_layer(warehouse, "departement", "bivariee")
    cells = dict(zip(layer.codes, layer.z))
    assert {row[0]: row[4] for row in rows if row[4] is not None} == cells
    assert all(row[3] == BIVARIEE_LABELS[cells[row[0]]] for row in rows if row[0] in cells)


def test_too_many_territories_leave_a_message_instead_of_a_table(warehouse, monkeypatch):
    monkeypatch.setattr(territories, "MAX_ROWS", 2)
    table = territories.territory_rows(MapState(echelle="commune"), warehouse)
    assert "choisissez une région ou un département" in table["message"] and "lignes" not in table


@pytest.mark.parametrize("couche, bounds", [("fragilite", ["0", "100"]), ("crte", ["0\u00a0%", "100\u00a0%"])])
def test_the_legend_under_the_map_gives_the_colour_scale_in_text(warehouse, couche, bounds):
    state = MapState(couche=couche)
    text = _text(legend(state, national_layer(warehouse, state.level, couche)))
    assert all(bound in text for bound in bounds)


def test_the_legend_of_the_classes_names_every_class(warehouse):
    layer = national_layer(warehouse, "region", "maturite")
    text = _text(legend(MapState(), layer))
    assert all(label in text for label in layer.classes)
