"""Checking the rows read from boundaries files, and the level tables built from them.

:mod:`geodata.sources.files` reads a layer into a frame of canonical columns with its
provenance (file, layer, line: :data:`FILE_COLUMN`, :data:`LAYER_COLUMN`,
:data:`LINE_COLUMN`); the ``check_*`` functions here turn such a frame into the table of
one level (communes, EPCI, départements, régions, arrondissements municipaux, former
communes).

A row whose code (its own code or a code it refers to) cannot be normalised by
:mod:`geodata.codes`, is empty, or repeats a code already read, is left out of the table
and reported as a :class:`Reject` (one per faulty value, so a row may give several).
Population values that are not non-negative integers become ``<NA>`` (they are not codes
and do not reject the row).

``SIREN_EPCI`` of recent ADMIN EXPRESS vintages may list several SIREN separated by
``/`` (e.g. the Métropole du Grand Paris then an établissement public territorial):
the first one is kept and the number of such communes is logged. ``NC``,
``ZZZZZZZZZ`` or an empty value mean that the commune belongs to no EPCI.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from ..codes import (
    CodeError,
    departement_of_commune,
    normalize_commune,
    normalize_departement,
    normalize_epci,
    normalize_region,
)
from ..crs import WGS84
from ..model import former_geometries

__all__ = [
    "Reject",
    "FILE_COLUMN",
    "LAYER_COLUMN",
    "LINE_COLUMN",
    "check_communes",
    "check_epci",
    "check_departements",
    "check_regions",
    "check_arrondissements",
    "check_historique",
]

logger = logging.getLogger(__name__)

#: Provenance columns a read layer carries through the checks (dropped from the tables).
FILE_COLUMN, LAYER_COLUMN, LINE_COLUMN = "__file", "__layer", "__line"

_NO_EPCI = {"NC", "ZZZZZZZZZ"}

#: Natures of EPCI, as codes or as ADMIN EXPRESS labels (folded: no accents, lower case).
_EPCI_NATURES = {
    "cc": "CC",
    "ca": "CA",
    "cu": "CU",
    "me": "ME",
    "metro": "ME",
    "met69": "MET69",
    "ept": "EPT",
    "san": "SAN",
    "communaute de communes": "CC",
    "communaute d'agglomeration": "CA",
    "communaute urbaine": "CU",
    "metropole": "ME",
    "metropole de lyon": "MET69",
    "etablissement public territorial": "EPT",
    "syndicat d'agglomeration nouvelle": "SAN",
}
_HISTORIQUE_NATURES = {
    "comd": "COMD",
    "coma": "COMA",
    "commune deleguee": "COMD",
    "commune associee": "COMA",
}


@dataclass(frozen=True)
class Reject:
    """A row left out of the boundaries, with the reason in French.

    ``line`` is the 1-based index of the feature in its file (or layer); ``layer`` is
    the GeoPackage layer name, empty for single-layer formats.
    """

    file: str
    line: int
    column: str
    value: str
    reason: str
    layer: str = ""


class _Checker:
    """Normalises code columns of a frame and records a :class:`Reject` per faulty value."""

    def __init__(self, frame: pd.DataFrame, rejects: list[Reject]):
        self.frame = frame
        self.rejects = rejects
        self.bad = np.zeros(len(frame), dtype=bool)

    def reject(self, row: int, column: str, value: object, reason: str) -> None:
        self.bad[row] = True
        self.rejects.append(
            Reject(
                file=str(self.frame[FILE_COLUMN].iat[row]),
                line=int(self.frame[LINE_COLUMN].iat[row]),
                column=column,
                value=_text(value),
                reason=reason,
                layer=str(self.frame[LAYER_COLUMN].iat[row]),
            )
        )

    def codes(
        self, column: str, normaliser: Callable[[object], str], absent: str | None
    ) -> list[str | None]:
        """Normalised codes of ``column``; an empty value is rejected with ``absent``, or None."""
        out: list[str | None] = []
        for row, value in enumerate(self.frame[column]):
            if _is_blank(value):
                if absent is not None:
                    self.reject(row, column, value, absent)
                out.append(None)
                continue
            try:
                out.append(normaliser(value))
            except CodeError as exc:
                self.reject(row, column, value, str(exc))
                out.append(None)
        return out

    def unique(self, column: str, codes: Sequence[str | None]) -> None:
        """Reject later rows repeating a code of an earlier valid row."""
        first_line: dict[str, int] = {}
        for row, code in enumerate(codes):
            if code is None or self.bad[row]:
                continue
            if code in first_line:
                self.reject(
                    row,
                    column,
                    self.frame[column].iat[row],
                    f"code {code} en double (déjà présent ligne {first_line[code]})",
                )
            else:
                first_line[code] = int(self.frame[LINE_COLUMN].iat[row])

    @property
    def kept(self) -> np.ndarray:
        return ~self.bad


def check_communes(frame: gpd.GeoDataFrame, rejects: list[Reject]) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """The ``communes`` frame and the boolean mask of the rows of ``frame`` it kept."""
    check = _Checker(frame, rejects)
    codes = check.codes("INSEE_COM", normalize_commune, "code commune absent")
    if "INSEE_DEP" in frame:
        declared = check.codes("INSEE_DEP", normalize_departement, None)
    else:
        declared = [None] * len(frame)
    departements = [
        d if d is not None or c is None else departement_of_commune(c) for c, d in zip(codes, declared)
    ]
    regions = check.codes("INSEE_REG", normalize_region, "code région absent")
    epci = _commune_epci(frame, check)
    check.unique("INSEE_COM", codes)
    kept = check.kept
    population = _population(frame["POPULATION"] if "POPULATION" in frame else [None] * len(frame))
    communes = gpd.GeoDataFrame(
        {
            "code": _objects(codes, kept),
            "nom": _objects(_names(frame["NOM"]), kept),
            "departement": _objects(departements, kept),
            "region": _objects(regions, kept),
            "epci": _objects(epci, kept),
            "population": population[kept].reset_index(drop=True),
        },
        geometry=frame.geometry.to_numpy()[kept],
        crs=WGS84,
    )
    return communes, kept


def _commune_epci(frame: pd.DataFrame, check: _Checker) -> list[str | None]:
    """SIREN of each commune's EPCI (first of several, None when it has none)."""
    if "SIREN_EPCI" not in frame:
        return [None] * len(frame)
    out: list[str | None] = []
    several = 0
    for row, value in enumerate(frame["SIREN_EPCI"]):
        first, count = _first_siren(value)
        several += count > 1
        if first is None:
            out.append(None)
            continue
        try:
            out.append(normalize_epci(first))
        except CodeError as exc:
            check.reject(row, "SIREN_EPCI", value, str(exc))
            out.append(None)
    if several:
        logger.info(
            "%d commune(s) avec plusieurs SIREN dans SIREN_EPCI : le premier est retenu.", several
        )
    return out


