"""Demonstration indicators of a few mesures: an initial value, a target, and the current
value every half-year (nationally, and by région for some), in the mesures_indicateurs layout.

Every label below is demonstration data written for this project. One indicator aims
lower than it starts (a delay), one has a target equal to its initial value (its progress
rate is not defined): the pages show how both read.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from atlas.entities import DEMO_COLUMN, ENTITIES

__all__ = ["DEMO_INDICATORS", "mesures_indicateurs"]

#: mesure, indicator id, label, unit, initial value, target, followed by région.
DEMO_INDICATORS: tuple[tuple[str, str, str, str, float, float, bool], ...] = (
    ("M05", "IND-D051", "Départements dotés d'un guichet d'appui aux alliances", "départements", 12, 101, True),
    ("M05", "IND-D052", "Délai moyen de première réponse du guichet", "jours", 45, 15, False),
    ("M09", "IND-D091", "Élus locaux formés à la co-construction territoriale", "élus", 0, 5000, True),
    ("M14", "IND-D141", "Part des CRTE comportant un volet alliances", "%", 8, 60, False),
    ("M18", "IND-D181", "Alliances accompagnées chaque année par un catalyseur", "alliances", 150, 150, False),
)
_FIRST = date(2021, 6, 30)


def _half_years(today: date) -> list[date]:
    out = []
    for year in range(_FIRST.year, today.year + 1):
        for when in (date(year, 6, 30), date(year, 12, 31)):
            if _FIRST <= when <= today:
                out.append(when)
    return out


def _path(rng: np.random.Generator, n: int, start: float, target: float, integer: bool) -> list[float]:
    """``n`` current values going from ``start`` towards ``target`` (sometimes past it)."""
    speed = float(rng.uniform(0.6, 1.3))
    steps = np.clip(np.arange(1, n + 1) / n * speed + rng.normal(0, 0.04, n), 0, 1.15)
    spread = target - start if target != start else max(abs(start) * 0.2, 1.0)
    values = start + np.maximum.accumulate(steps) * spread if target != start else start + (steps - 0.5) * spread
    return [float(round(v)) if integer else round(float(v), 1) for v in values]


def _text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def mesures_indicateurs(regions: tuple[str, ...], seed: int, stream: int, today: date) -> dict[str, list[str]]:
    """The demo rows, column by column, in the spec's order."""
    spec = ENTITIES["mesures_indicateurs"]
    rng = np.random.default_rng([seed, stream])
    dates = _half_years(today)
    cols: dict[str, list[str]] = {c: [] for c in spec.column_names}

    def add(mesure, indicator, label, unit, region, start, target, integer):
        for when, value in zip(dates, _path(rng, len(dates), start, target, integer), strict=True):
            row = {"mesure": mesure, "indicateur": indicator, "libelle": label, "unite": unit, "region": region,
                   "date_valeur": when.isoformat(), "valeur_initiale": _text(start), "valeur_actuelle": _text(value),
                   "cible": _text(target), DEMO_COLUMN: "true"}
            for name in spec.column_names:
                cols[name].append(row[name])

    for mesure, indicator, label, unit, start, target, by_region in DEMO_INDICATORS:
        integer = unit != "%"
        add(mesure, indicator, label, unit, "", start, target, integer)
        if by_region:
            share = (target - start) / max(len(regions), 1)
            for region in regions:
                r_start = float(round(start / max(len(regions), 1) * float(rng.uniform(0.5, 1.5))))
                r_target = float(round(r_start + share * float(rng.uniform(0.6, 1.4)))) or r_start + 1
                add(mesure, indicator, label, unit, region, r_start, r_target, integer)
    return cols
