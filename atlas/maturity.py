"""The maturity model of a commune in Python, for « ce qui ferait progresser » (:mod:`atlas.progression`).

It mirrors, operation for operation, the last two steps of the SQL model
``queries/macros/maturite.sql`` (macro ``maturite_communes``, CTE ``composantes`` and the final
``SELECT`` of ``maturite_score``; and macro ``maturite_classe`` for a commune): from a commune's
raw measures, as ``queries/marts/commune_maturite.sql`` stores them, to its six components
(0–100), its score and its class, under a run's parameters (:class:`atlas.parameters.RunParameters`).
The SQL stays the one source of the published scores; this copy lets a reader ask « what would
the ETL compute if the commune had one more alliance? » without running it. Two SQL semantics
are mirrored on purpose: DuckDB's ``least`` and ``greatest`` ignore a NULL argument (a commune
without population has no ``alliances_pour_10000`` and its alliances component is then 100), and
the diversity divides by 5 kinds of partners and 5 forms whatever the file's lists hold.
``tests/atlas/test_maturity.py`` recomputes every commune of a warehouse built by the ETL and
requires the very scores the SQL stored: a change to one side only breaks it.

>>> from atlas.parameters import RunParameters
>>> p = RunParameters.from_rows([
...     ("maturite.poids", "alliances", 1.0), ("maturite.poids", "catalyseurs", 1.0),
...     ("maturite.plafonds", "alliances_pour_10000", 10.0), ("maturite.plafonds", "alliances_recentes", 3),
...     ("maturite.plafonds", "crte_anciennete_annees", 4.0), ("maturite.plafonds", "experimentations_proches", 3),
...     ("maturite.plafonds", "catalyseur_distance_km", 60.0), ("maturite.seuils", "pionnier", 60.0),
...     ("maturite.seuils", "actif", 40.0), ("maturite.seuils", "premiers_pas", 20.0)])
>>> m = Measures(population=1000, alliances_nombre=1, alliances_pour_10000=10.0, alliances_recentes=1,
...              catalyseur_distance_km=30.0, donnees_suffisantes=True)
>>> score(m, p), classe(score(m, p), p)
(75.0, 'pionnier')
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Mapping

from atlas.parameters import RunParameters
from atlas.vocabulary import INSUFFICIENT, MATURITY_CLASSES, MATURITY_COMPONENTS

__all__ = ["Measures", "DIVERSITY_KINDS", "components", "score", "classe"]

#: The SQL divides the number of kinds of partners and of forms by this (diversity component).
DIVERSITY_KINDS = 5.0


@dataclass(frozen=True)
class Measures:
    """The raw measures of a commune, as the table ``commune_maturite`` stores them."""

    population: float | None = None
    alliances_nombre: int = 0
    alliances_pour_10000: float | None = None
    alliances_recentes: int = 0
    types_partenaires: int | None = None
    formes: int | None = None
    crte_couvert: bool = False
    crte_anciennete_annees: float | None = None
    experimentations_proches: int = 0
    catalyseur_present: bool = False
    catalyseur_distance_km: float | None = None
    donnees_suffisantes: bool = False

    @classmethod
    def of(cls, row: Mapping[str, object]) -> Measures:
        """The measures of a ``commune_maturite`` row (missing values: None, NaN or pandas' NA)."""
        values = {}
        for f in fields(cls):
            value = row.get(f.name)
            values[f.name] = None if _missing(value) else value
        for name in ("alliances_nombre", "alliances_recentes", "experimentations_proches"):
            values[name] = int(values[name] or 0)
        for name in ("crte_couvert", "catalyseur_present", "donnees_suffisantes"):
            values[name] = bool(values[name])
        return cls(**values)


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return value != value or str(value) == "<NA>"  # NaN, pandas' NA
    except TypeError:  # pandas' NA refuses comparisons
        return True


def _least(a: float, b: float | None) -> float:
    """DuckDB's ``least``: a NULL argument is ignored."""
    return a if b is None else min(a, b)


def _greatest(a: float, b: float | None) -> float:
    """DuckDB's ``greatest``: a NULL argument is ignored."""
    return a if b is None else max(a, b)


def _ratio(value: float | None, ceiling: float) -> float | None:
    return None if value is None else value / ceiling


def components(m: Measures, p: RunParameters) -> dict[str, float]:
    """The six components (0–100) of the CTE ``composantes`` of ``queries/macros/maturite.sql``."""
    cap = p.plafonds
    if m.catalyseur_present:
        catalyseurs = 100.0
    elif m.catalyseur_distance_km is None:
        catalyseurs = 0.0
    else:
        catalyseurs = 100 * _greatest(0, 1 - m.catalyseur_distance_km / cap["catalyseur_distance_km"])
    values = {
        "alliances": 100 * _least(1, _ratio(m.alliances_pour_10000, cap["alliances_pour_10000"])),
        "diversite": 100 * ((m.types_partenaires or 0) / DIVERSITY_KINDS + (m.formes or 0) / DIVERSITY_KINDS) / 2,
        "recence": 100 * _least(1, m.alliances_recentes / cap["alliances_recentes"]),
        "crte": (50 + 50 * _least(1, _greatest(0, m.crte_anciennete_annees) / cap["crte_anciennete_annees"])
                 if m.crte_couvert else 0.0),
        "experimentations": 100 * _least(1, m.experimentations_proches / cap["experimentations_proches"]),
        "catalyseurs": catalyseurs,
    }
    return {name: values[name] for name in MATURITY_COMPONENTS}


def score(m: Measures, p: RunParameters) -> float | None:
    """``maturite_score``: the weighted sum of the components (weights normalised as the run did),
    None when the data do not suffice."""
    if not m.donnees_suffisantes:
        return None
    weights = p.maturity_weights()
    values = components(m, p)
    total = 0.0
    for k, name in enumerate(MATURITY_COMPONENTS):
        term = weights.get(name, 0.0) * values[name]
        total = term if k == 0 else total + term
    return total


def classe(value: float | None, p: RunParameters) -> str:
    """The class of a commune's score (macro ``maturite_classe``; a commune with a score has all its data)."""
    if value is None:
        return INSUFFICIENT
    ranked = [c.code for c in MATURITY_CLASSES if c.code != INSUFFICIENT]
    for code in ranked:
        low = p.threshold(code)
        if low is None or value >= low:
            return code
    return ranked[-1]