#: A code column to check: its name, its normaliser, the reject reason when it is empty.
CodeColumn = tuple[str, Callable[[object], str], str]


def _level(
    frame: pd.DataFrame,
    rejects: list[Reject],
    code: CodeColumn,
    references: dict[str, CodeColumn] | None = None,
    *,
    geometry: bool,
    others: dict[str, Sequence[object]] | None = None,
) -> pd.DataFrame:
    """The table of one level: ``code`` (unique), ``nom``, the codes it refers to, ``others``.

    Rows with an empty, invalid or repeated code, or an empty or invalid reference, are
    left out and reported in ``rejects``.
    """
    check = _Checker(frame, rejects)
    codes = check.codes(*code)
    referenced = {name: check.codes(*column) for name, column in (references or {}).items()}
    check.unique(code[0], codes)
    kept = check.kept
    columns = {"code": codes, "nom": _names(frame["NOM"]), **referenced, **(others or {})}
    data = {name: _objects(values, kept) for name, values in columns.items()}
    if geometry:
        return gpd.GeoDataFrame(data, geometry=frame.geometry.to_numpy()[kept], crs=WGS84)
    return pd.DataFrame(data)


def check_epci(frame: gpd.GeoDataFrame, rejects: list[Reject]) -> gpd.GeoDataFrame:
    """The ``epci`` table (code, nom, nature, geometry) from the EPCI layer."""
    natures = [_epci_nature(v) for v in frame["NATURE"]] if "NATURE" in frame else [None] * len(frame)
    code = ("CODE_SIREN", normalize_epci, "SIREN d'EPCI absent")
    return _level(frame, rejects, code, geometry=True, others={"nature": natures})


