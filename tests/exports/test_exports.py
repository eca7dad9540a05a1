"""Territory exports: every file opened with an independent reader and checked.

On the small warehouse, the région (53) is exported once through the ``territoires export``
command and one département (22, with a commune the source gives no outline for) once
through the Python API; expected values are read from the warehouse, never written here.
The overseas case (local CRS) is in tests/integration/test_exports.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tempfile
from pathlib import Path

import openpyxl
import pyogrio
import pypdf
import pytest
from PIL import Image

from atlas.provenance import read_demo_status
from exports import FORMATS, UnknownFormatError, UnknownTerritoryError, export_territory, render
from tests.support.cli import handled, run_cli

DEMO = "données de démonstration"
TODAY = dt.date(2026, 11, 23)
EXTENSIONS = {"pdf", "xlsx", "gpkg", "geojson", "csv", "png"}


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _grouped(n: int) -> str:
    """``1202`` -> ``1 202``, as the report prints integers."""
    return f"{n:,}".replace(",", " ")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def bretagne(small_db):
    """What the warehouse says about région 53."""
    row = small_db.execute("SELECT nom FROM region WHERE code = '53'").fetchone()
    communes = [c for (c,) in small_db.execute("SELECT code FROM commune WHERE region = '53' ORDER BY code").fetchall()]
    epci = small_db.execute("SELECT count(DISTINCT epci) FROM commune WHERE region = '53'").fetchone()[0]
    area = small_db.execute("SELECT sum(superficie_km2) FROM commune WHERE region = '53'").fetchone()[0]
    alliances = small_db.execute(
        "SELECT count(DISTINCT ac.alliance) FROM alliance_commune ac JOIN commune c ON c.code = ac.commune "
        "WHERE c.region = '53'"
    ).fetchone()[0]
    top = small_db.execute(
        "SELECT c.nom FROM priorite p JOIN commune c ON c.code = p.code "
        "WHERE p.region = '53' AND p.niveau = 'commune' ORDER BY p.rang LIMIT 1"
    ).fetchone()[0]
    mesures = [m for (m,) in small_db.execute("SELECT id FROM mesure ORDER BY id").fetchall()]
    sources = json.loads(small_db.execute("SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
    extent = small_db.execute(
        "SELECT min(ST_XMin(geom)), min(ST_YMin(geom)), max(ST_XMax(geom)), max(ST_YMax(geom)) "
        "FROM commune WHERE region = '53'").fetchone()
    vintages = small_db.execute(
        "SELECT DISTINCT e.annee_debut, e.annee_fin FROM commune_evolution_population e "
        "JOIN commune c ON c.code = e.commune WHERE c.region = '53' AND e.source = 'millesimes'").fetchall()
    census = {y for (y,) in small_db.execute("SELECT DISTINCT population_annee FROM commune WHERE region = '53'").fetchall()}
    scores = {code: {"maturite_score": m, "fragilite_score": f} for code, m, f in small_db.execute(
        "SELECT code, maturite_score, fragilite_score FROM indicateur_territoire WHERE niveau = 'commune'").fetchall()}
    return {
        "nom": row[0], "communes": communes, "epci": epci, "area": area, "alliances": alliances,
        "top": top, "mesures": mesures, "sources": sources, "extent": extent, "vintages": vintages,
        "census": census, "scores": scores,
    }


@pytest.fixture(scope="module")
def region_export(small_run, tmp_path_factory):
    """``territoires export --region 53`` in every format, run once."""
    out = tmp_path_factory.mktemp("export-region") / "sortie"
    result = run_cli("export", "--region", "53", "--format", ",".join(FORMATS), "--out", str(out),
                     "--db", str(small_run.db_path))
    assert result.exit_code == 0, result.stderr
    files = {p.suffix[1:]: p for p in out.iterdir()}
    return result, files


@pytest.fixture(scope="module")
def departement_export(small_db, tmp_path_factory):
    """The Python API on département 22, every format, run once."""
    out = tmp_path_factory.mktemp("export-departement")
    paths = export_territory(small_db, "departement", "22", FORMATS, out, today=TODAY)
    return {p.suffix[1:]: p for p in paths}


def test_region_sanity(bretagne):
    assert bretagne["nom"] == "Bretagne"
    assert len(bretagne["communes"]) > 5 and bretagne["epci"] > 1
    assert any(s.get("demo") for s in bretagne["sources"])


# --------------------------------------------------------------------------- CLI


def test_cli_writes_one_file_per_format_named_after_territory_and_date(region_export):
    result, files = region_export
    assert set(files) == EXTENSIONS
    for ext, path in files.items():
        match = re.fullmatch(rf"bretagne-53_(\d{{4}}-\d{{2}}-\d{{2}})\.{ext}", path.name)
        assert match, path.name
        assert abs((dt.date.fromisoformat(match.group(1)) - dt.date.today()).days) <= 1
        assert path.stat().st_size > 0
    assert not [p for p in files.values() if p.name.startswith(".")]


def test_cli_prints_the_time_of_each_format(region_export):
    result, files = region_export
    for label in ("PDF", "XLSX", "GeoPackage", "GeoJSON", "CSV", "PNG"):
        assert re.search(rf"✓ {label} \(\d+\.\d\d s\) : .*bretagne-53_", result.stderr), (label, result.stderr)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (("--region", "99"), "inconnue"),
        (("--departement", "975"), "inconnu"),
        (("--region", "../../etc"), "invalide"),
        (("--departement", "29/../../x"), "invalide"),
        (("--region", "53", "--format", "pdf,docx"), "docx"),
        (("--region", "53", "--departement", "29"), "un seul territoire"),
        (("--epci", "53", "--commune", "29019"), "un seul territoire"),
        (("--epci", "999999999"), "inconnu"),
        (("--epci", "2429/../x"), "invalide"),
        (("--commune", "99999"), "inconnue"),
        (("--commune", "../29"), "invalide"),
    ],
)
def test_cli_refuses_bad_input_without_traceback(small_run, tmp_path, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "sortie"
    result = run_cli("export", *args, "--out", str(out), "--db", str(small_run.db_path))
    assert result.exit_code != 0 and handled(result)
    message = " ".join(result.stderr.split())
    assert "Erreur" in message
    assert expected in message
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_cli_unknown_code_lists_known_codes(small_run, bretagne, tmp_path):
    result = run_cli("export", "--region", "99", "--out", str(tmp_path / "x"), "--db", str(small_run.db_path))
    assert f"53 {bretagne['nom']}" in " ".join(result.stderr.split())


# --------------------------------------------------------------------------- PDF


def test_pdf_report_content(region_export, bretagne):
    _, files = region_export
    reader = pypdf.PdfReader(files["pdf"])
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    assert len(reader.pages) >= 4
    text = _pdf_text(files["pdf"])
    flat = " ".join(text.split())
    assert "Bretagne" in text
    assert DEMO in text.lower()
    assert re.search(rf"Communes {_grouped(len(bretagne['communes']))}\b", flat)
    assert re.search(rf"Alliances {_grouped(bretagne['alliances'])}\b", flat)
    for source in bretagne["sources"]:
        assert source["nom"] in text and source["version"] in text
    for heading in ("Chiffres clés", "Maturité des alliances", "Fragilité", "Communes prioritaires",
                    "Répartition des communes par classe de maturité", "Couverture par les CRTE", "ODD"):
        assert heading in text, heading
    for label in ("Pionnier", "Actif", "Premiers pas", "En questionnement"):
        assert label in text
    assert bretagne["top"] in text
    for mesure in bretagne["mesures"]:
        assert re.search(rf"\b{mesure}\b", text), mesure
    assert f"Les {len(bretagne['mesures'])} mesures" in flat


def test_pdf_embeds_its_fonts_and_maps(region_export):
    _, files = region_export
    reader = pypdf.PdfReader(files["pdf"])
    fonts, images = set(), 0
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object(), font.get("/BaseFont")
                fonts.add(str(font.get("/BaseFont")))
        images += len(page.images)
    assert any("DejaVu" in name for name in fonts)
    assert images >= 2  # maturity and fragility maps


# --------------------------------------------------------------------------- XLSX


def test_xlsx_sheets_headers_types(region_export, bretagne, small_db):
    _, files = region_export
    wb = openpyxl.load_workbook(files["xlsx"])
    assert wb.sheetnames == ["Informations", "Communes", "EPCI", "Alliances", "CRTE", "Programmes",
                             "Expérimentations", "Catalyseurs", "Mesures"]
    info = {row[0]: row[1] for row in wb["Informations"].iter_rows(values_only=True) if row and row[0]}
    assert info["Territoire"] == "Région Bretagne"
    assert info["Données de démonstration"] == read_demo_status(small_db).demo_list()
    assert info["Données de démonstration"].startswith("alliances, CRTE, expérimentations, catalyseurs")
    assert info["Nombre de communes"] == len(bretagne["communes"])

    communes = wb["Communes"]
    header = [c.value for c in communes[1]]
    assert header[:2] == ["Code commune", "Commune"]
    assert "Classe de maturité" in header and "Score de fragilité (0 à 100)" in header
    assert communes.freeze_panes == "A2"
    assert communes.auto_filter.ref.startswith("A1:")
    rows = list(communes.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == bretagne["communes"]
    population = header.index("Population")
    score = header.index("Score de maturité (0 à 100)")
    classe = header.index("Classe de maturité")
    assert all(isinstance(r[0], str) for r in rows)  # codes stay text
    assert all(isinstance(r[population], int) for r in rows)
    for column, key in ((score, "maturite_score"), (header.index("Score de fragilité (0 à 100)"), "fragilite_score")):
        values = [r[column] for r in rows]
        assert all(v is None or isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)  # numbers
        expected = [bretagne["scores"][r[0]][key] for r in rows]
        assert values == [None if e is None else pytest.approx(e) for e in expected], key
    assert {r[classe] for r in rows} <= {"Pionnier", "Actif", "Premiers pas", "En questionnement",
                                         "Données insuffisantes"}
    # the population change with the vintages it comes from, as numbers
    change = header.index("Évolution annuelle moyenne de la population (%)")
    period = header.index("Période ou source de l'évolution")
    dated = [r for r in rows if r[change] is not None]
    ((start, end),) = bretagne["vintages"]
    assert dated and all(isinstance(r[change], (int, float)) and r[period] == f"{start}–{end}" for r in dated)
    assert {r[header.index("Millésime de la population")] for r in rows} == bretagne["census"]

    alliances = wb["Alliances"]
    header = [c.value for c in alliances[1]]
    assert alliances.max_row - 1 == bretagne["alliances"]
    start = header.index("Date de début")
    assert all(isinstance(r[start], dt.datetime) for r in alliances.iter_rows(min_row=2, values_only=True))
    assert alliances["A2"].number_format == "General" and alliances.cell(2, start + 1).number_format == "DD/MM/YYYY"

    mesures = wb["Mesures"]
    assert [r[0] for r in mesures.iter_rows(min_row=2, values_only=True)] == bretagne["mesures"]
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref, ws.title
        assert DEMO in (ws.oddHeader.center.text or "").lower(), ws.title


# --------------------------------------------------------------------------- GIS


def test_geopackage_layers_crs_and_content(region_export, bretagne):
    _, files = region_export
    path = files["gpkg"]
    assert sorted(name for name, _ in pyogrio.list_layers(path)) == ["communes", "contour", "epci", "programmes"]
    for layer in ("communes", "epci", "contour", "programmes"):
        info = pyogrio.read_info(path, layer=layer)
        assert info["crs"] == "EPSG:2154", layer
        assert DEMO in info["layer_metadata"]["DESCRIPTION"], layer
    assert pyogrio.read_info(path, layer="epci")["features"] == bretagne["epci"]
    communes = pyogrio.read_dataframe(path, layer="communes")
    assert sorted(communes["code"]) == bretagne["communes"]
    assert communes["demo"].all()
    assert {"maturite_score", "maturite_classe", "maturite_classe_libelle", "fragilite_score"} <= set(communes.columns)
    # Real projected coordinates: areas in m² match the warehouse's km² within 1 %.
    assert communes.geometry.area.sum() / 1e6 == pytest.approx(bretagne["area"], rel=0.01)
    contour = pyogrio.read_dataframe(path, layer="contour")
    assert list(contour["nom"]) == ["Bretagne"]


def test_geojson_is_wgs84_communes(region_export, bretagne):
    _, files = region_export
    data = json.loads(files["geojson"].read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert DEMO in data["description"]
    assert sorted(f["properties"]["code"] for f in data["features"]) == bretagne["communes"]
    assert all(f["properties"]["demo"] is True for f in data["features"])
    assert pyogrio.read_info(files["geojson"])["crs"] == "EPSG:4326"
    lon, lat = data["features"][0]["geometry"]["coordinates"][0][0][0]
    west, south, east, north = bretagne["extent"]  # the warehouse's WGS84 extent of the région
    assert west - 1e-6 <= lon <= east + 1e-6 and south - 1e-6 <= lat <= north + 1e-6


# --------------------------------------------------------------------------- CSV, PNG


def test_csv_french_spreadsheet_conventions(region_export, bretagne, small_db):
    _, files = region_export
    raw = files["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";")
    header = next(reader)
    rows = list(reader)
    assert header[:2] == ["Code commune", "Commune"]
    assert header[-1] == "Données de démonstration"
    assert "Score de maturité (0 à 100)" in header
    assert [r[0] for r in rows] == bretagne["communes"]
    assert {r[-1] for r in rows} == {read_demo_status(small_db).demo_list()}
    assert all(len(r) == len(header) for r in rows)


def test_png_map_at_print_resolution(region_export):
    _, files = region_export
    with Image.open(files["png"]) as image:
        assert image.format == "PNG"
        assert image.width >= 1500
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20  # a drawn map, not a blank canvas


# --------------------------------------------------------------------------- API, overseas


@pytest.mark.parametrize(
    "fmt, mimetype, magic",
    [
        ("pdf", "application/pdf", b"%PDF-"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
        ("gpkg", "application/geopackage+sqlite3", b"SQLite format 3\x00"),
        ("geojson", "application/geo+json", b"{"),
        ("csv", "text/csv; charset=utf-8", b"\xef\xbb\xbf"),
        ("png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ],
)
def test_render_for_web_download(small_db, departement_export, fmt, mimetype, magic, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # a temporary folder of its own: other runs may share /tmp
    before = set(Path(tempfile.gettempdir()).glob("atlas-export-*"))
    content, filename, returned_type = render(small_db, "departement", "22", fmt, today=TODAY)
    assert returned_type == mimetype
    assert filename == departement_export[fmt].name
    assert content.startswith(magic)
    assert set(Path(tempfile.gettempdir()).glob("atlas-export-*")) == before  # nothing left behind
    if fmt in ("csv", "geojson"):  # deterministic text formats: same bytes as the written file
        assert content == departement_export[fmt].read_bytes()


def test_render_refuses_unknown_territory_and_format(small_db):
    with pytest.raises(UnknownTerritoryError, match="inconnu"):
        render(small_db, "departement", "975", "pdf")
    with pytest.raises(UnknownTerritoryError, match="niveau de territoire inconnu"):
        render(small_db, "canton", "2901", "pdf")
    with pytest.raises(UnknownTerritoryError, match="inconnu"):
        render(small_db, "epci", "999999999", "pdf")
    with pytest.raises(UnknownTerritoryError, match="invalide"):
        render(small_db, "region", "5/3", "pdf")
    with pytest.raises(UnknownFormatError):
        render(small_db, "region", "53", "docx")


def test_no_demo_mention_without_demo_data(small_bare_run, tmp_path):
    """The demo flag follows etl_runs: a warehouse without demonstration data has none."""
    from atlas.warehouse import connect

    con = connect(small_bare_run.db_path, read_only=True)
    try:
        paths = {p.suffix[1:]: p for p in export_territory(con, "departement", "29", ["pdf", "csv", "gpkg"], tmp_path)}
    finally:
        con.close()
    assert DEMO not in _pdf_text(paths["pdf"]).lower()
    assert "démonstration" not in paths["csv"].read_bytes().decode("utf-8-sig")
    assert DEMO not in pyogrio.read_info(paths["gpkg"], layer="communes")["layer_metadata"]["DESCRIPTION"]


def test_exports_of_a_mixed_warehouse_name_only_what_is_still_demo(small_mixed_run, tmp_path):
    """Real CRTE, half-real catalyseurs: every format's label names the demo entities, not the CRTE."""
    from atlas.warehouse import connect

    con = connect(small_mixed_run.db_path, read_only=True)
    try:
        paths = {p.suffix[1:]: p for p in export_territory(con, "departement", "22", FORMATS, tmp_path, today=TODAY)}
    finally:
        con.close()
    label = "Données de démonstration : alliances, expérimentations, catalyseurs (en partie)"
    pdf = " ".join(_pdf_text(paths["pdf"]).split())
    assert label in pdf and "Données réelles : CRTE, limites administratives" in pdf
    assert "Données de démonstration : alliances, CRTE" not in pdf
    wb = openpyxl.load_workbook(paths["xlsx"])
    info = {row[0]: row[1] for row in wb["Informations"].iter_rows(values_only=True) if row and row[0]}
    assert info["Données de démonstration"].startswith("alliances, expérimentations, catalyseurs (en partie)")
    assert "CRTE" not in info["Données de démonstration"]
    assert wb["CRTE"].oddHeader.center.text.startswith(label)
    assert wb.properties.subject.startswith(label)
    rows = list(csv.reader(io.StringIO(paths["csv"].read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Données de démonstration"
    assert {r[-1] for r in rows[1:]} == {info["Données de démonstration"]}
    for layer in ("communes", "epci", "contour"):
        description = pyogrio.read_info(paths["gpkg"], layer=layer)["layer_metadata"]["DESCRIPTION"]
        assert label in description and "alliances, CRTE" not in description, layer
    assert label in json.loads(paths["geojson"].read_bytes())["description"]


def test_communes_without_outline_are_kept(small_db, departement_export):
    """A commune the source gives no outline for is listed in every layer, not drawn."""
    expected, without = small_db.execute(
        "SELECT count(*), count(*) FILTER (WHERE geom IS NULL) FROM commune WHERE departement = '22'"
    ).fetchone()
    assert without > 0
    content, filename, _ = render(small_db, "departement", "22", "gpkg", today=TODAY)
    assert filename == departement_export["gpkg"].name
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / filename
        path.write_bytes(content)
        communes = pyogrio.read_dataframe(path, layer="communes")
    assert len(communes) == expected
    assert int(communes.geometry.isna().sum()) == without
    content, _, _ = render(small_db, "departement", "22", "png", today=TODAY)
    with Image.open(io.BytesIO(content)) as image:
        assert image.width >= 1500


# --------------------------------------------------------------------------- EPCI and commune


@pytest.mark.parametrize("option, niveau, code", [("--epci", "epci", "242900001"), ("--epci", "epci", "200022001"),
                                                   ("--commune", "commune", "29001")])
def test_cli_exports_an_epci_or_a_commune(small_run, small_db, tmp_path, option, niveau, code):
    out = tmp_path / "sortie"
    result = run_cli("export", option, code, "--format", "pdf,xlsx,gpkg,csv", "--out", str(out),
                     "--db", str(small_run.db_path))
    assert result.exit_code == 0, result.stderr
    nom = small_db.execute("SELECT nom FROM territoire WHERE niveau = ? AND code = ?", [niveau, code]).fetchone()[0]
    communes = [c for (c,) in small_db.execute(
        "SELECT commune FROM territoire_commune WHERE niveau = ? AND code = ? ORDER BY commune", [niveau, code]).fetchall()]
    assert communes and (niveau == "commune") == (communes == [code])
    files = {p.suffix[1:]: p for p in out.iterdir()}
    assert set(files) == {"pdf", "xlsx", "gpkg", "csv"}
    assert all(re.fullmatch(rf"[a-z0-9-]+-{code}_\d{{4}}-\d{{2}}-\d{{2}}\.{ext}", p.name) for ext, p in files.items())
    assert f"{'EPCI' if niveau == 'epci' else 'commune'} {nom} ({code})" in " ".join(result.stderr.split())

    text = " ".join(_pdf_text(files["pdf"]).split())
    assert nom in text and f"code {code}" in text
    assert "Données de démonstration" in text
    workbook = openpyxl.load_workbook(files["xlsx"])
    assert workbook.properties.title.endswith(f"{nom} ({code})")
    gpkg = pyogrio.read_dataframe(files["gpkg"], layer="communes")
    assert sorted(gpkg["code"]) == communes and gpkg["demo"].all()
    assert list(pyogrio.read_dataframe(files["gpkg"], layer="contour")["nom"]) == [nom]
    rows = list(csv.reader(io.StringIO(files["csv"].read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == communes
