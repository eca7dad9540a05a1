"""Maturity since 2014 (indicateur_historique): what was known at each 31 December."""

from __future__ import annotations

from datetime import date

import pytest

from etl.scores.marts import build_marts
from tests.etl.scores.test_marts import PARAMS, add_alliance, tiny  # noqa: F401  (fixture)

LAST = 2026


def history(con) -> dict[tuple[str, str, int], tuple[float | None, str]]:
    rows = con.execute(
        "SELECT niveau, code, annee, maturite_score, maturite_classe FROM indicateur_historique"
    ).fetchall()
    return {(n, c, y): (s, k) for n, c, y, s, k in rows}


def test_every_level_and_year_from_2014(tiny):
    build_marts(tiny, PARAMS, annee=LAST)
    h = history(tiny)
    levels = {(n, c) for n, c, _ in h}
    assert levels == {("commune", c) for c in ("29001", "29002", "29003", "29004")} | {
        ("epci", "200000001"), ("epci", "200000002"), ("departement", "29"), ("region", "53")}
    assert {y for _, _, y in h} == set(range(2014, LAST + 1))
    assert len(h) == len(levels) * (LAST - 2014 + 1)


def test_an_alliance_started_in_2018_changes_2018_onwards_only(tiny):
    build_marts(tiny, PARAMS, annee=LAST)
    before = history(tiny)
    add_alliance(tiny, "X9", ["29004"], ["association", "entreprise"], "cooperation", date(2018, 5, 1), "active")
    build_marts(tiny, PARAMS, annee=LAST)
    after = history(tiny)
    assert before.keys() == after.keys()
    for key in before:
        if key[2] < 2018:
            assert after[key] == before[key], key
    # the commune had nothing before: no score; from 2018 on it has one, and so do its parents
    assert before[("commune", "29004", 2017)] == (None, "donnees_insuffisantes")
    for year in range(2018, LAST + 1):
        assert after[("commune", "29004", year)][0] is not None
        for parent in (("departement", "29"), ("region", "53")):
            assert after[(*parent, year)][0] > before[(*parent, year)][0]


def test_what_was_not_known_yet_does_not_count(tiny):
    build_marts(tiny, PARAMS, annee=LAST)
    h = history(tiny)
    # A's catalyseur joined in 2016, its CRTE was signed in 2020 and its alliance started in 2024
    a = {y: h[("commune", "29001", y)] for y in range(2014, LAST + 1)}
    assert a[2014] == a[2015] == (None, "donnees_insuffisantes")
    assert a[2016][0] == a[2019][0] > 0
    assert a[2020][0] > a[2019][0]
    assert a[2024][0] > a[2023][0]


def test_an_ended_alliance_stops_being_in_progress(tiny):
    # X3 ran in 2015 only: in progress at the end of 2015; at the end of 2018 it has ended and was
    # launched more than recence_annees (3) before, like X2 (2013–2016): no recent alliance left
    add_alliance(tiny, "X3", ["29003"], ["association", "entreprise"], "mecenat", date(2015, 1, 1), "terminee",
                 date(2016, 1, 1))
    build_marts(tiny, PARAMS, annee=LAST)
    rows = dict(tiny.execute(
        "SELECT annee, maturite_recence FROM maturite_communes([{'annee': 2015, 'jour': DATE '2015-12-31', "
        "'actuel': false}, {'annee': 2018, 'jour': DATE '2018-12-31', 'actuel': false}]) WHERE code = '29003'"
    ).fetchall())
    assert rows[2015] > 0 and rows[2018] == 0


def test_the_last_year_is_today(small_db):
    rows = small_db.execute("""
        SELECT t.niveau, t.code, t.maturite_score, t.maturite_classe, h.maturite_score, h.maturite_classe
        FROM indicateur_territoire t
        JOIN indicateur_historique h ON h.niveau = t.niveau AND h.code = t.code
        WHERE h.annee = (SELECT max(annee) FROM indicateur_historique)
    """).fetchall()
    communes = small_db.execute("SELECT count(*) FROM commune").fetchone()[0]
    assert sum(1 for r in rows if r[0] == "commune") == communes
    assert {r[0] for r in rows} == {"commune", "epci", "departement", "region"}
    for niveau, code, score, classe, h_score, h_classe in rows:
        assert h_classe == classe, (niveau, code)
        assert h_score == pytest.approx(score), (niveau, code)
    years = small_db.execute("SELECT min(annee), max(annee) FROM indicateur_historique").fetchone()
    assert years == (2014, date.today().year)


def test_same_input_same_output(tiny):
    tables = ("indicateur_historique", "territoire_pair", "commune_maturite")
    build_marts(tiny, PARAMS, annee=LAST)
    first = {t: tiny.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    build_marts(tiny, PARAMS, annee=LAST)
    assert first == {t: tiny.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    assert first["territoire_pair"]  # the four communes and two EPCI have peers
