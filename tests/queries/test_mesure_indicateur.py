"""The progress rate of the mesures' indicators, computed once in the warehouse (core/mesure_indicateur)."""

from __future__ import annotations

import pytest


def _expected(initial, current, target):
    if None in (initial, current, target) or target == initial:
        return None, None
    raw = (current - initial) / (target - initial)
    return raw, min(1.0, max(0.0, raw))


def test_rate_is_the_share_of_the_way_to_the_target_capped(small_db):
    rows = small_db.execute(
        "SELECT valeur_initiale, valeur_actuelle, cible, taux_brut, taux FROM mesure_indicateur").fetchall()
    assert rows, "the demo gives the small warehouse indicators"
    kinds = set()
    for initial, current, target, raw, rate in rows:
        want_raw, want_rate = _expected(initial, current, target)
        if want_raw is None:
            assert (raw, rate) == (None, None), (initial, current, target, raw, rate)
        else:
            assert (raw, rate) == (pytest.approx(want_raw), pytest.approx(want_rate))
        kinds.add("undefined" if raw is None else "past" if raw > 1 else "decreasing" if target < initial else "normal")
    # the demo shows a target equal to the initial value and a target lower than the initial value
    assert {"undefined", "decreasing", "normal"} <= kinds


def test_every_demo_indicator_belongs_to_a_known_mesure(small_db):
    assert small_db.execute(
        "SELECT count(*) FROM mesure_indicateur i ANTI JOIN mesure m ON m.id = i.mesure").fetchone()[0] == 0
    national = small_db.execute("SELECT DISTINCT mesure FROM mesure_indicateur WHERE region IS NULL ORDER BY 1").fetchall()
    assert ("M05",) in national
