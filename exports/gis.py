"""GIS layers: a GeoPackage (communes, EPCI, contour, programmes) in the territory's projected CRS,
and a GeoJSON of the communes in WGS84.

Attribute names are the French snake_case keys of the warehouse (``maturite_score``),
short and stable for GIS users; each closed list also gets its French label
(``maturite_classe_libelle``). Layers carry a ``demo`` attribute (some entity is demo) and a
layer description naming the entities that are demonstration data, when some are.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geodata.crs import WGS84

from atlas.vocabulary import EPCI_NATURES, MATURITY_LABELS, SECRET_LABEL

from .labels import EXPORTED_INDICATORS
from .snapshot import Snapshot

__all__ = ["render_gpkg", "render_geojson", "GPKG_LAYERS"]

GPKG_LAYERS = ("communes", "epci", "contour", "programmes")

_ROUND = 4  # decimals kept on scores and ratios


def _description(snapshot: Snapshot, what: str) -> str:
    t = snapshot.territory
    text = (
        f"{what} — {t.niveau_text} {t.label}, instantané du {snapshot.generated_on.isoformat()} "
        f"(Atlas des alliances territoriales ; {snapshot.vintage.describe()})"
    )
    if snapshot.demo:
        text += f" — {snapshot.demo_label}"
    return text


def _tidy(frame: gpd.GeoDataFrame, snapshot: Snapshot, labels: dict[str, dict]) -> gpd.GeoDataFrame:
    """Label columns after their code column, rounded floats, the demo flag."""
    out = frame.copy()
    for column, mapping in labels.items():
        position = out.columns.get_loc(column) + 1
        out.insert(position, f"{column}_libelle", out[column].map(mapping))
    for column in out.columns:
        if column != "geometry" and pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(_ROUND)
    out["demo"] = snapshot.demo
    return out


def _typed_indicators(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One type per GIS field: each indicator's ``<code>_valeur`` is a number, empty under
    statistical secret, and ``<code>_statut`` then says « secret statistique »."""
    out = frame.copy()
    for code in EXPORTED_INDICATORS:
        column = f"{code}_valeur"
        secret = out[column].map(lambda v: isinstance(v, str)).astype(bool)
        out.insert(out.columns.get_loc(column) + 1, f"{code}_statut",
                   pd.Series([SECRET_LABEL if s else None for s in secret], index=out.index, dtype="string"))
        out[column] = pd.to_numeric(out[column].where(~secret), errors="coerce")
        out[f"{code}_source"] = out[f"{code}_source"].astype("string")
    return out


def communes_layer(snapshot: Snapshot) -> gpd.GeoDataFrame:
    """The communes with their indicators (WGS84)."""
    return _tidy(_typed_indicators(snapshot.communes), snapshot, {"maturite_classe": MATURITY_LABELS})


def epci_layer(snapshot: Snapshot) -> gpd.GeoDataFrame:
    """The EPCI with at least one commune in the territory (WGS84)."""
    return _tidy(snapshot.epci, snapshot, {"nature": EPCI_NATURES, "maturite_classe": MATURITY_LABELS})


def contour_layer(snapshot: Snapshot) -> gpd.GeoDataFrame:
    """The territory's outline with its indicators (WGS84)."""
    return _tidy(snapshot.outline, snapshot, {"maturite_classe": MATURITY_LABELS})


def programmes_layer(snapshot: Snapshot) -> gpd.GeoDataFrame:
    """One feature per commune and contract or site of a State programme covering it (WGS84)."""
    return _tidy(snapshot.programmes_communes, snapshot, {})


def _write(frame: gpd.GeoDataFrame, path: Path, layer: str, driver: str, description: str, **options) -> None:
    pyogrio.write_dataframe(
        frame, path, layer=layer, driver=driver, promote_to_multi=True,
        geometry_type="MultiPolygon",  # also for a layer without features (no programme in the territory)
        layer_options={"DESCRIPTION": description, **options},
    )


def render_gpkg(snapshot: Snapshot) -> bytes:
    """GeoPackage with layers ``communes``, ``epci``, ``contour`` and ``programmes`` in the territory's CRS."""
    crs = snapshot.territory.crs
    layers = {
        "communes": (communes_layer(snapshot), "Communes et indicateurs"),
        "epci": (epci_layer(snapshot), "EPCI et indicateurs"),
        "contour": (contour_layer(snapshot), "Contour du territoire et indicateurs"),
        "programmes": (programmes_layer(snapshot), "Communes couvertes par les programmes de l'État (ANCT), "
                                                   "une entité par commune et contrat ou site, avec sa source"),
    }
    with tempfile.TemporaryDirectory(prefix="atlas-export-") as tmp:
        path = Path(tmp) / "export.gpkg"
        for layer, (frame, what) in layers.items():
            _write(frame.to_crs(crs), path, layer, "GPKG", _description(snapshot, what),
                   IDENTIFIER=f"{layer} — {snapshot.territory.nom}")
        return path.read_bytes()


def render_geojson(snapshot: Snapshot) -> bytes:
    """GeoJSON (RFC 7946, WGS84) of the communes with their indicators."""
    frame = communes_layer(snapshot).to_crs(WGS84)
    with tempfile.TemporaryDirectory(prefix="atlas-export-") as tmp:
        path = Path(tmp) / "communes.geojson"
        _write(frame, path, "communes", "GeoJSON", _description(snapshot, "Communes et indicateurs"),
               RFC7946="YES", COORDINATE_PRECISION="6", WRITE_NAME="YES")
        return path.read_bytes()
