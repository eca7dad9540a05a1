"""French number and date formatting for display."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

NARROW_NBSP = "\u202f"
MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def is_missing(value) -> bool:
    """True for None, NaN, NaT and pandas' NA (a list is never missing)."""
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def entier(value) -> str:
    """``65432`` -> ``65 432`` (narrow no-break space as thousands separator)."""
    if is_missing(value):
        return "—"
    return f"{int(round(value)):,}".replace(",", NARROW_NBSP)


def decimal(value, digits: int = 1) -> str:
    """``1234.56`` -> ``1 234,6``."""
    if is_missing(value):
        return "—"
    return f"{float(value):,.{digits}f}".replace(",", NARROW_NBSP).replace(".", ",")


def pourcentage(share, digits: int = 0) -> str:
    """``0.935`` -> ``94 %``."""
    if is_missing(share):
        return "—"
    return decimal(100 * float(share), digits) + "\u00a0%"


def score(value) -> str:
    """A 0–100 score: ``43.27`` -> ``43 / 100``."""
    if is_missing(value):
        return "—"
    return f"{int(round(float(value)))}\u00a0/\u00a0100"


def km(value) -> str:
    if is_missing(value):
        return "—"
    return decimal(value, 1) + "\u00a0km"


def euros(value) -> str:
    if is_missing(value):
        return "—"
    return entier(value) + "\u00a0€"


def date_fr(value) -> str:
    """``2024-03-05`` -> ``5 mars 2024``."""
    if is_missing(value):
        return "—"
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value[:10])
    if isinstance(value, pd.Timestamp):
        value = value.date()
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MOIS[value.month - 1]} {value.year}"


def date_courte(value) -> str:
    """``2026-11-23`` -> ``23/11/2026``."""
    if is_missing(value):
        return "—"
    return value.strftime("%d/%m/%Y")
