"""Follow-up of the mesures on the small warehouse: latest statuses, regional progress, filters."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import Warehouse
from dashboard.measures import STATUTS, measures_state, measures_view, regional_progress


@pytest.fixture(scope="module")
def warehouse(small_run):
    return Warehouse(small_run.db_path)


def _latest_national(small_db) -> dict[str, tuple]:
    """Each mesure's last national review (status, progress, date), straight from the warehouse."""
    rows = small_db.execute(
        "SELECT mesure, statut, avancement, date_point FROM mesure_suivi WHERE region IS NULL "
        "QUALIFY row_number() OVER (PARTITION BY mesure ORDER BY date_point DESC) = 1").fetchall()
    return {m: (s, a, pd.Timestamp(d)) for m, s, a, d in rows}


def test_state_is_the_latest_national_review_of_each_mesure(warehouse, small_db):
    state = measures_state(warehouse).set_index("id")
    ids = [m for (m,) in small_db.execute("SELECT id FROM mesure ORDER BY id").fetchall()]
    assert list(state.index) == ids
    latest = _latest_national(small_db)
    assert latest
    for mesure, (statut, avancement, date) in latest.items():
        row = state.loc[mesure]
        assert (row["statut"], row["avancement"], pd.Timestamp(row["date_point"])) == (statut, avancement, date)
    any_review = dict(small_db.execute("SELECT mesure, max(date_point) FROM mesure_suivi GROUP BY 1").fetchall())
    for mesure, date in any_review.items():
        assert pd.Timestamp(state.loc[mesure, "derniere_maj"]) == pd.Timestamp(date)


def test_regional_progress_averages_the_latest_review_of_each_mesure(warehouse, small_db):
    mesures = [m for (m,) in small_db.execute("SELECT DISTINCT mesure FROM mesure_suivi WHERE region IS NOT NULL "
                                              "ORDER BY 1").fetchall()]
    assert mesures
    expected = small_db.execute("""
        SELECT region, avg(avancement), count(DISTINCT mesure) FROM (
            SELECT * FROM mesure_suivi WHERE region IS NOT NULL AND list_contains($mesures, mesure)
            QUALIFY row_number() OVER (PARTITION BY mesure, region ORDER BY date_point DESC) = 1)
        GROUP BY 1 ORDER BY 1""", {"mesures": mesures[:3]}).fetchall()
    progress = regional_progress(warehouse, mesures[:3]).sort_values("code")
    assert [(r.code, pytest.approx(r.avancement), r.mesures) for r in progress.itertuples()] == expected
    assert regional_progress(warehouse, []).empty


def test_a_status_filter_keeps_the_mesures_in_that_status(warehouse, small_db):
    latest = _latest_national(small_db)
    total = small_db.execute("SELECT count(*) FROM mesure").fetchone()[0]
    counts = {statut: sum(s == statut for s, _, _ in latest.values()) for statut in STATUTS}
    assert sum(counts.values()) == len(latest) and max(counts.values()) > 0
    for statut, count in counts.items():
        _, text, *_ = measures_view(warehouse, None, [statut], "chantier")
        plural = "s" if count > 1 else ""
        assert text == f"{count} mesure{plural} affichée{plural} sur {total}.", statut


def test_the_deployment_map_of_the_list_draws_every_region_on_the_france_wide_geometry(warehouse, small_db):
    # the geometry whose overseas régions sit in boxes beside the mainland, as on a mesure's page
    *_, deployment, _, _ = measures_view(warehouse, None, None, "levier")
    figure = deployment.figure if hasattr(deployment, "figure") else deployment
    urls = {trace["geojson"].split("?")[0] for trace in figure["data"]}
    assert urls == {"/geo/france/region.geojson"}
    drawn = {code for trace in figure["data"][:2] for code in trace["locations"]}
    assert drawn == {code for (code,) in small_db.execute("SELECT code FROM region").fetchall()}
