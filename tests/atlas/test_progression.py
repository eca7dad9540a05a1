"""« Ce qui ferait progresser » (atlas.progression) on hand-made measures."""

from __future__ import annotations

from dataclasses import replace

import pytest

from atlas import maturity
from atlas.entities import ALLIANCES
from atlas.progression import ACTIONS, AS_FORM, FORMS, KINDS, WITH_PARTNER, progression
from etl.scores.config import load_parameters

PARAMS = load_parameters()  # the defaults: weights .35 .15 .10 .15 .10 .15, thresholds 60 / 40 / 20


def commune(**changes) -> dict:
    """A commune of 17 500 inhabitants with one alliance (a collectivité and an association, in
    mécénat), 3 recent alliances counted, a CRTE signed 3 years ago, 3 experiments nearby and a
    catalyseur of its own: 2.0 + 4.5 + 10 + 13.125 + 10 + 15 = 54.625 points, « actif »."""
    row = dict(population=17500, alliances_nombre=1, alliances_pour_10000=10000 / 17500, alliances_recentes=3,
               types_partenaires=2, formes=1, crte_couvert=True, crte_anciennete_annees=3.0,
               experimentations_proches=3, catalyseur_present=True, catalyseur_distance_km=0.0,
               donnees_suffisantes=True, localisee=True, partenaires_presents=["association", "collectivite"],
               formes_presentes=["mecenat"])
    row.update(changes)
    return row


def test_the_closed_lists_match_the_files_and_the_model():
    assert set(ACTIONS) == {"alliance", "alliance_diversite", "crte", "catalyseur", "experimentation"}
    assert tuple(WITH_PARTNER) == KINDS == ALLIANCES.column("types_partenaires").allowed
    assert tuple(AS_FORM) == FORMS == ALLIANCES.column("forme").allowed
    assert len(KINDS) == len(FORMS) == maturity.DIVERSITY_KINDS


def test_two_alliances_one_with_an_entreprise():
    result = progression(commune(), PARAMS)
    assert result.score == pytest.approx(54.625)
    assert (result.classe, result.classe_visee, result.seuil) == ("actif", "pionnier", 60.0)
    # one alliance, even with a new kind of partner and a new form, adds 2 + 1.5 + 1.5 = 5 < 5.375;
    # two alliances of which one brings a new kind add 2 + 1.5 + 2 = 5.5
    assert [a.code for a in result.actions] == ["alliance_diversite", "alliance"]
    assert [a.points for a in result.actions] == pytest.approx([3.5, 2.0])
    assert result.actions[0].partenaires == ("collectivite", "entreprise")
    assert result.actions[0].forme == result.actions[1].forme == "mecenat"
    assert result.score_vise == pytest.approx(60.125)
    assert result.phrase == ("2 alliances de plus, dont une avec une entreprise, feraient passer la commune "
                             "d'« actif » à « pionnier » (score de 54,6 à 60,1 ; « pionnier » à partir de 60).")


def test_the_most_points_among_single_actions():
    # no CRTE and 2 experiments nearby: 2 + 4.5 + 10 + 0 + 6.67 + 15 = 38.2, « premiers pas »;
    # 1.8 points short of « actif », a plain alliance (2), an experiment (3.3) and a CRTE signed
    # today (7.5) all suffice alone: the CRTE adds the most
    result = progression(commune(crte_couvert=False, crte_anciennete_annees=None, experimentations_proches=2),
                         PARAMS)
    assert result.score == pytest.approx(38.5 - 1 / 3)
    assert (result.classe, result.classe_visee) == ("premiers_pas", "actif")
    assert [a.code for a in result.actions] == ["crte"]
    assert result.actions[0].points == pytest.approx(7.5)
    assert result.phrase == ("La signature d'un CRTE couvrant la commune ferait passer la commune de « premiers pas » "
                             "à « actif » (score de 38,2 à 45,7 ; « actif » à partir de 40).")


def test_a_catalyseur_within_the_largest_whole_distance():
    # only the CRTE (87.5), the experiments (100) and the catalyseurs count (weights .15, .10, .15
    # normalised), the nearest catalyseur at 40 km (33.3): 70.3 points, « actif » under a
    # « pionnier » threshold of 90; a catalyseur within 8 km gives 86.7 and 90.4 points, 9 km not
    params = replace(PARAMS, maturite_poids={**PARAMS.maturite_poids, "alliances": 0.0, "diversite": 0.0,
                                             "recence": 0.0},
                     seuils={"pionnier": 90.0, "actif": 40.0, "premiers_pas": 20.0})
    row = commune(catalyseur_present=False, catalyseur_distance_km=40.0)
    result = progression(row, params)
    assert (result.classe, result.classe_visee) == ("actif", "pionnier")
    assert [(a.code, a.distance_km) for a in result.actions] == [("catalyseur", 8.0)]
    assert result.score_vise >= 90
    farther = maturity.score(replace(maturity.Measures.of(row), catalyseur_distance_km=9.0), params)
    assert farther < 90
    assert result.phrase.startswith("Un catalyseur territorial à 8 km au plus ferait passer la commune")


