"""A run over a folder mixing the demo files and real-format Insee files, on the small warehouse:
the values and secrets reach the warehouse, the fragility, the coverage, the card and the exports."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pandas as pd
import pyogrio
import pytest
from pypdf import PdfReader

from atlas.vocabulary import SECRET_LABEL
from atlas.warehouse import connect
from dashboard.data import Warehouse
from dashboard.fiches import indicators_block
from dashboard.views import commune_view
from etl.demo import generate_demo, inputs_from_warehouse
from etl.runner import RunOptions, run_etl
from exports.csv import render_csv
from exports.pdf import render_pdf
from exports.gis import render_gpkg
from exports.labels import EXPORTED_INDICATORS
from exports.snapshot import load_snapshot
from exports.xlsx import render_xlsx
from tests.support.cli import run_cli
from tests.support.insee_files import write_filosofi, write_melodi

FILOSOFI = "cc_filosofi_2023_COM.csv"
MELODI = "DS_FILOSOFI_CC_2024_data.csv"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, small_bare_run):
    """The demo files of the small warehouse plus Filosofi 2023 (values, secrets, a reject), a
    Melodi file (a confidential 2024 value, rows at DEP) and a Filosofi file at DEP level."""
    folder = tmp_path_factory.mktemp("dossier-mixte")
    db = folder.parent / "mixte.duckdb"
    db.write_bytes(small_bare_run.db_path.read_bytes())
    con = connect(db, read_only=True)
    try:
        generate_demo(*inputs_from_warehouse(con), folder)
    finally:
        con.close()
    write_filosofi(folder, [("29001", "14,2", "21 340"), ("29002", "s", "s"), ("22001", "nd", "19 870"),
                            ("22004", "17,5", "20 500"), ("99999", "10", "20 000")], year=2023)
    write_filosofi(folder, [("29", "12,1", "21 000")], year=2023, level="DEP")
    write_melodi(folder, MELODI, [("29003", "COM", "PR_MD60", "C", "2024", ""),
                                  ("29004", "COM", "PR_MD60", "F", "2024", "15.1"),
                                  ("29", "DEP", "PR_MD60", "F", "2024", "12.9")])
    report = run_etl(RunOptions(db_path=db, data_dir=folder))
    con = connect(db, read_only=True)
    report.folder = folder
    yield report, con
    con.close()


def _rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_values_and_secrets_reach_the_warehouse_with_their_source(mixed):
    report, con = mixed
    stored = {(c, i, a): (v, s, src) for c, i, a, v, s, src in _rows(
        con, "SELECT commune, indicateur, annee, valeur, secret, source FROM indicateur_commune "
             "WHERE source IS NOT NULL")}
    assert stored == {
        ("29001", "taux_pauvrete", 2023): (14.2, False, FILOSOFI),
        ("29001", "revenu_median", 2023): (21340.0, False, FILOSOFI),
        ("29002", "taux_pauvrete", 2023): (None, True, FILOSOFI),
        ("29002", "revenu_median", 2023): (None, True, FILOSOFI),
        ("22001", "taux_pauvrete", 2023): (None, True, FILOSOFI),
        ("22001", "revenu_median", 2023): (19870.0, False, FILOSOFI),
        ("22004", "taux_pauvrete", 2023): (17.5, False, FILOSOFI),
        ("22004", "revenu_median", 2023): (20500.0, False, FILOSOFI),
        ("29003", "taux_pauvrete", 2024): (None, True, MELODI),
        ("29004", "taux_pauvrete", 2024): (15.1, False, MELODI),
    }
    # our own (demo) rows never share a key with a public one, and are all flagged demo
    assert _rows(con, "SELECT count(*) FROM indicateur_commune WHERE source IS NULL AND NOT demo") == [(0,)]
    counts = {c.file: c for c in report.file_counts}
    assert (counts[FILOSOFI].read, counts[FILOSOFI].loaded, counts[FILOSOFI].rejected) == (5, 4, 1)
    assert (counts[MELODI].read, counts[MELODI].loaded, counts[MELODI].rejected) == (2, 2, 0)
    assert "cc_filosofi_2023_DEP.csv" not in counts
    warnings = "\n".join(n.message for n in report.warnings)
    stored_warnings = "\n".join(m for (m,) in _rows(con, "SELECT message FROM etl_warnings"))
    for text in ("cc_filosofi_2023_DEP.csv : niveau « DEP » (départements) : seul le niveau communal (COM) est lu",
                 "valeurs remplacées par celles des fichiers publics",
                 f"{MELODI} : lignes d'un autre niveau que la commune, ignorées : 1"):
        assert text in stored_warnings, (text, warnings)
    sources = json.loads(_rows(con, "SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1")[0][0])
    public = {s["nom"]: s for s in sources if s.get("role") == "publique"}
    assert set(public) == {FILOSOFI, MELODI, "cc_filosofi_2023_DEP.csv"}
    assert (public[FILOSOFI]["lues"], public[FILOSOFI]["chargees"], public[FILOSOFI]["rejetees"]) == (5, 4, 1)


def test_the_demo_value_is_replaced_and_counted(mixed):
    """A public value wins over the demo file's value for the same commune, indicator and year."""
    report, con = mixed
    public = set(_rows(con, "SELECT commune, indicateur, annee FROM indicateur_commune WHERE source IS NOT NULL"))
    with open(report.folder / "indicateurs.csv", encoding="utf-8-sig", newline="") as handle:
        demo = [(r["commune"], r["indicateur"], int(r["annee"])) for r in csv.DictReader(handle, delimiter=";")]
    replaced = [key for key in demo if key in public]
    assert replaced  # the demo writes 2023 values: Filosofi 2023 replaces some
    note = next(n.message for n in report.warnings if "remplacées par celles des fichiers publics" in n.message)
    assert note == ("fichier indicateurs.csv : valeurs remplacées par celles des fichiers publics (même commune, "
                    f"indicateur et année) : {len(replaced)}, dont {len(replaced)} de démonstration")
    kept = _rows(con, "SELECT count(*) FROM indicateur_commune WHERE source IS NULL")[0][0]
    assert kept == len(demo) - len(replaced)


