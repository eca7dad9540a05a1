"""Display geometry of a level as a GeoJSON FeatureCollection (bytes).

Geometry never changes between callbacks: it is served once per level as a static,
cacheable response and Plotly is given its URL; callbacks send only codes and values.
Each feature carries ``id`` = territory code and ``properties.nom`` (its name, shown on
hover through ``%{properties.nom}``).
"""

from __future__ import annotations

import json

import duckdb

from atlas.vocabulary import LEVEL_CODES
from atlas.warehouse import run

__all__ = ["LEVELS", "level_geojson_bytes"]

LEVELS = LEVEL_CODES


def level_geojson_bytes(con: duckdb.DuckDBPyConnection, level: str, departement: str | None = None) -> bytes:
    """FeatureCollection of ``level`` (only the communes of ``departement`` if given), compact JSON."""
    if level not in LEVELS:
        raise ValueError(f"niveau inconnu : {level!r}")
    if departement is not None and level != "commune":
        raise ValueError("seules les communes se filtrent par département")
    cursor = con.cursor()
    try:
        rows = run(cursor, "app/display_geometry", niveau=level, departement=departement).fetchall()
    finally:
        cursor.close()
    features = ",".join(
        '{"type":"Feature","id":%s,"properties":{"nom":%s},"geometry":%s}'
        % (json.dumps(code), json.dumps(nom, ensure_ascii=False), geometry)
        for code, nom, geometry in rows
    )
    return ('{"type":"FeatureCollection","features":[%s]}' % features).encode("utf-8")
