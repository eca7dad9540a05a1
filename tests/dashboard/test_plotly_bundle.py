"""The pages' plotly.js: the reduced bundle when it was built for the installed plotly, else Dash's own."""

from __future__ import annotations

import gzip
import sys

import pytest

from dashboard import plotly_bundle
from dashboard.app import create_app
from dashboard.plotly_bundle import PLOTLY_PATH, TRACES, bundle_path, plotlyjs_version

GZIP = {"Accept-Encoding": "gzip"}


def test_the_bundle_is_named_after_the_plotlyjs_version_of_the_installed_plotly(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    version = plotlyjs_version()
    assert version.count(".") == 2
    assert bundle_path() == tmp_path / "share" / "atlas" / f"plotly-{version}-atlas.min.js"


def test_the_command_line_tells_the_makefile_what_to_build(capsys):
    assert plotly_bundle.main(["traces"]) == 0
    assert capsys.readouterr().out.split() == list(TRACES)
    assert plotly_bundle.main(["version"]) == 0 and capsys.readouterr().out.strip() == plotlyjs_version()
    assert plotly_bundle.main(["nimporte"]) == 2


@pytest.fixture
def built_bundle(monkeypatch, tmp_path):
    """A bundle file where the app looks for it (its content a marker, not plotly.js)."""
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    path = bundle_path()
    path.parent.mkdir(parents=True)
    path.write_text("/* plotly.js réduit */ var Plotly = {};" + " " * 2000)
    return path


def test_a_built_bundle_is_served_at_dash_plotly_url_compressed_and_revalidated(small_run, built_bundle):
    client = create_app(small_run.db_path).server.test_client()
    response = client.get("/" + PLOTLY_PATH, headers=GZIP)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.mimetype == "text/javascript"
    assert gzip.decompress(response.data) == built_bundle.read_bytes()
    assert response.headers["Cache-Control"] == "no-cache"
    etag = response.headers["ETag"]  # as flask-compress marked it
    assert client.get("/" + PLOTLY_PATH, headers={**GZIP, "If-None-Match": etag}).status_code == 304
    plain = client.get("/" + PLOTLY_PATH)
    assert plain.data == built_bundle.read_bytes()
    assert client.get("/" + PLOTLY_PATH, headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304
    assert client.get("/" + PLOTLY_PATH, headers={"If-None-Match": '"autre"'}).status_code == 200


def test_without_a_bundle_dash_serves_its_full_plotlyjs(small_run, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    client = create_app(small_run.db_path).server.test_client()
    response = client.get("/" + PLOTLY_PATH)
    assert response.status_code == 200
    assert response.data.startswith(b"/**\n* plotly.js v" + plotlyjs_version().encode())
