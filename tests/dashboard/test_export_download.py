"""The "Exporter" links of région and département pages download the snapshot."""

from __future__ import annotations

import io

import pypdf
import pytest
from openpyxl import load_workbook

from dashboard.app import create_app
from dashboard.fiches import FICHE_LABEL, export_block


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


def test_commune_export_block_links_its_one_page_fiche():
    block = str(export_block("commune", "29001"))
    assert "/exporter/commune/29001/fiche.pdf" in block and FICHE_LABEL in block
    assert "fiche.pdf" not in str(export_block("departement", "29"))


def test_fiche_download_is_one_pdf_page(client):
    response = client.get("/exporter/commune/29001/fiche.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and 'filename="fiche-saint-eloi-des-landes-29001_' in disposition
    assert len(pypdf.PdfReader(io.BytesIO(response.data)).pages) == 1
    head = client.head("/exporter/commune/22001/fiche.pdf")  # never rendered: answered without work
    assert head.status_code == 200 and head.mimetype == "application/pdf" and not head.data


@pytest.mark.parametrize("code", ["99999", "2900", "29001x", "..", "2a001"])
def test_fiche_of_an_unknown_or_invalid_commune_is_404_in_french(client, code):
    response = client.get(f"/exporter/commune/{code}/fiche.pdf")
    assert response.status_code == 404
    assert "Commune introuvable" in response.get_data(as_text=True)


def test_fiche_url_never_reaches_a_path(client):
    assert client.get("/exporter/commune/%2e%2e%2f%2e%2e%2fetc/fiche.pdf").status_code == 404
