"""A run with non-default thresholds and radii: the warehouse stores them, and the commune
card, the methodology page and the PDF report say those numbers, not the defaults.

The warehouse is the session's demo warehouse rebuilt with another parameters file (the
published boundaries are reused, so the run takes seconds).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from unittest import mock

import dash
import openpyxl
import pypdf
import pytest

import dashboard.data
from atlas.parameters import read_parameters
from atlas.warehouse import connect
from dashboard.app import create_app
from etl.demo.generator import DEMO_COUNTS
from etl.runner import RunOptions, run_etl
from etl.scores.config import DEFAULT_PATH
from exports import render
from tests.support.small_warehouse import COMMUNES, SMALL_DEMO_COUNTS

#: Keys of the packaged parameters file set to other values (each must exist exactly once).
CHANGES = {
    "pionnier": "72.0",
    "actif": "47.0",
    "premiers_pas": "21.0",
    "seuil_pole_habitants": "15000",
    "rayon_experimentations_km": "30.0",
}
#: How the exports and the cards state those thresholds.
THRESHOLDS = "pionnier à partir d'un score de 72, actif à partir de 47, premiers pas à partir de 21"
NNBSP = "\u202f"
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def custom_db(small_run, tmp_path_factory):
    folder = tmp_path_factory.mktemp("entrepot-parametres")
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    for key, value in CHANGES.items():
        text, count = re.subn(rf"^{key} = \S+", f"{key} = {value}", text, flags=re.MULTILINE)
        assert count == 1, key
    parameters = folder / "parametres.toml"
    parameters.write_text(text, encoding="utf-8")
    db = folder / "warehouse.duckdb"
    shutil.copy(small_run.db_path, db)
    with mock.patch.dict(DEMO_COUNTS, SMALL_DEMO_COUNTS):
        run_etl(RunOptions(db_path=db, demo=True, parameters_path=parameters))
    return db


@pytest.fixture(scope="module")
def custom_con(custom_db):
    con = connect(custom_db, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def app(custom_db):
    previous = dashboard.data._default
    yield create_app(custom_db)
    dashboard.data._default = previous  # other modules' pages read their own warehouse


def _page_text(path: str, **kwargs) -> str:
    """Every string the layout of the page registered at ``path`` shows (as JSON text)."""
    layout = next(p["layout"] for p in dash.page_registry.values() if path in (p["path"], p.get("path_template")))
    tree = layout(**kwargs)
    text = json.dumps(tree.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)
    return text.replace(NNBSP, " ").replace("\u00a0", " ")


def test_the_warehouse_keeps_the_parameters_the_scores_were_computed_with(custom_con):
    parameters = read_parameters(custom_con)
    assert (parameters.seuil_pionnier, parameters.seuil_actif, parameters.seuil_premiers_pas) == (72, 47, 21)
    assert parameters.seuil_pole_habitants == 15000
    assert parameters.rayon_experimentations_km == 30
    assert parameters.maturity_weights()["alliances"] == pytest.approx(0.35)  # unchanged keys are stored too
    bounds = custom_con.execute(
        "SELECT maturite_classe, min(maturite_score), max(maturite_score) FROM indicateur_territoire "
        "WHERE niveau = 'commune' AND maturite_score IS NOT NULL GROUP BY ALL"
    ).fetchall()
    ranges = {classe: (low, high) for classe, low, high in bounds}
    assert ranges["pionnier"][0] >= 72
    assert 47 <= ranges["actif"][0] and ranges["actif"][1] < 72
    assert 21 <= ranges["premiers_pas"][0] and ranges["premiers_pas"][1] < 47
    assert ranges["en_questionnement"][1] < 21


def test_the_commune_card_states_the_radius_and_the_thresholds_of_the_run(app):
    text = _page_text("/commune/<code>", code=COMMUNES[0].code)
    assert "à moins de 30 km" in text
    assert "Isolement (distance à un pôle de 15 000 habitants)" in text
    assert THRESHOLDS in text
    assert "10 000 habitants)" not in text and "25 km" not in text


def test_the_methodology_page_states_the_numbers_of_the_run(app):
    assert app.server.test_client().get("/methodologie").status_code == 200
    text = _page_text("/methodologie")
    assert "Pionnier" in text and "score d'au moins 72" in text
    assert "score d'au moins 47 et inférieur à 72" in text
    assert "score d'au moins 21 et inférieur à 47" in text and "score inférieur à 21" in text
    assert "à moins de 30 km" in text
    assert "commune de 15 000 habitants ou plus" in text
    assert "35 %" in text  # weight of the alliances component, normalised


def test_the_pdf_report_states_the_thresholds_of_the_run(custom_con):
    content, _, _ = render(custom_con, "region", "53", "pdf", today=TODAY)
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", " ", text.replace(NNBSP, " ").replace("\u00a0", " "))
    assert THRESHOLDS in text
    assert "score de 60" not in text


def test_the_spreadsheet_states_the_thresholds_of_the_run(custom_con):
    content, _, _ = render(custom_con, "departement", "29", "xlsx", today=TODAY)
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Informations"]
    info = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert info["Classes de maturité"].startswith(THRESHOLDS)
