"""The "Exporter" links of région and département pages download the snapshot."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from dashboard.app import create_app
from dashboard.fiches import export_block


@pytest.fixture(scope="module")
def client(small_run):
    return create_app(small_run.db_path).server.test_client()


def test_export_links_for_every_format():
    block = str(export_block("region", "53"))
    for fmt in ("pdf", "xlsx", "gpkg", "geojson", "csv", "png"):
        assert f"/exporter/region/53/{fmt}" in block


def test_xlsx_download_has_content_type_and_file_name(client):
    response = client.get("/exporter/region/53/xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and 'filename="bretagne-53_' in disposition
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    assert len(workbook.sheetnames) >= 6


def test_csv_download_of_a_departement(client, small_db):
    response = client.get("/exporter/departement/29/csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    communes = small_db.execute("SELECT count(*) FROM commune WHERE departement = '29'").fetchone()[0]
    assert len(response.data.decode("utf-8-sig").splitlines()) == 1 + communes
    assert "finistere-29_" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("level, code", [("epci", "242900001"), ("commune", "29001")])
def test_csv_download_of_an_epci_and_a_commune(client, small_db, level, code):
    response = client.get(f"/exporter/{level}/{code}/csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    communes = [c for (c,) in small_db.execute(
        "SELECT commune FROM territoire_commune WHERE niveau = ? AND code = ? ORDER BY commune", [level, code]).fetchall()]
    lines = response.data.decode("utf-8-sig").splitlines()
    assert [line.split(";")[0] for line in lines[1:]] == communes
    assert f"-{code}_" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("url", ["/exporter/region/99/pdf", "/exporter/commune/99999/pdf", "/exporter/epci/999999999/pdf",
                                 "/exporter/canton/2901/pdf", "/exporter/region/53/exe"])
def test_unknown_territory_level_or_format_is_404(client, url):
    assert client.get(url).status_code == 404
