"""The block « Ce qui ferait progresser » of the commune card."""

from __future__ import annotations

import pytest

from atlas.progression import Action, Progression, for_commune
from dashboard.data import InvalidInput
from dashboard.methodology import methodology
from dashboard.progression import progression_block, progression_view
from etl.scores.config import load_parameters
from tests.dashboard.test_views import _shown, warehouse  # noqa: F401  (fixture)


def test_the_view_is_the_pure_function_over_the_stored_measures(warehouse, small_db):
    for code in [r[0] for r in small_db.execute("SELECT code FROM commune ORDER BY code").fetchall()]:
        view = progression_view(warehouse, code)
        assert view == for_commune(small_db, code)
        stored = small_db.execute("SELECT maturite_classe, maturite_score FROM indicateur_territoire "
                                  "WHERE niveau = 'commune' AND code = ?", [code]).fetchone()
        assert view.classe == stored[0]
        assert view.score == pytest.approx(stored[1])


def test_an_unknown_commune(warehouse, small_db):
    with pytest.raises(InvalidInput):
        progression_view(warehouse, "99999")
    assert for_commune(small_db, "99999") is None


def test_the_block_shows_the_sentence_and_each_action_with_its_points():
    view = Progression(
        "actif", "pionnier", 54.6, 60.0,
        (Action("alliance_diversite", "Une alliance active de plus dans la commune avec une entreprise", 3.5),
         Action("alliance", "Une alliance active de plus dans la commune", 2.0)),
        "2 alliances de plus, dont une avec une entreprise, feraient passer la commune d'« actif » à « pionnier » "
        "(score de 54,6 à 60,1 ; « pionnier » à partir de 60).", 60.1)
    shown = _shown(progression_block(view))
    assert "Ce qui ferait progresser" in shown and "bloc-progression" in shown
    assert view.phrase in shown
    assert "Une alliance active de plus dans la commune avec une entreprise" in shown
    assert "+\u00a03,5\u00a0points" in shown and "+\u00a02,0\u00a0points" in shown
    assert "seuil de 60" in shown and "Pionnier" in shown
    assert "/methodologie#ce-qui-ferait-progresser" in shown


def test_a_pionnier_block_has_no_action_table():
    view = Progression("pionnier", None, 70.0, None, (), "La commune est déjà « pionnier ».")
    shown = _shown(progression_block(view))
    assert "La commune est déjà « pionnier »." in shown
    assert "progression-actions" not in shown and "classe visée" not in shown
    assert progression_block(None) is None


def test_the_methodology_explains_the_closed_list():
    shown = _shown(methodology(load_parameters()))
    assert "ce-qui-ferait-progresser" in shown
    assert "dans un rayon de 25 km" in shown and "CRTE signé" in shown
