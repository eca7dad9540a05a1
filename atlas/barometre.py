"""The CSV layout of the Baromètre des résultats de l'action publique, and the conventions
the Atlas uses to exchange the indicators of its mesures with it.

One row per indicator, zone and date (a month end in the Baromètre's files)::

    indic_id,enforce_zone_id,metric_enforce_date,maille,indic_vi,indic_va,indic_vc,indic_ta
    IND-200,D29,2023-10-31,DEPT,,87.74,,

- ``indic_vi``, ``indic_va``, ``indic_vc``: initial value, current value, target
  (``valeur_initiale``, ``valeur_actuelle``, ``cible`` of the ``mesures_indicateurs`` file);
- ``indic_ta``: progress rate in percent (0–100), the capped rate of the warehouse
  (``mesure_indicateur.taux`` × 100, two decimals; empty when not defined);
- zones: France is ``FRA`` with maille ``NAT``; a région is ``R`` + its code (``R53``,
  ``R01``) with maille ``REG``; a département is ``D`` + its code (``D29``, ``D2A``,
  ``D971``) with maille ``DEPT``. The Atlas follows the mesures nationally and by région:
  a département row is read, and reported as not mapped.

Written with ``,`` as separator, ``.`` as decimal point, dates ``AAAA-MM-JJ``, UTF-8.
"""

from __future__ import annotations

import re

__all__ = ["COLUMNS", "FRANCE_ZONE", "MAILLES", "zone_id", "parse_zone", "number_text"]

COLUMNS: tuple[str, ...] = ("indic_id", "enforce_zone_id", "metric_enforce_date", "maille",
                            "indic_vi", "indic_va", "indic_vc", "indic_ta")
#: The zone of France as a whole.
FRANCE_ZONE = "FRA"
#: Maille of each zone kind (Atlas level -> Baromètre maille).
MAILLES = {"france": "NAT", "region": "REG", "departement": "DEPT"}
_PREFIX = {"region": "R", "departement": "D"}
_ZONE_RE = re.compile(r"^(?:(FRA)|R(\d{2})|D(\d{2}|2[AB]|97\d))$")


def zone_id(region: str | None) -> tuple[str, str]:
    """``(enforce_zone_id, maille)`` of a national (None) or regional value.

    >>> zone_id(None), zone_id("53")
    (('FRA', 'NAT'), ('R53', 'REG'))
    """
    if region is None:
        return FRANCE_ZONE, MAILLES["france"]
    return _PREFIX["region"] + region, MAILLES["region"]


def parse_zone(zone: str) -> tuple[str, str | None] | None:
    """``(level, code)`` of a zone id (level ``france``, ``region`` or ``departement``; code None
    for France); None when the id follows none of the conventions.

    >>> parse_zone("FRA"), parse_zone("R53"), parse_zone("D2A"), parse_zone("D971"), parse_zone("X1")
    (('france', None), ('region', '53'), ('departement', '2A'), ('departement', '971'), None)
    """
    match = _ZONE_RE.match(zone.strip().upper())
    if not match:
        return None
    france, region, departement = match.groups()
    if france:
        return "france", None
    return ("region", region) if region else ("departement", departement)


def number_text(value) -> str:
    """A value as the file writes it: shortest exact decimal, ``.`` as decimal point, empty when missing.

    >>> number_text(87.74), number_text(5000.0), number_text(None), number_text(float("nan"))
    ('87.74', '5000', '', '')
    """
    if value is None or value != value:
        return ""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
