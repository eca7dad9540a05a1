"""The State programmes in the territory exports, on the small warehouse built with the ANCT
files (``small_public_run``): each file opened with an independent reader (openpyxl,
pyogrio, csv) holds the rows the warehouse has, with their source file."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pyogrio
import pytest

from exports import export_territory

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def files(small_public_db, tmp_path_factory):
    """Région 53 exported as XLSX, GeoPackage and CSV."""
    out = tmp_path_factory.mktemp("export-programmes")
    paths = export_territory(small_public_db, "region", "53", ["xlsx", "gpkg", "csv"], out, today=TODAY)
    return {p.suffix.lstrip("."): p for p in paths}


def test_the_programmes_sheet_holds_every_contract_with_its_source(files, small_public_db):
    expected = small_public_db.execute(
        "SELECT pc.programme, p.libelle, pc.id, t.source, count(DISTINCT pc.commune) FROM programme_commune pc "
        "JOIN programme p ON p.code = pc.programme JOIN commune c ON c.code = pc.commune "
        "JOIN programme_territoire t ON t.programme = pc.programme AND t.id = pc.id "
        "WHERE c.region = '53' GROUP BY ALL").fetchall()
    sheet = openpyxl.load_workbook(files["xlsx"])["Programmes"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    columns = [header.index(h) for h in ("Code du programme", "Programme de l'État",
                                         "Identifiant du contrat ou du site", "Source (fichier de l'ANCT)",
                                         "Communes du territoire couvertes")]
    assert sorted(tuple(r[i] for i in columns) for r in rows) == sorted(expected)
    assert len(expected) > 3
    dates = dict(small_public_db.execute("SELECT id, date_signature FROM programme_territoire").fetchall())
    signed = header.index("Date de signature")
    for row in rows:
        date = dates[row[header.index("Identifiant du contrat ou du site")]]
        assert (row[signed].date() if row[signed] else None) == date


def test_the_geopackage_layer_has_one_feature_per_commune_and_contract(files, small_public_db):
    expected = small_public_db.execute(
        "SELECT DISTINCT pc.commune, pc.programme, pc.id, t.source FROM programme_commune pc "
        "JOIN commune c ON c.code = pc.commune JOIN programme_territoire t ON t.programme = pc.programme "
        "AND t.id = pc.id WHERE c.region = '53'").fetchall()
    layer = pyogrio.read_dataframe(files["gpkg"], layer="programmes")
    assert sorted(zip(layer["code"], layer["programme"], layer["contrat"], layer["source"])) == sorted(expected)
    assert pyogrio.read_info(files["gpkg"], layer="programmes")["crs"] == "EPSG:2154"
    outlined = {c for (c,) in small_public_db.execute("SELECT code FROM commune WHERE geom IS NOT NULL").fetchall()}
    assert set(layer.loc[layer.geometry.notna(), "code"]) == {c for c, *_ in expected} & outlined
    assert (layer.geometry.dropna().area > 0).all()  # a commune without outline is kept, without geometry


def test_the_csv_names_the_programmes_and_crte_of_each_commune(files, small_public_db):
    reader = csv.reader(io.StringIO(files["csv"].read_bytes().decode("utf-8-sig")), delimiter=";")
    header = next(reader)
    rows = {r[0]: r for r in reader}
    programmes = dict(small_public_db.execute(
        "SELECT pc.commune, string_agg(DISTINCT p.libelle, ' | ' ORDER BY p.libelle) FROM programme_commune pc "
        "JOIN programme p ON p.code = pc.programme GROUP BY pc.commune").fetchall())
    crte = dict(small_public_db.execute(
        "SELECT cc.commune, string_agg(DISTINCT k.nom, ' | ' ORDER BY k.nom) FROM crte_commune cc "
        "JOIN crte k ON k.id = cc.crte GROUP BY cc.commune").fetchall())
    sources = dict(small_public_db.execute(
        "SELECT pc.commune, string_agg(DISTINCT t.source, ' | ' ORDER BY t.source) FROM programme_commune pc "
        "JOIN programme_territoire t ON t.programme = pc.programme AND t.id = pc.id GROUP BY pc.commune").fetchall())
    assert programmes and crte
    for code, row in rows.items():
        assert row[header.index("Programmes de l'État")] == programmes.get(code, ""), code
        assert row[header.index("Nombre de programmes de l'État")] == str(
            len(programmes[code].split(" | ")) if code in programmes else 0), code
        assert row[header.index("Source des programmes (fichiers de l'ANCT)")] == sources.get(code, ""), code
        assert row[header.index("CRTE couvrant la commune")] == crte.get(code, ""), code


def test_an_export_without_programmes_keeps_its_sheet_and_layer(small_db, tmp_path):
    assert small_db.execute("SELECT count(*) FROM programme").fetchone()[0] == 0
    paths = export_territory(small_db, "departement", "29", ["xlsx", "gpkg"], tmp_path, today=TODAY)
    xlsx, gpkg = sorted(paths, key=lambda p: p.suffix, reverse=True)
    assert openpyxl.load_workbook(xlsx)["Programmes"].max_row == 1  # the header alone
    assert pyogrio.read_info(gpkg, layer="programmes")["features"] == 0
