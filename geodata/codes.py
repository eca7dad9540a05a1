"""Rules of French administrative codes.

Codes are always strings. Spreadsheets and numeric columns drop leading zeros
(``1001`` for ``01001``) and lowercase Corsican letters; these functions restore
the canonical form or raise :class:`CodeError` with a French message.
"""

from __future__ import annotations

import re

__all__ = [
    "CodeError",
    "normalize_commune",
    "normalize_departement",
    "normalize_region",
    "normalize_epci",
    "departement_of_commune",
    "is_overseas",
]

_COMMUNE_RE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
_DEPARTEMENT_RE = re.compile(r"^(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$")
_REGION_RE = re.compile(r"^\d{2}$")
_EPCI_RE = re.compile(r"^\d{9}$")


class CodeError(ValueError):
    """A value that is not a valid administrative code; the message is in French."""


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            value = int(value)
    text = str(value).strip().upper()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def normalize_commune(value: object) -> str:
    """Return the 5-character INSEE code of a commune.

    >>> normalize_commune(1001)
    '01001'
    >>> normalize_commune("2a004")
    '2A004'
    """
    text = _clean(value)
    if text.isdigit() and 3 <= len(text) < 5:
        text = text.zfill(5)
    if not _COMMUNE_RE.match(text):
        raise CodeError(
            f"code commune invalide « {value} » : 5 caractères attendus (ex. 01001, 2A004, 97411)"
        )
    return text


def normalize_departement(value: object) -> str:
    """Return the code of a département: ``01``…``95``, ``2A``, ``2B``, ``971``…``976``."""
    return _two_digits(value, _DEPARTEMENT_RE, "code département invalide « {} » : attendu 01 à 95, 2A, 2B ou 971 à 976")


def normalize_region(value: object) -> str:
    """Return the 2-digit code of a région (``01`` Guadeloupe … ``94`` Corse)."""
    return _two_digits(value, _REGION_RE, "code région invalide « {} » : 2 chiffres attendus (ex. 84)")


def _two_digits(value: object, pattern: re.Pattern, message: str) -> str:
    """``value`` cleaned, a lone digit padded to two, checked against ``pattern`` (CodeError with ``message``)."""
    text = _clean(value)
    if text.isdigit() and len(text) == 1:
        text = text.zfill(2)
    if not pattern.match(text):
        raise CodeError(message.format(value))
    return text


def normalize_epci(value: object) -> str:
    """Return the 9-digit SIREN of an EPCI.

    EPCI SIREN never start with 0 (they start with 2), so nothing is padded.
    """
    text = _clean(value)
    if not _EPCI_RE.match(text):
        raise CodeError(f"SIREN d'EPCI invalide « {value} » : 9 chiffres attendus")
    return text


def departement_of_commune(code: str) -> str:
    """Département of a (normalised) commune code: 3 characters overseas, else 2."""
    return code[:3] if code.startswith("97") else code[:2]


def is_overseas(departement: str) -> bool:
    """True for the overseas départements (971 to 976)."""
    return departement.startswith("97")
