"""The commune indicators the fragility index knows: codes, labels, units, bounds, dimension."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IndicatorSpec", "INDICATEURS", "FRAGILITY_INDICATORS"]


@dataclass(frozen=True)
class IndicatorSpec:
    """A commune indicator the fragility index knows.

    ``dimension`` is one of the four fragilities (``economique``, ``sociale``,
    ``demographique``, ``isolement``); ``fragile_when_high`` tells the direction.
    ``component`` is False for an input that is not a fragility component by itself
    (``population_municipale``: its vintages give ``evolution_population``).
    ``additive`` is True for a count: the rows of several former communes of one commune
    nouvelle for the same year add up (other indicators reject them as duplicates).
    """

    code: str
    label: str
    unit: str
    minimum: float
    maximum: float
    dimension: str
    fragile_when_high: bool
    component: bool = True
    additive: bool = False


#: The commune indicators, by code, in spec order.
INDICATEURS: dict[str, IndicatorSpec] = {
    spec.code: spec
    for spec in (
        IndicatorSpec("taux_pauvrete", "Taux de pauvreté", "%", 0.0, 100.0, "sociale", True),
        IndicatorSpec(
            "part_sans_diplome",
            "Part des 15 ans ou plus sans diplôme",
            "%",
            0.0,
            100.0,
            "sociale",
            True,
        ),
        IndicatorSpec(
            "taux_chomage", "Taux de chômage des 15-64 ans", "%", 0.0, 100.0, "economique", True
        ),
        IndicatorSpec(
            "revenu_median",
            "Revenu disponible médian par unité de consommation",
            "€",
            0.0,
            200000.0,
            "economique",
            False,
        ),
        IndicatorSpec(
            "part_75_ans_plus",
            "Part des 75 ans ou plus",
            "%",
            0.0,
            100.0,
            "demographique",
            True,
        ),
        IndicatorSpec(
            "evolution_population",
            "Évolution annuelle moyenne de la population",
            "%",
            -20.0,
            20.0,
            "demographique",
            False,
        ),
        IndicatorSpec(
            "population_municipale",
            "Population municipale (millésime)",
            "habitants",
            0.0,
            3000000.0,
            "demographique",
            False,
            component=False,
            additive=True,
        ),
        IndicatorSpec(
            "temps_acces_services",
            "Temps d'accès moyen aux services de la vie courante",
            "min",
            0.0,
            240.0,
            "isolement",
            True,
        ),
    )
}

#: The indicators that are fragility components by themselves (``INDICATEURS`` minus inputs
#: such as ``population_municipale``), in spec order.
FRAGILITY_INDICATORS: dict[str, IndicatorSpec] = {
    code: spec for code, spec in INDICATEURS.items() if spec.component
}