def test_a_commune_without_outline_gets_no_distance():
    row = commune(catalyseur_present=False, catalyseur_distance_km=None, localisee=False, experimentations_proches=0)
    params = replace(PARAMS, maturite_poids={**PARAMS.maturite_poids, "alliances": 0.0, "diversite": 0.0,
                                             "recence": 0.0, "crte": 0.0})
    result = progression(row, params)
    assert [a.code for a in result.actions] == ["catalyseur"]
    assert result.actions[0].distance_km == 0
    assert "implanté dans la commune" in result.phrase
    assert "expérimentation" not in result.phrase


def test_unknown_kinds_are_not_named():
    row = commune()
    del row["partenaires_presents"], row["formes_presentes"]
    result = progression(row, PARAMS)
    assert result.phrase.startswith("2 alliances de plus, dont une avec un nouveau type de partenaire, feraient")
    assert result.actions[0].partenaires == ()


def test_pionnier_has_nothing_above():
    result = progression(commune(alliances_pour_10000=5.0), PARAMS)
    assert (result.classe, result.classe_visee, result.actions, result.seuil) == ("pionnier", None, (), None)
    assert "classe de maturité la plus haute" in result.phrase
    assert "ferait" not in result.phrase


def test_insufficient_data_and_the_class_it_would_reach():
    row = dict(population=500, alliances_nombre=0, alliances_pour_10000=0.0, alliances_recentes=0,
               types_partenaires=None, formes=None, crte_couvert=False, experimentations_proches=0,
               catalyseur_present=False, catalyseur_distance_km=None, donnees_suffisantes=False)
    result = progression(row, PARAMS)
    assert result.classe == "donnees_insuffisantes" and result.score is None
    # a first alliance: 100 × 0.35 + 30 × 0.15 + 33.3 × 0.10 = 42.8 (« actif »), more than an
    # experiment (3.3) or a catalyseur in the commune (15)
    assert [a.code for a in result.actions] == ["alliance"]
    assert result.actions[0].partenaires == KINDS[:2] and result.actions[0].forme == FORMS[0]
    assert result.classe_visee == "actif" and result.score_vise == pytest.approx(35 + 4.5 + 10 / 3)
    assert result.phrase.startswith("Les données de la commune ne suffisent pas à la classer : il lui faudrait au "
                                    "moins une alliance qui agit sur la commune, une expérimentation du Fonds ODD 17 "
                                    "dans un rayon de 25 km ou un catalyseur territorial")
    assert result.phrase.endswith("Une première alliance la classerait « actif » (score de 42,8 ; « actif » à partir "
                                  "de 40).")


def test_unknown_population_as_the_sql_computes_it():
    # without population there is no density of alliances, and DuckDB's least(1, NULL) is 1: the
    # ETL gives such a commune an alliances component of 100 (35 points) as soon as its data
    # suffice; a catalyseur in the commune (15) then adds more than an alliance (4.5 + 3.3)
    result = progression(dict(population=None, donnees_suffisantes=False), PARAMS)
    assert result.classe == "donnees_insuffisantes"
    assert [(a.code, a.distance_km) for a in result.actions] == [("catalyseur", 0)]
    assert result.score_vise == pytest.approx(35 + 15)


def test_out_of_reach():
    # a CRTE signed today gives 50, not 100: with a threshold of 99 the commune can never get there
    params = replace(PARAMS, seuils={"pionnier": 99.0, "actif": 40.0, "premiers_pas": 20.0})
    result = progression(commune(crte_couvert=False, crte_anciennete_annees=None), params)
    assert result.classe == "actif" and result.classe_visee is None and result.actions == ()
    assert result.phrase.startswith("Aucune combinaison des actions de la liste ne ferait passer la commune "
                                    "d'« actif » à « pionnier »")
    assert "plafonnerait à 92,5" in result.phrase


def test_a_large_city_needs_many_alliances():
    # 140 000 inhabitants, every kind of partner and form, no experiment possible (no outline):
    # 3.5 + 15 + 10 + 13.125 + 0 + 15 = 56.6; an alliance adds 10 000 / 140 000 per 10 000 inhabitants,
    # 0.25 points: 14 are needed
    row = commune(population=140000, alliances_pour_10000=1.0, types_partenaires=5, formes=5, localisee=False,
                  experimentations_proches=0, partenaires_presents=list(KINDS), formes_presentes=list(FORMS))
    result = progression(row, PARAMS)
    assert result.classe_visee == "pionnier" and result.score_vise >= 60
    assert [a.code for a in result.actions] == ["alliance"] * 14
    assert result.actions[-1].points == pytest.approx(0.25)
    assert result.phrase.startswith("14 alliances de plus feraient passer la commune d'« actif » à « pionnier »")


def test_one_action_may_jump_a_class():
    # 500 inhabitants, no alliance, a CRTE of 4 years and a catalyseur of its own: 30 points,
    # « premiers pas »; a first alliance adds 35 + 4.5 + 3.3 and goes past « actif » to « pionnier »
    row = dict(population=500, alliances_nombre=0, alliances_pour_10000=0.0, alliances_recentes=0,
               crte_couvert=True, crte_anciennete_annees=4.0, experimentations_proches=0, catalyseur_present=True,
               donnees_suffisantes=True)
    result = progression(row, PARAMS)
    assert (result.classe, result.classe_visee, result.seuil) == ("premiers_pas", "pionnier", 60.0)
    assert result.phrase == ("Une première alliance ferait passer la commune de « premiers pas » à « pionnier » "
                             "(score de 30,0 à 72,8 ; « pionnier » à partir de 60).")
