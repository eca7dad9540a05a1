"""The « Données » page and the template downloads, on the small demo warehouse."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from atlas.entities import ENTITIES
from dashboard.app import create_app
from dashboard.templates import XLSX_MIMETYPE, donnees_layout, template_url
from exports.templates import published_counts


@pytest.fixture(scope="module")
def client(small_run):
    return create_app(small_run.db_path).server.test_client()


def _shown(component) -> str:
    return json.dumps(component, default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def test_the_page_offers_both_templates_of_every_input_file(small_db):
    counts = published_counts(small_db)
    page = _shown(donnees_layout(counts))
    for spec in ENTITIES.values():
        assert template_url(spec) in page and template_url(spec, True) in page
        assert spec.label in page
    assert counts["alliances"] > 0 and f"({counts['alliances']} lignes)" in page


def test_the_page_is_served_publicly(client):
    response = client.get("/donnees")
    assert response.status_code == 200


@pytest.mark.parametrize("filled", [False, True])
def test_a_template_downloads_under_the_expected_file_name(client, small_db, filled):
    spec = ENTITIES["alliances"]
    response = client.get(template_url(spec, filled))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == XLSX_MIMETYPE
    assert response.headers["Content-Disposition"] == 'attachment; filename="alliances.xlsx"'
    ws = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)["alliances"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    if filled:
        assert len(rows) == published_counts(small_db)["alliances"]
    else:
        assert [r[0] for r in rows] == ["oui"] * 3


@pytest.mark.parametrize("path", ["/modeles/inconnu.xlsx", "/modeles/remplis/lignes.xlsx", "/modeles/../x.xlsx"])
def test_an_unknown_template_is_404(client, path):
    assert client.get(path).status_code == 404
