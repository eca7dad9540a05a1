"""What the dashboard does for screen readers, keyboards and small screens, on the small
warehouse: badge contrast, page titles, the table of the territories the map shows, the HTML
legend. (axe-core in a real browser: tests/integration/test_accessibility_browser.py.)"""

from __future__ import annotations

import pytest

from atlas.vocabulary import MATURITY_COLOURS
from dashboard import territories
from dashboard.app import create_app
from dashboard.components import MIN_CONTRAST, contrast, text_on
from dashboard.data import Warehouse
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


def _props(component, found=None):
    """Every component of a Dash tree, depth first."""
    found = [] if found is None else found
    if isinstance(component, (list, tuple)):
        for child in component:
            _props(child, found)
    elif hasattr(component, "to_plotly_json"):
        found.append(component)
        _props(getattr(component, "children", None), found)
    return found


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
    heading, _help, table = territories.territory_table(state, warehouse)
    links = {c.href for c in _props(table) if getattr(c, "href", None)}
    for code in shown.index:
        assert f"/departement/{code}" in links  # the name opens the card
        assert f"#couche=fragilite&departement={code}" in links  # the last column drills down like a click
    headers = [c for c in _props(table) if type(c).__name__ == "Th"]
    assert [h.to_plotly_json()["props"]["aria-sort"] for h in headers] == ["ascending", "none", "none", "none", "none"]
    assert "Fragilité" in _text(headers)
    values = [c.to_plotly_json()["props"]["data-tri"] for c in _props(table) if type(c).__name__ == "Td"][2::5]
    expected = warehouse.indicators("departement").sort_index()["fragilite_score"]
    assert values == ["" if v != v else repr(float(v)) for v in expected]


def test_the_communes_of_a_departement_link_to_their_card_without_drilling_further(warehouse):
    state = MapState(departement="29", region=warehouse.territory("departement", "29")["region"])
    *_, table = territories.territory_table(state, warehouse)
    text = _text(table)
    assert {c.code for c in COMMUNES if c.departement == "29"} <= {c.href.rsplit("/", 1)[1] for c in _props(table)
                                                                     if getattr(c, "href", "").startswith("/commune/")}
    assert "#couche" not in str([getattr(c, "href", "") for c in _props(table)]) and COMMUNES[0].nom in text


def test_too_many_territories_leave_a_message_instead_of_a_table(warehouse, monkeypatch):
    monkeypatch.setattr(territories, "MAX_ROWS", 2)
    heading, message = territories.territory_table(MapState(echelle="commune"), warehouse)
    assert "choisissez une région ou un département" in _text(message)


@pytest.mark.parametrize("couche, bounds", [("fragilite", ["0", "100"]), ("crte", ["0\u00a0%", "100\u00a0%"])])
def test_the_legend_under_the_map_gives_the_colour_scale_in_text(warehouse, couche, bounds):
    state = MapState(couche=couche)
    text = _text(legend(state, national_layer(warehouse, state.level, couche)))
    assert all(bound in text for bound in bounds)


def test_the_legend_of_the_classes_names_every_class(warehouse):
    layer = national_layer(warehouse, "region", "maturite")
    text = _text(legend(MapState(), layer))
    assert all(label in text for label in layer.classes)
