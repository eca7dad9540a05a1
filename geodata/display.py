"""Display geometry for the web map.

Each level is simplified *as a coverage* (``shapely.coverage_simplify``): shared edges
are simplified once, so neighbours keep sharing them and no gap or overlap appears.
Simplification runs in the zone's projected CRS with a tolerance in metres, then
coordinates are rounded to what a screen needs.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .coverage import polygonal
from .crs import WGS84, ZONE_CRS

__all__ = ["DISPLAY_TOLERANCE_M", "DISPLAY_GRID_DEG", "simplify_level"]

#: Simplification tolerance per level, metres.
DISPLAY_TOLERANCE_M = {"region": 1500.0, "departement": 800.0, "epci": 400.0, "commune": 400.0}
#: Rounding grid of display coordinates, degrees (1e-3° is about 111 m in latitude, 75 m in longitude).
DISPLAY_GRID_DEG = {"region": 1e-3, "departement": 1e-3, "epci": 1e-3, "commune": 1e-3}


def simplify_level(frame: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """Return ``code`` and simplified ``geometry`` (WGS84) for one level.

    ``frame`` must hold a valid coverage per zone (the output of
    :func:`geodata.coverage.build_coverage`) with columns ``code`` and ``zone``.
    """
    tolerance = DISPLAY_TOLERANCE_M[level]
    grid = DISPLAY_GRID_DEG[level]
    parts = []
    frame = frame[frame.geometry.notna()]
    for zone, group in frame.groupby("zone", sort=True):
        projected = group.to_crs(ZONE_CRS[zone])
        simplified = shapely.coverage_simplify(projected.geometry.to_numpy(), tolerance)
        out = gpd.GeoDataFrame({"code": group["code"].to_numpy()}, geometry=simplified, crs=ZONE_CRS[zone])
        parts.append(out.to_crs(WGS84))
    result = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=WGS84)
    original = result.geometry.to_numpy()
    rounded = shapely.set_precision(original, grid, mode="valid_output")
    # A territory smaller than the grid collapses when rounded: keep it unrounded.
    collapsed = shapely.is_empty(rounded) | (shapely.get_type_id(rounded) < 3)
    rounded[collapsed] = original[collapsed]
    result["geometry"] = np.asarray([polygonal(g) for g in rounded], dtype=object)
    return result.sort_values("code", ignore_index=True)
