"""Cell values and French text formatting shared by the renderers."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

import pandas as pd

from .labels import Column

__all__ = [
    "MOIS",
    "is_missing",
    "cell",
    "rows",
    "entier",
    "decimal",
    "pourcentage",
    "date_courte",
    "date_longue",
]

NARROW_NBSP = "\u202f"
MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def is_missing(value) -> bool:
    """True for None, NaN, NaT and pandas' NA."""
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_list(value) -> list:
    if is_missing(value):
        return []
    return list(value)


def cell(value, column: Column):
    """Python value of one cell, typed after ``column.kind``: str, int, float, date, bool or None."""
    kind = column.kind
    if kind == "list":
        items = _as_list(value)
        if not items:
            return None
        return " | ".join(str(column.labels.get(item, item)) for item in items)
    if is_missing(value):
        return None
    if kind == "int":
        return int(value)
    if kind in ("float", "share"):
        number = float(value)
        return None if math.isnan(number) else number
    if kind == "date":
        if isinstance(value, pd.Timestamp):
            return value.date()
        if isinstance(value, dt.datetime):
            return value.date()
        return value
    if kind == "bool":
        return bool(value)
    if kind == "enum":
        return column.labels.get(value, value)
    return str(value)


def rows(frame: pd.DataFrame, columns: list[Column]) -> Iterator[tuple]:
    """Typed rows of ``frame`` in the order of ``columns``."""
    data = [frame[c.key].tolist() for c in columns]
    for values in zip(*data):
        yield tuple(cell(v, c) for v, c in zip(values, columns))


def entier(value) -> str:
    """``65432`` -> ``65 432`` (narrow no-break space); missing -> ``—``."""
    if is_missing(value):
        return "—"
    return f"{int(round(float(value))):,}".replace(",", NARROW_NBSP)


def decimal(value, decimals: int = 1) -> str:
    """``49.19`` -> ``49,2``; missing -> ``—``."""
    if is_missing(value):
        return "—"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", NARROW_NBSP).replace(".", ",")


def pourcentage(value, decimals: int = 1) -> str:
    """A 0–1 ratio as a French percentage: ``0.985`` -> ``98,5 %``."""
    if is_missing(value):
        return "—"
    return f"{decimal(float(value) * 100, decimals)}\u00a0%"


def date_courte(value) -> str:
    """``23/11/2026``."""
    if is_missing(value):
        return "—"
    return value.strftime("%d/%m/%Y")


def date_longue(value) -> str:
    """``23 novembre 2026`` (``1er`` for the first day of a month)."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MOIS[value.month - 1]} {value.year}"
