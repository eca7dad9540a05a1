"""Boundaries from files a user supplies: IGN ADMIN EXPRESS or a single communes file.

Two layouts are recognised by :func:`read_boundaries_path_with_rejects`:

1. **IGN ADMIN EXPRESS (COG / COG CARTO)**, either a folder searched recursively for
   the Shapefiles ``COMMUNE.shp``, ``EPCI.shp``, ``DEPARTEMENT.shp``, ``REGION.shp``
   (optionally ``ARRONDISSEMENT_MUNICIPAL.shp`` and
   ``COMMUNE_ASSOCIEE_OU_DELEGUEE.shp``), or a GeoPackage holding layers of those
   names. File and layer names are matched case-insensitively. A folder may hold the
   same layer several times (the Lambert-93 edition has one folder per territory,
   each in its own CRS): every copy is read, reprojected and appended. A folder
   without those Shapefiles but with exactly one GeoPackage is read as that
   GeoPackage.
2. **A single communes file** (GeoJSON, Shapefile, GeoPackage with one layer or a
   layer named ``commune``, FlatGeobuf, GeoParquet…) with the COMMUNE columns. EPCI,
   départements and régions are then built from the distinct codes of the communes;
   EPCI geometry is ``None`` (dissolved later), ``historique`` and
   ``arrondissements`` are empty.

Column names are matched case-insensitively, a few common aliases are accepted (see
``_COMMUNE_COLUMNS`` and its siblings). Every layer is reprojected to WGS84; a layer
without a CRS is refused.

Validation is :mod:`geodata.sources.checks`: a row with a missing, invalid or repeated
code is left out and reported as a :class:`Reject`.
:func:`read_boundaries_path_with_rejects` returns the rejects with the boundaries;
:func:`read_boundaries_path` returns the boundaries alone and logs how many rows were
rejected.

Every failure (missing path, unreadable file, missing layer, column or CRS) raises
:class:`geodata.model.BoundariesError` with a French message that names the file.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..crs import WGS84
from ..model import Boundaries, BoundariesError, SourceInfo, empty_geoframe
from .checksum import sha256_files
from .checks import (
    FILE_COLUMN,
    LAYER_COLUMN,
    LINE_COLUMN,
    Reject,
    _epci_nature,
    _first_siren,  # noqa: F401  (tested from this module)
    _historique_nature,  # noqa: F401  (tested from this module)
    _is_blank,
    check_arrondissements,
    check_communes,
    check_departements,
    check_epci,
    check_historique,
    check_regions,
)

__all__ = [
    "Reject",
    "read_boundaries_path",
    "read_boundaries_path_with_rejects",
    "IGN_SOURCE_NAME",
    "FILE_SOURCE_NAME",
    "IGN_LICENCE",
]

logger = logging.getLogger(__name__)

IGN_SOURCE_NAME = "IGN ADMIN EXPRESS"
FILE_SOURCE_NAME = "fichier de communes"
IGN_LICENCE = "Licence Ouverte 2.0 (Etalab)"
UNKNOWN_VERSION = "inconnue"

#: Layers an ADMIN EXPRESS source must have, then those it may have.
REQUIRED_LAYERS = ("COMMUNE", "EPCI", "DEPARTEMENT", "REGION")
OPTIONAL_LAYERS = ("ARRONDISSEMENT_MUNICIPAL", "COMMUNE_ASSOCIEE_OU_DELEGUEE")
_PARQUET_SUFFIXES = (".parquet", ".geoparquet")

# Canonical column -> (accepted names, best first; required?)
ColumnSpec = dict[str, tuple[tuple[str, ...], bool]]

_COMMUNE_COLUMNS: ColumnSpec = {
    "INSEE_COM": (("INSEE_COM", "CODE_INSEE", "CODGEO"), True),
    "NOM": (("NOM", "NOM_M", "NOM_COM"), True),
    "INSEE_DEP": (("INSEE_DEP", "CODE_DEP"), False),
    "INSEE_REG": (("INSEE_REG", "CODE_REG"), True),
    "SIREN_EPCI": (("SIREN_EPCI", "CODE_EPCI"), False),
    "POPULATION": (("POPULATION", "PMUN"), False),
    "NOM_DEP": (("NOM_DEP",), False),
    "NOM_REG": (("NOM_REG",), False),
    "NOM_EPCI": (("NOM_EPCI",), False),
    "NATURE_EPCI": (("NATURE_EPCI",), False),
}
_EPCI_COLUMNS: ColumnSpec = {
    "CODE_SIREN": (("CODE_SIREN", "SIREN_EPCI", "SIREN"), True),
    "NOM": (("NOM", "NOM_M"), True),
    "NATURE": (("NATURE",), False),
}
_DEPARTEMENT_COLUMNS: ColumnSpec = {
    "INSEE_DEP": (("INSEE_DEP",), True),
    "NOM": (("NOM", "NOM_M"), True),
    "INSEE_REG": (("INSEE_REG",), True),
}
_REGION_COLUMNS: ColumnSpec = {
    "INSEE_REG": (("INSEE_REG",), True),
    "NOM": (("NOM", "NOM_M"), True),
}
_ARRONDISSEMENT_COLUMNS: ColumnSpec = {
    "INSEE_ARM": (("INSEE_ARM",), True),
    "NOM": (("NOM", "NOM_M"), True),
    "INSEE_COM": (("INSEE_COM",), True),
}
_HISTORIQUE_COLUMNS: ColumnSpec = {
    "INSEE_CAD": (("INSEE_CAD",), True),
    "NOM": (("NOM", "NOM_M"), True),
    "INSEE_COM": (("INSEE_COM",), True),
    "NATURE": (("NATURE",), True),
}


@dataclass(frozen=True)
class _Layer:
    """One table to read: a file and, inside a GeoPackage, a layer name."""

    path: Path
    layer: str | None = None

    def label(self) -> str:
        """French description of the table, for messages."""
        if self.layer is None:
            return f"« {self.path} »"
        return f"la couche « {self.layer} » de « {self.path} »"


# --------------------------------------------------------------------------- public API


def read_boundaries_path(path: str | os.PathLike) -> Boundaries:
    """Read boundaries from an ADMIN EXPRESS folder or GeoPackage, or a communes file.

    Rejected rows are logged (count and first reason); use
    :func:`read_boundaries_path_with_rejects` to get them.
    """
    boundaries, rejects = read_boundaries_path_with_rejects(path)
    if rejects:
        first = rejects[0]
        logger.warning(
            "%d ligne(s) rejetée(s) dans %s ; première : ligne %d, colonne %s : %s",
            len(rejects),
            boundaries.source.path,
            first.line,
            first.column,
            first.reason,
        )
    return boundaries


def read_boundaries_path_with_rejects(path: str | os.PathLike) -> tuple[Boundaries, list[Reject]]:
    """Read boundaries like :func:`read_boundaries_path` and also return the rejected rows."""
    path = Path(path)
    if not path.exists():
        raise BoundariesError(f"Fichier ou dossier de limites introuvable : « {path} ».")
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() in _PARQUET_SUFFIXES:
        return _read_single(path, _Layer(path), sha256_files([path]))
    if path.suffix.lower() == ".gpkg":
        return _read_geopackage(path)
    return _read_single(path, _Layer(path), sha256_files(_shapefile_members(path)))


# --------------------------------------------------------------------------- layouts


def _read_folder(folder: Path) -> tuple[Boundaries, list[Reject]]:
    """Read a folder of ADMIN EXPRESS Shapefiles (or holding a single GeoPackage)."""
    found = _find_shapefiles(folder)
    if not found:
        packages = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".gpkg")
        if len(packages) == 1:
            return _read_geopackage(packages[0])
        raise BoundariesError(
            f"Aucune couche ADMIN EXPRESS dans le dossier « {folder} » : fichiers "
            + ", ".join(f"{name}.shp" for name in REQUIRED_LAYERS)
            + " attendus"
            + (f" (ou un seul GeoPackage, {len(packages)} trouvés)." if packages else ".")
        )
    missing = [name for name in REQUIRED_LAYERS if name not in found]
    if missing:
        raise BoundariesError(
            f"Dossier ADMIN EXPRESS « {folder} » incomplet : "
            + ", ".join(f"{name}.shp" for name in missing)
            + " introuvable(s) (recherche dans les sous-dossiers, majuscules ou minuscules)."
        )
    layers = {name: [_Layer(p) for p in paths] for name, paths in found.items()}
    members = [m for paths in found.values() for p in paths for m in _shapefile_members(p)]
    source = _source(folder, ign=True, sha256=sha256_files(members, root=folder))
    return _read_ign(layers, source)


def _read_geopackage(path: Path) -> tuple[Boundaries, list[Reject]]:
    """Read a GeoPackage: ADMIN EXPRESS layers, or a single communes layer."""
    layers = _list_layers(path)
    by_name = {name.upper(): name for name, _ in layers}
    if any(name in by_name for name in REQUIRED_LAYERS[1:]):
        missing = [name for name in REQUIRED_LAYERS if name not in by_name]
        if missing:
            raise BoundariesError(
                f"GeoPackage ADMIN EXPRESS « {path} » incomplet : couche(s) "
                + ", ".join(missing)
                + " introuvable(s) (couches présentes : "
                + ", ".join(name for name, _ in layers)
                + ")."
            )
        wanted = [n for n in (*REQUIRED_LAYERS, *OPTIONAL_LAYERS) if n in by_name]
        source = _source(path, ign=True, sha256=sha256_files([path]))
        return _read_ign({n: [_Layer(path, by_name[n])] for n in wanted}, source)
    return _read_single(path, _Layer(path, _communes_layer(path, layers)), sha256_files([path]))


def _communes_layer(path: Path, layers: Sequence[tuple[str, str | None]]) -> str:
    """Name of the communes layer of a GeoPackage: ``commune`` or its only spatial layer."""
    for name, _ in layers:
        if name.upper() in ("COMMUNE", "COMMUNES"):
            return name
    spatial = [name for name, geometry_type in layers if geometry_type]
    if len(spatial) == 1:
        return spatial[0]
    raise BoundariesError(
        f"Couche COMMUNE introuvable dans « {path} » : une couche nommée COMMUNE ou une seule "
        "couche géographique attendue (couches présentes : "
        + (", ".join(name for name, _ in layers) or "aucune")
        + ")."
    )


def _read_ign(layers: dict[str, list[_Layer]], source: SourceInfo) -> tuple[Boundaries, list[Reject]]:
    """Build boundaries from ADMIN EXPRESS layers (key: upper-case layer name)."""
    rejects: list[Reject] = []
    communes, _ = check_communes(_load(layers["COMMUNE"], _COMMUNE_COLUMNS, geometry=True), rejects)
    epci = check_epci(_load(layers["EPCI"], _EPCI_COLUMNS, geometry=True), rejects)
    departements = check_departements(
        _load(layers["DEPARTEMENT"], _DEPARTEMENT_COLUMNS, geometry=False), rejects
    )
    regions = check_regions(_load(layers["REGION"], _REGION_COLUMNS, geometry=False), rejects)
    if "ARRONDISSEMENT_MUNICIPAL" in layers:
        arrondissements = check_arrondissements(
            _load(layers["ARRONDISSEMENT_MUNICIPAL"], _ARRONDISSEMENT_COLUMNS, geometry=True), rejects
        )
    else:
        arrondissements = empty_geoframe(["code", "nom", "commune"])
    if "COMMUNE_ASSOCIEE_OU_DELEGUEE" in layers:
        historique, extra = check_historique(
            _load(layers["COMMUNE_ASSOCIEE_OU_DELEGUEE"], _HISTORIQUE_COLUMNS, geometry=True), rejects
        )
    else:
        historique, extra = _empty_historique(), empty_geoframe(["ancien_code", "code_actuel"])
    boundaries = Boundaries(
        communes=communes,
        epci=epci,
        departements=departements,
        regions=regions,
        historique=historique,
        arrondissements=arrondissements,
        source=source,
        extra_geometries=extra,
    )
    return boundaries, rejects


def _read_single(path: Path, layer: _Layer, sha256: str) -> tuple[Boundaries, list[Reject]]:
    """Build boundaries from a single communes table; the other levels come from its codes."""
    rejects: list[Reject] = []
    frame = _load([layer], _COMMUNE_COLUMNS, geometry=True)
    communes, kept_rows = check_communes(frame, rejects)
    kept = frame.loc[kept_rows]
    extras = pd.DataFrame(
        {
            "departement": communes["departement"].to_numpy(),
            "region": communes["region"].to_numpy(),
            "epci": communes["epci"].to_numpy(),
            "nom_dep": kept["NOM_DEP"].to_numpy() if "NOM_DEP" in kept else None,
            "nom_reg": kept["NOM_REG"].to_numpy() if "NOM_REG" in kept else None,
            "nom_epci": kept["NOM_EPCI"].to_numpy() if "NOM_EPCI" in kept else None,
            "nature_epci": kept["NATURE_EPCI"].to_numpy() if "NATURE_EPCI" in kept else None,
        }
    )
    boundaries = Boundaries(
        communes=communes,
        epci=_epci_from_communes(extras),
        departements=_departements_from_communes(extras),
        regions=_regions_from_communes(extras),
        historique=_empty_historique(),
        arrondissements=empty_geoframe(["code", "nom", "commune"]),
        source=_source(path, ign=False, sha256=sha256),
    )
    return boundaries, rejects


# --------------------------------------------------------------------------- discovery


def _find_shapefiles(folder: Path) -> dict[str, list[Path]]:
    """ADMIN EXPRESS Shapefiles under ``folder``, by upper-case layer name, sorted."""
    wanted = set(REQUIRED_LAYERS) | set(OPTIONAL_LAYERS)
    found: dict[str, list[Path]] = {}
    for candidate in sorted(folder.rglob("*")):
        is_layer = candidate.suffix.lower() == ".shp" and candidate.stem.upper() in wanted
        if is_layer and candidate.is_file():
            found.setdefault(candidate.stem.upper(), []).append(candidate)
    return found


def _list_layers(path: Path) -> list[tuple[str, str | None]]:
    """Layers of a multi-layer file as ``(name, geometry type or None)``."""
    try:
        listed = pyogrio.list_layers(str(path))
    except Exception as exc:  # pyogrio raises several error types for unreadable files
        raise BoundariesError(
            f"Impossible de lire « {path} » : fichier illisible ou corrompu "
            f"(détail technique : {_detail(exc)})."
        ) from exc
    return [(str(name), None if kind is None else str(kind)) for name, kind in listed]


def _shapefile_members(path: Path) -> list[Path]:
    """The files making up a Shapefile (same stem, any extension); the file alone otherwise."""
    if path.suffix.lower() != ".shp":
        return [path]
    stem = path.stem.upper()
    return sorted(p for p in path.parent.iterdir() if p.is_file() and p.stem.upper() == stem)


# --------------------------------------------------------------------------- reading


def _load(layers: Sequence[_Layer], spec: ColumnSpec, *, geometry: bool) -> pd.DataFrame:
    """Read and append tables, keeping canonical columns, provenance and WGS84 geometry."""
    frames = [
        _canonical(layer, _read_table(layer, geometry=geometry), spec, geometry=geometry)
        for layer in layers
    ]
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if geometry:
        return gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)
    return frame


def _read_table(layer: _Layer, *, geometry: bool) -> pd.DataFrame:
    """Read one table with pyogrio (or geopandas for GeoParquet), errors in French."""
    path = layer.path
    parquet = path.suffix.lower() in _PARQUET_SUFFIXES
    if parquet and importlib.util.find_spec("pyarrow") is None:
        raise BoundariesError(
            f"Lecture GeoParquet impossible pour « {path} » : le paquet Python « pyarrow » "
            "n'est pas installé."
        )
    try:
        if parquet:
            return gpd.read_parquet(path)
        return pyogrio.read_dataframe(str(path), layer=layer.layer, read_geometry=geometry)
    except Exception as exc:  # pyogrio, GDAL and pyarrow raise many unrelated types
        raise BoundariesError(
            f"Impossible de lire {layer.label()} : fichier illisible ou corrompu "
            f"(détail technique : {_detail(exc)})."
        ) from exc


def _geometry_name(frame: pd.DataFrame) -> str | None:
    """Name of the active geometry column of ``frame``, None when it has none."""
    if not isinstance(frame, gpd.GeoDataFrame):
        return None
    try:
        name = frame.geometry.name
    except AttributeError:  # a GeoDataFrame without an active geometry column
        return None
    return name if name in frame.columns else None


def _canonical(layer: _Layer, frame: pd.DataFrame, spec: ColumnSpec, *, geometry: bool) -> pd.DataFrame:
    """Keep the columns of ``spec`` under their canonical names, add provenance and geometry."""
    geometry_name = _geometry_name(frame)
    attributes = [c for c in frame.columns if c != geometry_name]
    resolved, missing = _resolve_columns(attributes, spec)
    if missing:
        canonical = missing[0]
        names, _ = spec[canonical]
        aliases = f" (ou {', '.join(names[1:])})" if len(names) > 1 else ""
        raise BoundariesError(
            f"Colonne {canonical}{aliases} absente de {layer.label()} : elle est obligatoire "
            f"(colonnes présentes : {', '.join(map(str, attributes)) or 'aucune'})."
        )
    out = pd.DataFrame(
        {canonical: frame[actual].to_numpy(dtype=object) for canonical, actual in resolved.items()},
        index=pd.RangeIndex(len(frame)),
    )
    out[FILE_COLUMN] = str(layer.path)
    out[LAYER_COLUMN] = layer.layer or ""
    out[LINE_COLUMN] = np.arange(1, len(frame) + 1)
    if geometry:
        out["geometry"] = _wgs84_geometries(layer, frame)
    return out


def _resolve_columns(columns: Iterable[str], spec: ColumnSpec) -> tuple[dict[str, str], list[str]]:
    """Match ``columns`` to ``spec`` case-insensitively: ``({canonical: actual}, missing required)``."""
    by_upper: dict[str, str] = {}
    for column in columns:
        by_upper.setdefault(str(column).upper(), column)
    resolved: dict[str, str] = {}
    missing: list[str] = []
    for canonical, (names, required) in spec.items():
        actual = next((by_upper[n] for n in names if n in by_upper), None)
        if actual is not None:
            resolved[canonical] = actual
        elif required:
            missing.append(canonical)
    return resolved, missing


def _wgs84_geometries(layer: _Layer, frame: pd.DataFrame) -> np.ndarray:
    """Geometries of ``frame`` in WGS84, 2D, with empty ones replaced by ``None``."""
    if _geometry_name(frame) is None:
        raise BoundariesError(f"Aucune géométrie dans {layer.label()} : des polygones sont attendus.")
    if frame.crs is None:
        raise BoundariesError(
            f"Système de coordonnées (CRS) absent de {layer.label()} : impossible de reprojeter "
            "en WGS84 (pour un Shapefile, le fichier .prj manque)."
        )
    try:
        geoms = frame.geometry.to_crs(WGS84).to_numpy()
    except Exception as exc:
        raise BoundariesError(
            f"Reprojection en WGS84 impossible pour {layer.label()} ({_detail(exc)})."
        ) from exc
    return _clean_geometries(geoms)


def _clean_geometries(geoms: np.ndarray) -> np.ndarray:
    """2D geometries, ``None`` for missing or empty ones."""
    geoms = np.asarray(geoms, dtype=object)
    geoms = np.where(shapely.has_z(geoms), shapely.force_2d(geoms), geoms)
    blank = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    out = geoms.copy()
    out[blank] = None
    return out


# --------------------------------------------------------------------------- single-file levels


def _epci_from_communes(extras: pd.DataFrame) -> gpd.GeoDataFrame:
    """EPCI table of a single communes file: distinct SIREN, geometry None."""
    rows = extras[extras["epci"].notna()]
    codes = list(dict.fromkeys(rows["epci"]))
    names = _first_value_by(rows, "epci", "nom_epci")
    natures = _first_value_by(rows, "epci", "nature_epci")
    return gpd.GeoDataFrame(
        {
            "code": pd.Series(codes, dtype=object),
            "nom": pd.Series([names.get(c) or f"EPCI {c}" for c in codes], dtype=object),
            "nature": pd.Series([_epci_nature(natures.get(c)) for c in codes], dtype=object),
        },
        geometry=np.full(len(codes), None, dtype=object),
        crs=WGS84,
    )


def _departements_from_communes(extras: pd.DataFrame) -> pd.DataFrame:
    """Départements table of a single communes file: distinct codes, names when given."""
    codes = sorted(set(extras["departement"].dropna()))
    names = _first_value_by(extras, "departement", "nom_dep")
    regions = _first_value_by(extras, "departement", "region")
    return pd.DataFrame(
        {
            "code": pd.Series(codes, dtype=object),
            "nom": pd.Series([names.get(c) or f"Département {c}" for c in codes], dtype=object),
            "region": pd.Series([regions.get(c) for c in codes], dtype=object),
        }
    )


def _regions_from_communes(extras: pd.DataFrame) -> pd.DataFrame:
    """Régions table of a single communes file: distinct codes, names when given."""
    codes = sorted(set(extras["region"].dropna()))
    names = _first_value_by(extras, "region", "nom_reg")
    return pd.DataFrame(
        {
            "code": pd.Series(codes, dtype=object),
            "nom": pd.Series([names.get(c) or f"Région {c}" for c in codes], dtype=object),
        }
    )


def _empty_historique() -> pd.DataFrame:
    columns = ("ancien_code", "nom", "code_actuel", "type")
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


# --------------------------------------------------------------------------- small pure helpers


def _first_value_by(frame: pd.DataFrame, key: str, column: str) -> dict[str, str]:
    """First non-blank ``column`` value for each ``key`` (missing column: empty mapping)."""
    out: dict[str, str] = {}
    if column not in frame:
        return out
    for k, v in zip(frame[key], frame[column]):
        if k is not None and not _is_blank(v) and k not in out:
            out[k] = str(v).strip()
    return out


def _detail(exc: BaseException) -> str:
    """Short technical detail of an exception for a French message."""
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "…"


def _source(path: Path, *, ign: bool, sha256: str) -> SourceInfo:
    return SourceInfo(
        name=IGN_SOURCE_NAME if ign else FILE_SOURCE_NAME,
        version=path.name or UNKNOWN_VERSION,
        path=str(path),
        sha256=sha256,
        licence=IGN_LICENCE if ign else "",
    )
