"""The search page ``/recherche?q=…``: a search form and every result as a link to its card."""

from __future__ import annotations

import json
import sys

import dash
import pytest

from dashboard.app import create_app
from dashboard.search import Hit


@pytest.fixture(scope="module")
def page(demo_run):
    """The search page module, as the app registered it."""
    create_app(demo_run.db_path)
    registered = next(p for p in dash.page_registry.values() if p["path"] == "/recherche")
    return sys.modules[registered["module"]]


@pytest.fixture(scope="module")
def client(demo_run):
    return create_app(demo_run.db_path).server.test_client()


def _shown(component) -> str:
    return json.dumps(component, default=lambda o: o.to_plotly_json(), ensure_ascii=False)


@pytest.mark.parametrize("path", ["/recherche", "/recherche?q=brest", "/recherche?q=zzzqqq", "/recherche/?q="])
def test_the_search_page_answers_200(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"<div id=\"react-entry-point\">" in response.data and b"Traceback" not in response.data


def test_results_link_to_the_cards(page):
    shown = _shown(page.layout(q="brest"))
    assert '"href": "/commune/29019"' in shown and "Brest" in shown and "Finistère" in shown
    assert "territoires trouvés." in shown
    assert '"name": "q"' in shown and '"value": "brest"' in shown  # the form keeps the query
    assert '"action": "/recherche"' in shown and '"method": "GET"' in shown
    by_postal_code = _shown(page.layout(q="29200"))
    assert '"href": "/commune/29019"' in by_postal_code or '"href": "/departement/29"' in by_postal_code


@pytest.mark.parametrize("query", [None, "", "   ", "b"])
def test_no_query_shows_the_box_and_a_hint(page, query):
    shown = _shown(page.layout(q=query))
    assert "recherche-aide" in shown and "Tapez au moins deux caractères" in shown
    assert "recherche-liste" not in shown and '"name": "q"' in shown


def test_nothing_found_says_so_in_french(page):
    shown = _shown(page.layout(q="zzzqqq"))
    assert "Aucun territoire ne correspond à « zzzqqq »." in shown and "recherche-liste" not in shown


def test_the_count_of_results(page):
    hits = [Hit("commune", f"2901{i}", f"Commune {i}", "Finistère") for i in range(3)]
    assert "3 territoires trouvés." in _shown(page.search_page("commune", hits))
    assert "1 territoire trouvé." in _shown(page.search_page("commune", hits[:1]))
    many = hits * page.SEARCH_LIMIT
    assert "précisez la recherche" in _shown(page.search_page("commune", many[:page.SEARCH_LIMIT]))


def test_the_live_results_offer_every_result_on_the_search_page(page):
    from dashboard.components import show_results

    shown = _shown(show_results("saint etienne"))
    assert '"href": "/recherche?q=saint+etienne"' in shown and "Tous les résultats" in shown
