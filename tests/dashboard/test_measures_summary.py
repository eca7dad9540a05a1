"""The national summary of /mesures and its filters kept in the address, on the small warehouse."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard.measures import SORTS, STATUTS, filters_from_query, filters_query, measures_state, measures_view
from dashboard.measures_summary import LATEST_COUNT, STALE_AFTER_DAYS, national_summary, summary_block


@pytest.fixture(scope="module")
def warehouse(demo_warehouse):
    return demo_warehouse


def _state_sql(small_db, when):
    return dict(small_db.execute("""
        SELECT statut, count(*) FROM (SELECT * FROM mesure_suivi WHERE region IS NULL AND date_point <= $d
            QUALIFY row_number() OVER (PARTITION BY mesure ORDER BY date_point DESC) = 1) GROUP BY 1""",
                                 {"d": when}).fetchall())


def test_summary_counts_statuses_now_and_a_year_earlier(warehouse, small_db):
    summary = national_summary(warehouse.measure_reviews, warehouse.measures)
    last = small_db.execute("SELECT max(date_point) FROM mesure_suivi WHERE region IS NULL").fetchone()[0]
    assert summary.date == last and summary.year_ago == last - dt.timedelta(days=365)
    for frame, when in ((summary.now, summary.date), (summary.before, summary.year_ago)):
        counts = frame["statut"].value_counts().to_dict()
        assert counts == _state_sql(small_db, when)
    assert set(summary.suspended["statut"]) <= {"suspendue"}
    limit = summary.date - dt.timedelta(days=STALE_AFTER_DAYS)
    for _, row in summary.stale.iterrows():
        assert row["statut"] in ("non_demarree", "en_cours") and row["date_point"].date() < limit
    latest = small_db.execute("SELECT mesure, date_point FROM mesure_suivi WHERE region IS NULL "
                              "ORDER BY date_point DESC, mesure LIMIT $n", {"n": LATEST_COUNT}).fetchall()
    assert [(r.mesure, r.date_point.date()) for r in summary.latest.itertuples()] == latest
    text = json.dumps(summary_block(summary).to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)
    assert "Situation nationale" in text and "Avancement moyen" in text
    for mesure, _ in latest:
        assert f"/mesures/{mesure}" in text


def test_filters_round_trip_through_the_query_string(warehouse):
    leviers = tuple(sorted(set(measures_state(warehouse)["levier"])))[:2]
    for filters in ((leviers, ("en_cours",), "chantier", "avancement"), ((), (), "levier", "numero")):
        search = filters_query(*filters)
        from urllib.parse import parse_qs

        query = {k: v[0] for k, v in parse_qs(search.lstrip("?")).items()}
        assert filters_from_query(warehouse, query) == filters
    hostile = {"levier": ["L9", "'--"], "statut": "x,en_cours", "groupe": ["a"], "tri": "DROP"}
    assert filters_from_query(warehouse, hostile) == ((), ("en_cours",), "levier", "numero")


@pytest.mark.parametrize("tri", list(SORTS))
def test_the_list_is_sorted_within_each_group(warehouse, tri):
    blocks, *_ = measures_view(warehouse, None, None, "levier", tri)
    state = measures_state(warehouse).set_index("id")
    for block in blocks:
        rows = block.children[1].children.children[1].children
        ids = [row.children[0].children.children.children for row in rows]
        if tri == "numero":
            assert ids == sorted(ids)
        elif tri == "avancement":
            values = [state.loc[i, "avancement"] for i in ids]
            assert values == sorted(values, reverse=True)
        elif tri == "maj":
            values = [state.loc[i, "derniere_maj"] for i in ids]
            assert values == sorted(values, reverse=True)
        elif tri == "statut":
            ranks = [STATUTS.index(state.loc[i, "statut"]) for i in ids]
            assert ranks == sorted(ranks)
