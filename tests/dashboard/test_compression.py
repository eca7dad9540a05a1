"""Compression of pages, scripts, callback answers and geometry, as a browser asks for them."""

from __future__ import annotations

import gzip
import json
import re

from dashboard.data import get_warehouse
from dashboard.probe import CallbackProbe
from tests.dashboard.test_routes import app, client  # noqa: F401  (the app over the small warehouse)

GZIP = {"Accept-Encoding": "gzip, deflate"}


def _scripts(client) -> list[str]:
    page = client.get("/", headers=GZIP)
    assert page.headers["Content-Encoding"] == "gzip"
    return re.findall(r'<script src="(/_dash-component-suites/[^"]+)"', gzip.decompress(page.data).decode())


def test_dash_scripts_travel_gzipped_and_are_cached_a_year(client):
    scripts = _scripts(client)
    assert any("dash_renderer" in path for path in scripts)
    for path in scripts:
        response = client.get(path, headers=GZIP)
        assert response.status_code == 200, path
        assert response.headers["Content-Encoding"] == "gzip", path
        assert response.headers["Cache-Control"] == "max-age=31536000", path  # fingerprinted URL
        assert response.headers["Content-Security-Policy"]  # the CSP is still there
        assert len(gzip.decompress(response.data)) > len(response.data)


def test_a_script_is_compressed_once_per_process(client):
    path = next(p for p in _scripts(client) if "dash_core_components.v" in p)
    first = client.get(path, headers=GZIP).data
    assert client.get(path, headers=GZIP).data == first
    assert client.get(path).headers.get("Content-Encoding") is None  # a client without gzip gets it plain
    cache = client.application.extensions["compress"].cache
    assert f"gzip;{path}?" in cache._data and not any(key.endswith(";") for key in cache._data)


def test_callback_answers_travel_gzipped(app):
    probe = CallbackProbe(app)
    probe.client.environ_base["HTTP_ACCEPT_ENCODING"] = "gzip"
    status, body, _ = probe.map("#couche=maturite&echelle=commune", couche="fragilite", echelle="commune",
                                changed="carte-couche.value")
    assert status == 200
    figure = json.loads(gzip.decompress(body))["response"]["carte-donnees"]["data"]
    assert figure["data"][0]["meta"]["tuiles"].startswith("/tuiles/commune/{z}/{x}/{y}.pbf")


def test_geometry_is_gzipped_once_and_not_twice(client):
    version = get_warehouse().version
    for path in (f"/geo/region.geojson?v={version}", f"/geo/france/commune.geojson?v={version}"):
        response = client.get(path, headers=GZIP)
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert json.loads(gzip.decompress(response.data))["type"] == "FeatureCollection"
