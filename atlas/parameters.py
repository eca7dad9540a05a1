"""The parameters of the indices a run actually used, read back from the warehouse.

A run writes the weights, ceilings, thresholds and radii it computed the scores with
into the table ``parametres`` (one row per key: ``section``, ``cle``, ``valeur``; the
sections are those of ``etl/scores/parametres.toml``). The dashboard, the methodology
page and the exports read them here, so every number they print is the one the
published scores were computed with, whatever ``--parametres`` file the run was given.

>>> p = RunParameters.from_rows([
...     ("maturite.poids", "alliances", 3.0), ("maturite.poids", "crte", 1.0),
...     ("maturite.seuils", "pionnier", 72.0), ("maturite.seuils", "actif", 47.0),
...     ("maturite.seuils", "premiers_pas", 21.0), ("fragilite", "seuil_pole_habitants", 15000.0),
... ])
>>> p.seuil_pionnier, p.maturity_weights()["alliances"]
(72.0, 0.75)
>>> print(class_thresholds_text(p))
pionnier à partir d'un score de 72, actif à partir de 47, premiers pas à partir de 21, en questionnement en dessous
>>> fragility_labels(p)["isolement"]
'Isolement (distance à un pôle de 15\u202f000 habitants)'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import duckdb

from atlas.format import decimal, entier
from atlas.vocabulary import FRAGILITY_BASE_LABELS, FRAGILITY_INDICATORS, INSUFFICIENT, MATURITY_CLASSES
from atlas.warehouse import run

__all__ = [
    "SECTIONS",
    "ParametersMissing",
    "RunParameters",
    "read_parameters",
    "number",
    "class_thresholds_text",
    "fragility_labels",
]


class ParametersMissing(LookupError):
    """The warehouse lacks a parameter the reader needs (French message)."""


def _named(name: str, key: str, doc: str) -> property:
    """A read-only attribute for the parameter ``key`` of the section held in the field ``name``."""
    return property(lambda self: self._get(name, key), doc=doc)


@dataclass(frozen=True)
class RunParameters:
    """The sections of a parameters file, as plain ``{key: value}`` mappings.

    The ETL's :class:`etl.scores.config.ScoreParameters` extends this class with what it
    needs to compute (file path, digest, SQL parameters); readers only see this one.
    """

    #: ``[maturite.poids]``: relative weights of the maturity components (any positive sum)
    maturite_poids: dict[str, float]
    #: ``[maturite.plafonds]``: the value at which each component reaches 100 (or 0 for a distance)
    plafonds: dict[str, float]
    #: ``[maturite.seuils]``: lowest score of the classes pionnier, actif, premiers_pas
    seuils: dict[str, float]
    #: ``[maturite.donnees]``: recence_annees, rayon_experimentations_km, part_population_minimale
    donnees: dict[str, float]
    #: ``[fragilite]``: seuil_pole_habitants, composantes_minimales
    fragilite: dict[str, float]
    #: ``[fragilite.poids]``: relative weights of the fragility components (0: unused)
    fragilite_poids: dict[str, float]
    #: ``[pairs]``: nombre (peers of each commune and EPCI); empty in warehouses built before it
    pairs: dict[str, float] = field(default_factory=dict)
    #: ``[pairs.poids]``: weight of each group of variables of the peers' profile
    pairs_poids: dict[str, float] = field(default_factory=dict)

    # ------------------------------------------------------------------ rows of the table

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, float]]) -> RunParameters:
        """Parameters from ``(section, cle, valeur)`` rows (those of the table ``parametres``)."""
        by_section: dict[str, dict[str, float]] = {section: {} for section in SECTIONS}
        for section, key, value in rows:
            if section in by_section:
                by_section[section][str(key)] = float(value)
        return cls(**{name: by_section[section] for section, name in SECTIONS.items()})

    def rows(self) -> list[tuple[str, str, float]]:
        """``(section, cle, valeur)`` of every parameter, section by section in the order of the file."""
        return [
            (section, key, float(value))
            for section, name in SECTIONS.items()
            for key, value in getattr(self, name).items()
        ]

    def _get(self, name: str, key: str) -> float:
        try:
            return getattr(self, name)[key]
        except KeyError:
            section = next(s for s, n in SECTIONS.items() if n == name)
            raise ParametersMissing(
                f"paramètre [{section}] {key} absent de l'entrepôt ; reconstruisez-le avec « territoires etl »"
            ) from None

    # ------------------------------------------------------------------ named values

    seuil_pionnier = _named("seuils", "pionnier", "Lowest maturity score of a « pionnier » territory.")
    seuil_actif = _named("seuils", "actif", "Lowest maturity score of an « actif » territory.")
    seuil_premiers_pas = _named("seuils", "premiers_pas", "Lowest maturity score of a « premiers pas » territory "
                                "(below: « en questionnement »).")
    seuil_pole_habitants = _named("fragilite", "seuil_pole_habitants", "Population from which a commune is a "
                                  "« pôle » (isolation is the distance to the nearest one).")
    composantes_minimales = _named("fragilite", "composantes_minimales", "Fewest fragility components a commune "
                                   "needs to get a fragility score.")
    rayon_experimentations_km = _named("donnees", "rayon_experimentations_km", "Radius (km) within which an "
                                       "experiment is « à proximité » of a commune.")
    recence_annees = _named("donnees", "recence_annees", "An alliance started less than this many years ago "
                            "is recent.")
    part_population_minimale = _named("donnees", "part_population_minimale", "Share (0–1) of a larger "
                                      "territory's population that must have a maturity score.")

    def threshold(self, classe: str) -> float | None:
        """Lowest score of the maturity class ``classe``; None for the classes without one."""
        return self.seuils.get(classe)

    def maturity_weights(self) -> dict[str, float]:
        """Weights of the maturity components, normalised to a sum of 1 (as the run applied them)."""
        total = sum(self.maturite_poids.values())
        return {k: (v / total if total else 0.0) for k, v in self.maturite_poids.items()}

    def fragility_weights(self) -> dict[str, float]:
        """Weights of the fragility components that count (positive), normalised to a sum of 1."""
        used = {k: v for k, v in self.fragilite_poids.items() if v > 0}
        total = sum(used.values())
        return {k: v / total for k, v in used.items()}


#: Section of the parameters file (and of the table) -> attribute of :class:`RunParameters`.
SECTIONS: dict[str, str] = {
    "maturite.poids": "maturite_poids",
    "maturite.plafonds": "plafonds",
    "maturite.seuils": "seuils",
    "maturite.donnees": "donnees",
    "fragilite": "fragilite",
    "fragilite.poids": "fragilite_poids",
    "pairs": "pairs",
    "pairs.poids": "pairs_poids",
}


def read_parameters(con: duckdb.DuckDBPyConnection) -> RunParameters:
    """The parameters stored by the run that built the warehouse behind ``con``."""
    return RunParameters.from_rows(run(con, "app/parametres").fetchall())


def number(value: float) -> str:
    """A parameter as French text: ``72.0`` -> ``72``, ``0.5`` -> ``0,5``, ``15000`` -> ``15 000``."""
    if float(value).is_integer():
        return entier(value)
    return decimal(value, 2).rstrip("0").rstrip(",")


def class_thresholds_text(parameters: RunParameters) -> str:
    """« pionnier à partir d'un score de 60, actif à partir de 40, …, en questionnement en dessous »."""
    parts = []
    for cls in MATURITY_CLASSES:
        if cls.code == INSUFFICIENT:
            continue
        low = parameters.threshold(cls.code)
        label = cls.label.lower()
        if low is None:
            parts.append(f"{label} en dessous")
        elif not parts:
            parts.append(f"{label} à partir d'un score de {number(low)}")
        else:
            parts.append(f"{label} à partir de {number(low)}")
    return ", ".join(parts)


def fragility_labels(parameters: RunParameters) -> dict[str, str]:
    """French label of every fragility component, the run's numbers filled in."""
    values = {"seuil_pole_habitants": number(parameters.seuil_pole_habitants)}
    return {
        **{code: label.format(**values) for code, label in FRAGILITY_BASE_LABELS.items()},
        **{code: spec.label for code, spec in FRAGILITY_INDICATORS.items()},
    }
