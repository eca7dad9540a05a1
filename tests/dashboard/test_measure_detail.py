"""The page of one mesure on the small warehouse: its view, history, deployment over time, statuses."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.measure_detail import deployment_at, deployment_matrix, measure_view
from dashboard.measures import measures_state
from dashboard.probe import CallbackProbe


@pytest.fixture(scope="module")
def warehouse(demo_warehouse):
    return demo_warehouse


@pytest.fixture(scope="module")
def app(small_run):
    return create_app(small_run.db_path)


def _regional_mesure(small_db) -> str:
    return small_db.execute("SELECT min(mesure) FROM mesure_suivi WHERE region IS NOT NULL").fetchone()[0]


def test_view_holds_the_identity_and_every_national_point_in_date_order(warehouse, small_db):
    for mesure, libelle, chantier, levier in small_db.execute(
            "SELECT id, libelle, chantier, levier FROM mesure ORDER BY id").fetchall():
        view = measure_view(warehouse, mesure)
        assert (view.id, view.libelle, view.chantier, view.levier) == (mesure, libelle, chantier, levier)
        expected = small_db.execute(
            "SELECT date_point, statut, avancement, commentaire FROM mesure_suivi WHERE mesure = $m AND region IS NULL "
            "ORDER BY date_point", {"m": mesure}).fetchall()
        got = [(pd.Timestamp(r.date_point).date(), r.statut, r.avancement,
                r.commentaire if isinstance(r.commentaire, str) else None) for r in view.history.itertuples()]
        assert got == expected
        if expected:
            assert view.latest["statut"] == expected[-1][1]


@pytest.mark.parametrize("mesure_id", ["M99", "", "m05", "M05'--", None, 5, ["M05"]])
def test_an_unknown_or_malformed_id_has_no_view(warehouse, mesure_id):
    assert measure_view(warehouse, mesure_id) is None


def test_deployment_at_a_date_is_the_latest_regional_point_known_then(warehouse, small_db):
    mesure = _regional_mesure(small_db)
    view = measure_view(warehouse, mesure)
    assert view.dates and view.dates[-1] == small_db.execute("SELECT max(date_point) FROM mesure_suivi").fetchone()[0]
    for when in view.dates:
        expected = small_db.execute("""
            SELECT region, statut, avancement FROM mesure_suivi
            WHERE mesure = $m AND region IS NOT NULL AND date_point <= $d
            QUALIFY row_number() OVER (PARTITION BY region ORDER BY date_point DESC) = 1 ORDER BY region""",
                                    {"m": mesure, "d": when}).fetchall()
        state = deployment_at(view.regional, when)
        assert [(r.code, r.statut, r.avancement) for r in state.itertuples()] == expected
    first = small_db.execute("SELECT min(date_point) FROM mesure_suivi WHERE mesure = $m AND region IS NOT NULL",
                             {"m": mesure}).fetchone()[0]
    assert deployment_at(view.regional, first - dt.timedelta(days=1)).empty
    matrix = deployment_matrix(view.regional, [first - dt.timedelta(days=1), view.dates[-1]])
    assert matrix.iloc[:, 1].isna().all() and matrix.iloc[:, 2].notna().all()


def test_a_mesure_without_regional_follow_up_has_no_dates(warehouse, small_db):
    national_only = small_db.execute(
        "SELECT id FROM mesure WHERE id NOT IN (SELECT mesure FROM mesure_suivi WHERE region IS NOT NULL) "
        "ORDER BY id LIMIT 1").fetchone()[0]
    view = measure_view(warehouse, national_only)
    assert view.dates == () and view.regional.empty


@pytest.mark.parametrize("path, status", [("/mesures/M05", 200), ("/mesures/M05/", 200), ("/mesures/M99", 404),
                                          ("/mesures/M05'--", 404), ("/mesures/M05/x", 404)])
def test_page_status(app, path, status):
    response = app.server.test_client().get(path)
    assert response.status_code == status
    assert b"Traceback" not in response.data


def test_the_date_slider_sends_region_codes_and_values_only(app, small_db):
    mesure = _regional_mesure(small_db)
    probe = CallbackProbe(app)
    status, body, _ = probe.call("mesure-carte-donnees.data", {"mesure-date.value": 0}, state={"mesure-id.data": mesure})
    assert status == 200 and b"coordinates" not in body
    trace = json.loads(body)["response"]["mesure-carte-donnees"]["data"]["data"][0]
    # the France-wide geometry, whose overseas régions sit in boxes beside the mainland
    assert trace["geojson"].startswith("/geo/france/region.geojson?v=")
    # a hostile id or index: the page keeps what it shows, never a 500
    for state, index in (({"mesure-id.data": "M99"}, 0), ({"mesure-id.data": {"x": 1}}, 0),
                         ({"mesure-id.data": mesure}, "0"), ({"mesure-id.data": mesure}, -1)):
        status, _, _ = probe.call("mesure-carte-donnees.data", {"mesure-date.value": index}, state=state)
        assert status in (200, 204)


def _texts(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def test_page_shows_each_indicator_with_its_rate_and_why(warehouse, small_db):
    from atlas.mesure_links import read_links
    from dashboard.measure_card import measure_layout

    national = small_db.execute("""
        SELECT indicateur, libelle, taux, taux_brut, cible = valeur_initiale FROM mesure_indicateur WHERE region IS NULL
        QUALIFY row_number() OVER (PARTITION BY indicateur ORDER BY date_valeur DESC) = 1 ORDER BY indicateur""").fetchall()
    assert national
    for mesure in {m for (m,) in small_db.execute("SELECT DISTINCT mesure FROM mesure_indicateur").fetchall()}:
        view = measure_view(warehouse, mesure)
        text = _texts(measure_layout(view, read_links(small_db, mesure)))
        for indicateur, libelle, rate, raw, flat in national:
            if view.indicators["indicateur"].eq(indicateur).any():
                assert libelle in text
                if flat:
                    assert "non calculable : la cible est égale à la valeur initiale" in text
                elif raw > 1:
                    assert "cible dépassée" in text
    state = measures_state(warehouse).set_index("id")
    counts = dict(small_db.execute("SELECT mesure, count(DISTINCT indicateur) FROM mesure_indicateur "
                                   "WHERE region IS NULL GROUP BY 1").fetchall())
    assert {m: n for m, n in state["indicateurs"].items() if n} == counts


def test_the_workbook_of_a_mesure_holds_its_points_and_indicators(app, small_db):
    import io

    import openpyxl

    client = app.server.test_client()
    response = client.get("/exporter/mesure/M05/xlsx")
    assert response.status_code == 200 and 'filename="mesure-M05.xlsx"' in response.headers["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.data))
    assert wb.sheetnames == ["Mesure", "Points d'étape", "Indicateurs", "Liens"]
    points = small_db.execute("SELECT count(*) FROM mesure_suivi WHERE mesure = 'M05'").fetchone()[0]
    values = small_db.execute("SELECT count(*) FROM mesure_indicateur WHERE mesure = 'M05'").fetchone()[0]
    assert wb["Points d'étape"].max_row == points + 1 and wb["Indicateurs"].max_row == values + 1
    assert any("Données de démonstration" == row[0] for row in wb["Mesure"].iter_rows(values_only=True))
    for path in ("/exporter/mesure/M99/xlsx", "/exporter/mesure/M05/gpkg", "/exporter/mesure/M05'--/xlsx"):
        assert client.get(path).status_code == 404


def test_the_pdf_of_a_mesure_is_one_page_with_its_indicators(app, small_db):
    import io

    import pypdf

    response = app.server.test_client().get("/exporter/mesure/M05/pdf")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    libelle = small_db.execute("SELECT libelle FROM mesure WHERE id = 'M05'").fetchone()[0]
    assert f"M05 — {libelle}"[:30] in text and "Données de démonstration" in text
    for (label,) in small_db.execute("SELECT DISTINCT libelle FROM mesure_indicateur WHERE mesure = 'M05'").fetchall():
        assert label.split()[0] in text
    assert "Taux d'avancement" in text and "Points d'étape nationaux" in text