def check_departements(frame: pd.DataFrame, rejects: list[Reject]) -> pd.DataFrame:
    """The ``departements`` table (code, nom, region) from the DEPARTEMENT layer."""
    code = ("INSEE_DEP", normalize_departement, "code département absent")
    region = ("INSEE_REG", normalize_region, "code région absent")
    return _level(frame, rejects, code, {"region": region}, geometry=False)


def check_regions(frame: pd.DataFrame, rejects: list[Reject]) -> pd.DataFrame:
    """The ``regions`` table (code, nom) from the REGION layer."""
    return _level(frame, rejects, ("INSEE_REG", normalize_region, "code région absent"), geometry=False)


def check_arrondissements(frame: gpd.GeoDataFrame, rejects: list[Reject]) -> gpd.GeoDataFrame:
    """The ``arrondissements`` table (code, nom, commune, geometry) from ARRONDISSEMENT_MUNICIPAL."""
    code = ("INSEE_ARM", normalize_commune, "code d'arrondissement municipal absent")
    commune = ("INSEE_COM", normalize_commune, "code de la commune de rattachement absent")
    return _level(frame, rejects, code, {"commune": commune}, geometry=True)


def check_historique(frame: gpd.GeoDataFrame, rejects: list[Reject]) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    """``historique`` and ``extra_geometries`` from the COMMUNE_ASSOCIEE_OU_DELEGUEE layer."""
    check = _Checker(frame, rejects)
    former = check.codes(
        "INSEE_CAD", normalize_commune, "code de commune déléguée ou associée absent"
    )
    current = check.codes("INSEE_COM", normalize_commune, "code de la commune de rattachement absent")
    types: list[str | None] = []
    for row, value in enumerate(frame["NATURE"]):
        nature = _historique_nature(value)
        if nature is None:
            reason = f"nature « {_text(value)} » inconnue : COMD ou COMA attendu"
            check.reject(row, "NATURE", value, reason)
        types.append(nature)
    kept = check.kept
    historique = pd.DataFrame(
        {
            "ancien_code": _objects(former, kept),
            "nom": _objects(_names(frame["NOM"]), kept),
            "code_actuel": _objects(current, kept),
            "type": _objects(types, kept),
        }
    )
    return historique, former_geometries(historique, frame.geometry.to_numpy()[kept])


def _is_blank(value: object) -> bool:
    """True for None, NaN, <NA> and strings of blanks."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: object) -> str:
    """A raw value as shown in a reject: empty for missing values, ``1001`` for ``1001.0``."""
    if _is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _names(values: Iterable[object]) -> list[str | None]:
    """Stripped names, None when blank."""
    return [None if _is_blank(v) else str(v).strip() for v in values]


def _objects(values: Sequence[object], kept: np.ndarray) -> pd.Series:
    """The kept values as an object Series (codes stay strings, missing stays None)."""
    return pd.Series(np.asarray(values, dtype=object)[kept], dtype=object)


def _first_siren(value: object) -> tuple[str | None, int]:
    """First SIREN of a ``SIREN_EPCI`` value and how many it lists; None for no EPCI.

    >>> _first_siren("200054781/200057966")
    ('200054781', 2)
    >>> _first_siren("NC")
    (None, 0)
    """
    if _is_blank(value):
        return None, 0
    parts = [p.strip() for p in _text(value).split("/") if p.strip()]
    parts = [p for p in parts if p.upper() not in _NO_EPCI]
    return (parts[0], len(parts)) if parts else (None, 0)


def _fold(label: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFKD", label.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def _epci_nature(value: object) -> str | None:
    """EPCI nature code (CC, CA, CU, ME, MET69…) from a code or a label; unknown text is kept."""
    if _is_blank(value):
        return None
    text = str(value).strip()
    return _EPCI_NATURES.get(_fold(text), text)


def _historique_nature(value: object) -> str | None:
    """``COMD`` or ``COMA`` from a code or a label; None when unknown."""
    if _is_blank(value):
        return None
    return _HISTORIQUE_NATURES.get(_fold(str(value)))


def _population(values: Iterable[object]) -> pd.Series:
    """Population as Int64: <NA> for missing, non-numeric, negative or fractional values."""
    raw = [None if _is_blank(v) else v for v in values]
    numbers = pd.to_numeric(pd.Series(raw, dtype=object), errors="coerce").astype("float64")
    valid = numbers.notna() & (numbers >= 0) & (numbers % 1 == 0)
    return numbers.where(valid).astype("Int64").reset_index(drop=True)
