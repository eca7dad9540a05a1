"""The home page starts its map's downloads from its <head>, and carries its map's first state."""

from __future__ import annotations

import json
import re

import pytest

from dashboard import prefetch
from dashboard.app import create_app
from dashboard.probe import CallbackProbe

ROUTER = {"output": ".._pages_content.children..._pages_store.data..",
          "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}]}


@pytest.fixture(scope="module")
def app(small_run):
    return create_app(small_run.db_path)


@pytest.fixture(scope="module")
def client(app):
    return CallbackProbe(app).client  # its first request lets Dash register the pages' router


def _page(client, fragment: str) -> dict:
    """The home page's content for the URL fragment ``fragment``, as the pages' router sends it."""
    body = {**ROUTER, "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/"},
                                 {"id": "_pages_location", "property": "search", "value": ""}],
            "state": [{"id": "_pages_location", "property": "hash", "value": fragment}],
            "changedPropIds": ["_pages_location.pathname"]}
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response.get_json()["response"]["_pages_content"]["children"]


def _find(tree, component_id: str):
    if isinstance(tree, list):
        return next((found for child in tree if (found := _find(child, component_id)) is not None), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if props.get("id") == component_id:
        return props
    return _find(props.get("children"), component_id)


def test_the_home_page_head_fetches_the_geometry_of_each_france_wide_view(client):
    page = client.get("/").get_data(as_text=True)
    head = page[:page.index("</head>")]
    urls = json.loads(re.search(r'<script type="application/json" id="atlas-precharge">(.*?)</script>', head).group(1))
    assert urls["defaut"] == "region"
    assert urls["echelles"]["region"] == ["/geo/france/region.geojson?v=" + urls["echelles"]["region"][0].split("=")[1]]
    assert [u.split("?")[0] for u in urls["echelles"]["departement"]] == ["/geo/france/departement.geojson",
                                                                          "/geo/france/region.geojson"]
    assert f"<script>{prefetch.SCRIPT}</script>" in head
    assert '<link rel="preload" as="script" href="/_dash-component-suites/plotly/package_data/plotly.min.js">' in head
    # the inline script is allowed by its hash, and only on the home page
    assert prefetch.script_hash() in client.get("/").headers["Content-Security-Policy"]
    assert "atlas-precharge" not in client.get("/sources").get_data(as_text=True)


def test_every_geometry_url_prefetched_is_served(client):
    for urls in prefetch.geometry_urls(client.application.config["WAREHOUSE"]).values():
        for url in urls:
            assert client.get(url).status_code == 200


def test_the_home_page_carries_the_map_of_its_url_fragment(client):
    page = _page(client, "#couche=fragilite&echelle=departement")
    figure = _find(page, "carte-donnees")["data"]
    assert figure["data"][0]["name"] == "Fragilité" and figure["data"][0]["geojson"].startswith("/geo/france/departement")
    assert _find(page, "carte-url")["hash"] == "#couche=fragilite&echelle=departement"
    assert _find(page, "carte-couche")["value"] == "fragilite"
    assert _find(page, "carte-echelle")["value"] == "departement"
    assert _find(page, "carte-panneau")["children"]  # the panel of France
    # no fragment: the default map, by région
    page = _page(client, "")
    assert _find(page, "carte-donnees")["data"]["data"][0]["geojson"].startswith("/geo/france/region")
    assert _find(page, "carte-url")["hash"] == ""
