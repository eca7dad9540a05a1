"""Display geometry of a level as a GeoJSON FeatureCollection (bytes).

Geometry never changes between callbacks: it is served once per level as a static,
cacheable response and Plotly is given its URL; callbacks send only codes and values.
"""

from __future__ import annotations

import json

import duckdb

from queries import sql

__all__ = ["LEVELS", "level_geojson_bytes"]

LEVELS = ("region", "departement", "epci", "commune")


def level_geojson_bytes(con: duckdb.DuckDBPyConnection, level: str) -> bytes:
    """FeatureCollection of ``level`` with ``id`` = territory code, compact JSON."""
    if level not in LEVELS:
        raise ValueError(f"niveau inconnu : {level!r}")
    rows = con.execute(sql("app/display_geometry"), {"niveau": level}).fetchall()
    features = ",".join(
        '{"type":"Feature","id":%s,"properties":{},"geometry":%s}' % (json.dumps(code), geometry)
        for code, geometry in rows
    )
    return ('{"type":"FeatureCollection","features":[%s]}' % features).encode("utf-8")
