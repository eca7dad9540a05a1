"""« Ce qui ferait progresser » over every commune of the real France demo warehouse (no timing:
see ``bench/elus.py --progression``)."""

from __future__ import annotations

import pytest

from atlas.parameters import read_parameters
from atlas.progression import for_commune, for_every_commune
from atlas.vocabulary import INSUFFICIENT, MATURITY_CLASSES

pytestmark = pytest.mark.integration

RANK = [c.code for c in MATURITY_CLASSES]


def test_every_commune_gets_a_consistent_answer(demo_db):
    every = for_every_commune(demo_db)
    stored = dict(demo_db.execute(
        "SELECT code, maturite_classe FROM indicateur_territoire WHERE niveau = 'commune'").fetchall())
    assert every.keys() == stored.keys()
    parameters = read_parameters(demo_db)
    for code, p in every.items():
        assert p.classe == stored[code], code
        assert p.phrase, code
        if p.classe == RANK[0]:
            assert p.actions == () and p.classe_visee is None, code
        elif p.actions:
            assert RANK.index(p.classe_visee) < RANK.index(p.classe), code
            if p.classe != INSUFFICIENT:
                assert p.score_vise >= parameters.threshold(RANK[RANK.index(p.classe) - 1]), code
            assert all(a.points >= 0 for a in p.actions), code
        else:  # nothing suffices, or no population to compute a score with
            assert p.classe_visee is None, code
    # most communes below « pionnier » have a way up
    below = [p for p in every.values() if p.classe != RANK[0]]
    assert sum(bool(p.actions) for p in below) > 0.99 * len(below)


@pytest.mark.parametrize("code", ["29019", "97411"])
def test_brest_and_an_overseas_commune(demo_db, code):
    p = for_commune(demo_db, code)
    assert p == for_every_commune(demo_db)[code] if code == "29019" else p is not None
    assert p.phrase and (p.actions or p.classe == RANK[0])
