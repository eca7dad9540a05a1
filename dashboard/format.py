"""French number and date formatting for display."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

NARROW_NBSP = "\u202f"
_MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT


def entier(value) -> str:
    """``65432`` -> ``65 432`` (narrow no-break space as thousands separator)."""
    if _missing(value):
        return "—"
    return f"{int(round(value)):,}".replace(",", NARROW_NBSP)


def decimal(value, digits: int = 1) -> str:
    """``1234.56`` -> ``1 234,6``."""
    if _missing(value):
        return "—"
    return f"{float(value):,.{digits}f}".replace(",", NARROW_NBSP).replace(".", ",")


def pourcentage(share, digits: int = 0) -> str:
    """``0.935`` -> ``94 %``."""
    if _missing(share):
        return "—"
    return decimal(100 * float(share), digits) + "\u00a0%"


def score(value) -> str:
    """A 0–100 score: ``43.27`` -> ``43 / 100``."""
    if _missing(value):
        return "—"
    return f"{int(round(float(value)))}\u00a0/\u00a0100"


def km(value) -> str:
    if _missing(value):
        return "—"
    return decimal(value, 1) + "\u00a0km"


def euros(value) -> str:
    if _missing(value):
        return "—"
    return entier(value) + "\u00a0€"


def date_fr(value) -> str:
    """``2024-03-05`` -> ``5 mars 2024``."""
    if _missing(value):
        return "—"
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value[:10])
    if isinstance(value, pd.Timestamp):
        value = value.date()
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MOIS[value.month - 1]} {value.year}"