def test_the_fragility_ignores_secrets(mixed):
    _, con = mixed
    for commune in ("29002", "22001", "29003"):
        latest = _rows(con, "SELECT arg_max(valeur, annee) FROM indicateur_commune WHERE commune = ? "
                            "AND indicateur = 'taux_pauvrete' AND NOT secret", commune)[0][0]
        used = _rows(con, "SELECT valeur FROM commune_fragilite WHERE commune = ? AND composante = 'taux_pauvrete'",
                     commune)
        assert used == ([] if latest is None else [(pytest.approx(latest),)])


def test_the_coverage_counts_values_and_secrets(mixed):
    report, con = mixed
    secrets = dict(_rows(con, "SELECT indicateur, count(DISTINCT commune) FROM indicateur_commune WHERE secret "
                              "GROUP BY ALL"))
    assert secrets == {"taux_pauvrete": 3, "revenu_median": 1}
    assert report.indices["indicateur_secrets"] == secrets
    values = dict(_rows(con, "SELECT indicateur, count(DISTINCT commune) FROM indicateur_commune WHERE NOT secret "
                             "GROUP BY ALL"))
    assert report.indices["indicateur_valeurs"] == values


def test_the_card_shows_the_secret_with_its_year_and_source(mixed):
    report, _ = mixed
    view = commune_view(Warehouse(report.db_path), "29002")
    shown = {v.indicateur: v for v in view.indicator_values}
    assert (shown["taux_pauvrete"].secret, shown["taux_pauvrete"].annee, shown["taux_pauvrete"].source) == (
        True, 2023, FILOSOFI)
    text = json.dumps(indicators_block(view.indicator_values), default=lambda o: o.to_plotly_json(),
                      ensure_ascii=False)
    assert f'"{SECRET_LABEL}"' in text and FILOSOFI in text and "2023" in text


def test_exports_write_secret_statistique_with_year_and_source(mixed):
    report, _ = mixed
    con = connect(report.db_path, read_only=True)
    try:
        snapshot = load_snapshot(con, "departement", "29")
    finally:
        con.close()
    row = snapshot.communes.set_index("code").loc["29002"]
    assert (row["taux_pauvrete_valeur"], row["taux_pauvrete_annee"], row["taux_pauvrete_source"]) == (
        SECRET_LABEL, 2023, FILOSOFI)
    assert snapshot.communes.set_index("code").loc["29001", "taux_pauvrete_valeur"] == pytest.approx(14.2)

    lines = list(csv.reader(io.StringIO(render_csv(snapshot).decode("utf-8-sig")), delimiter=";"))
    header, by_code = lines[0], {line[0]: line for line in lines[1:]}
    column = header.index("Taux de pauvreté (%)")
    assert by_code["29002"][column] == SECRET_LABEL and by_code["29001"][column] == "14,2"
    assert by_code["29002"][header.index("Taux de pauvreté : source")] == FILOSOFI

    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(snapshot)))["Communes"]
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    column = cells[0].index("Taux de pauvreté (%)")
    by_code = {r[0]: r for r in cells[1:]}
    assert by_code["29002"][column] == SECRET_LABEL and by_code["29001"][column] == pytest.approx(14.2)

    path = report.db_path.parent / "export.gpkg"
    path.write_bytes(render_gpkg(snapshot))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(snapshot))).pages)
    text = " ".join(text.split())
    assert "Indicateurs des communes : années et sources" in text and FILOSOFI in text, text[:3000]
    assert "couverte par le secret statistique" in text

    # GIS fields keep one type: the value is a number (empty for a secret), the status says why
    layer = pyogrio.read_dataframe(path, layer="communes").set_index("code")
    assert pd.isna(layer.loc["29002", "taux_pauvrete_valeur"])
    assert layer.loc["29002", "taux_pauvrete_statut"] == SECRET_LABEL
    assert layer.loc["29002", "taux_pauvrete_source"] == FILOSOFI
    assert layer.loc["29001", "taux_pauvrete_valeur"] == pytest.approx(14.2)
    assert pd.isna(layer.loc["29001", "taux_pauvrete_statut"])
    info = pyogrio.read_info(path, layer="communes")
    fields = dict(zip(info["fields"], info["dtypes"]))
    assert {fields[f"{c}_valeur"] for c in EXPORTED_INDICATORS} == {"float64"}
    assert {fields[f"{c}_source"] for c in EXPORTED_INDICATORS} == {"object"}


def test_the_run_summary_counts_values_and_secrets(mixed, tmp_path, small_bare_run):
    report, _ = mixed
    db = tmp_path / "cli.duckdb"
    db.write_bytes(small_bare_run.db_path.read_bytes())
    result = run_cli("etl", "--db", str(db), "--data", str(report.folder))
    assert result.exit_code == 0, result.output
    summary = " ".join(result.output.split())  # the console wraps long lines
    values = report.indices["indicateur_valeurs"]
    assert (f"revenu_median {values['revenu_median']} (+ 1 sous secret statistique)" in summary
            and f"taux_pauvrete {values['taux_pauvrete']} (+ 3 sous secret statistique)" in summary), summary
    assert "cc_filosofi_2023_DEP.csv : niveau « DEP » (départements)" in summary
