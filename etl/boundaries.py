"""Boundaries steps of a run: read a source, repair the coverage, build display geometry,
and register the results as ``raw_*`` relations for the SQL models.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

from atlas.vocabulary import LEVEL_CODES
from geodata.coverage import DEFAULT_GAP_WIDTH, Anomaly, CoverageResult, build_coverage
from geodata.display import simplify_level
from geodata.model import MAIRE_COLUMNS, MAIRIE_COLUMNS, Boundaries

__all__ = ["PreparedBoundaries", "prepare", "register"]

LEVELS = LEVEL_CODES


@dataclass
class PreparedBoundaries:
    """Everything the boundaries part of the warehouse is built from."""

    boundaries: Boundaries
    coverage: CoverageResult
    display: dict[str, gpd.GeoDataFrame]
    rejects: list = field(default_factory=list)

    @property
    def anomalies(self) -> list[Anomaly]:
        return self.coverage.anomalies


def repair(boundaries: Boundaries, gap_width: float = DEFAULT_GAP_WIDTH) -> CoverageResult:
    """Clean the commune coverage and dissolve the higher levels."""
    return build_coverage(boundaries.communes, boundaries.extra_geometries, gap_width=gap_width)


def display(coverage: CoverageResult) -> dict[str, gpd.GeoDataFrame]:
    """Display geometry of every level."""
    frames = {
        "region": coverage.regions,
        "departement": coverage.departements,
        "epci": coverage.epci,
        "commune": coverage.communes,
    }
    return {level: simplify_level(frames[level], level) for level in LEVELS}


def _wkb(geoms) -> list:
    return [None if g is None or g.is_empty else shapely.to_wkb(g, hex=False) for g in geoms]


def register(con: duckdb.DuckDBPyConnection, prepared: PreparedBoundaries) -> None:
    """Register the frames as ``raw_*`` relations (geometry as WKB) for the SQL models."""
    b, cov = prepared.boundaries, prepared.coverage
    communes = cov.communes
    raw_commune = pd.DataFrame(
        {
            "code": communes["code"].astype(str).to_numpy(),
            "nom": communes["nom"].astype(str).to_numpy(),
            "departement": communes["departement"].to_numpy(dtype=object),
            "region": communes["region"].to_numpy(dtype=object),
            "epci": communes["epci"].to_numpy(dtype=object),
            "population": communes["population"].astype("Int64").to_numpy(dtype=object, na_value=None),
            "population_annee": [
                None if pd.isna(p) else b.source.population_year for p in communes["population"]
            ],
            "superficie_km2": communes["superficie_km2"].to_numpy(dtype=float),
            "wkb": _wkb(communes.geometry),
        }
    )
    territoires = []
    for niveau, frame in (("epci", cov.epci), ("departement", cov.departements), ("region", cov.regions)):
        territoires.append(
            pd.DataFrame(
                {
                    "niveau": niveau,
                    "code": frame["code"].astype(str).to_numpy(),
                    "superficie_km2": frame["superficie_km2"].to_numpy(dtype=float),
                    "wkb": _wkb(frame.geometry),
                }
            )
        )
    raw_territoire = pd.concat(territoires, ignore_index=True)
    raw_affichage = pd.concat(
        [
            pd.DataFrame({"niveau": level, "code": f["code"].to_numpy(dtype=object), "wkb": _wkb(f.geometry)})
            for level, f in prepared.display.items()
        ],
        ignore_index=True,
    )
    arr = b.arrondissements
    raw_arr = pd.DataFrame(
        {
            "code": arr["code"].to_numpy(dtype=object),
            "nom": arr["nom"].to_numpy(dtype=object),
            "commune": arr["commune"].to_numpy(dtype=object),
            "wkb": _wkb(arr.geometry),
        }
    )
    epci = pd.DataFrame(
        {
            "code": b.epci["code"].to_numpy(dtype=object),
            "nom": b.epci["nom"].to_numpy(dtype=object),
            "nature": b.epci["nature"].to_numpy(dtype=object),
        }
    )
    relations = {
        "raw_commune": raw_commune,
        "raw_territoire": raw_territoire,
        "raw_geometrie_affichage": raw_affichage,
        "raw_arrondissement_municipal": raw_arr,
        "raw_epci": epci,
        "raw_departement": pd.DataFrame(b.departements[["code", "nom", "region"]]).astype(object),
        "raw_region": pd.DataFrame(b.regions[["code", "nom"]]).astype(object),
        "raw_commune_historique": pd.DataFrame(b.historique[["ancien_code", "nom", "code_actuel", "type"]]).astype(object),
        "raw_code_postal": b.postal_codes[["code_postal", "commune"]].astype(object),
        "raw_mairie": b.mairies[list(MAIRIE_COLUMNS)].astype(object),
        "raw_maire_limites": b.maires[list(MAIRE_COLUMNS)].astype(object),
    }
    for name, frame in relations.items():
        con.register(name, _arrow(frame))


def _arrow(frame: pd.DataFrame):
    """Typed Arrow table: ``wkb`` as binary and codes/names as strings even when a column is empty."""
    import pyarrow as pa

    fields = []
    for column in frame.columns:
        if column == "wkb":
            fields.append(pa.field(column, pa.binary()))
        elif column in ("population", "population_annee"):
            fields.append(pa.field(column, pa.int64()))
        elif column == "superficie_km2":
            fields.append(pa.field(column, pa.float64()))
        else:
            fields.append(pa.field(column, pa.string()))
    return pa.Table.from_pandas(frame, schema=pa.schema(fields), preserve_index=False)
