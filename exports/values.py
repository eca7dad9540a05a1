"""Cell values shared by the renderers; French text formatting comes from :mod:`atlas.format`."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

import pandas as pd

from atlas.format import MOIS, date_courte, decimal, entier, is_missing, pourcentage
from atlas.format import date_fr as date_longue

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
    "FORMULA_TRIGGERS",
    "looks_like_formula",
    "csv_text",
]

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    """True for a text a spreadsheet would run as a formula; numbers are never formulas."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_text(text: str) -> str:
    """``text`` made inert in a spreadsheet: a formula-like text gets a leading ``'``."""
    return "'" + text if looks_like_formula(text) else text


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
    if kind == "measure" and isinstance(value, str):
        return value
    if kind in ("float", "share", "measure"):
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
