"""Display geometry of a level as a GeoJSON FeatureCollection (bytes).

Geometry never changes between callbacks: it is served once per level as a static,
cacheable response and Plotly is given its URL; callbacks send only codes and values.
Each feature carries ``id`` = territory code and ``properties.nom`` (its name, shown on
hover through ``%{properties.nom}``).
"""

from __future__ import annotations

import json

import duckdb
import numpy as np
import shapely

from atlas.vocabulary import LEVEL_CODES
from atlas.warehouse import run

__all__ = ["LEVELS", "level_geojson_bytes", "OUTRE_MER", "FRANCE", "inset_boxes", "relocate", "frame_id", "simplify",
           "FRANCE_TOLERANCE", "FRANCE_DIGITS"]

LEVELS = LEVEL_CODES


def level_geojson_bytes(con: duckdb.DuckDBPyConnection, level: str, departement: str | None = None,
                        epci: str | None = None) -> bytes:
    """FeatureCollection of ``level`` (only the communes of ``departement``, or of ``epci``,
    if given), compact JSON."""
    if level not in LEVELS:
        raise ValueError(f"niveau inconnu : {level!r}")
    if (departement is not None or epci is not None) and level != "commune":
        raise ValueError("seules les communes se filtrent par département ou par EPCI")
    cursor = con.cursor()
    try:
        rows = run(cursor, "app/display_geometry", niveau=level, departement=departement, epci=epci).fetchall()
    finally:
        cursor.close()
    features = ",".join(
        '{"type":"Feature","id":%s,"properties":{"nom":%s},"geometry":%s}'
        % (json.dumps(code), json.dumps(nom, ensure_ascii=False), geometry)
        for code, nom, geometry in rows
    )
    return ('{"type":"FeatureCollection","features":[%s]}' % features).encode("utf-8")


# ---------------------------------------------------------------- France with its overseas départements

#: Overseas départements drawn beside metropolitan France on the France-wide map, top to bottom.
OUTRE_MER = ("971", "972", "973", "974", "976")

_COLUMN = (-11.6, -6.1)  # longitudes of the column of boxes, west of Brittany (mainland from −5.2°)
_TOP, _BOTTOM, _GAP = 51.1, 41.3, 0.2


def frame_id(departement: str) -> str:
    """Feature id of the frame drawn around an overseas département's box."""
    return f"cadre-{departement}"


def inset_boxes() -> dict[str, tuple[float, float, float, float]]:
    """The box (west, south, east, north), in degrees, of each overseas département on the
    France-wide map: a column in the Atlantic west of the mainland, one box under the other."""
    height = (_TOP - _BOTTOM - _GAP * (len(OUTRE_MER) - 1)) / len(OUTRE_MER)
    boxes = {}
    for i, code in enumerate(OUTRE_MER):
        north = _TOP - i * (height + _GAP)
        boxes[code] = (_COLUMN[0], round(north - height, 4), _COLUMN[1], round(north, 4))
    return boxes


#: Bounds of the France-wide map: metropolitan France with Corsica, and the column of boxes.
FRANCE = (_COLUMN[0], _BOTTOM, 9.6, _TOP)


def _merc(lat):
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def _unmerc(y):
    return np.degrees(2 * np.arctan(np.exp(np.radians(y))) - np.pi / 2)


def _fit(source: tuple[float, float, float, float], box: tuple[float, float, float, float], margin: float = 0.08):
    """The function moving coordinates from ``source`` to the middle of ``box``, scaled to fit
    it (a uniform scale in Web Mercator, so that shapes keep their proportions on the map)."""
    sw, ss, se, sn = source
    bw, bs, be, bn = box
    sy0, sy1, by0, by1 = _merc(ss), _merc(sn), _merc(bs), _merc(bn)
    scale = (1 - margin) * min((be - bw) / max(se - sw, 1e-9), (by1 - by0) / max(sy1 - sy0, 1e-9))
    sx, sy, tx, ty = (sw + se) / 2, (sy0 + sy1) / 2, (bw + be) / 2, (by0 + by1) / 2

    def move(coords: np.ndarray) -> np.ndarray:
        x = tx + (coords[:, 0] - sx) * scale
        y = _unmerc(ty + (_merc(coords[:, 1]) - sy) * scale)
        return np.round(np.column_stack([x, y]), 4)

    return move


#: Tolerance (degrees) of the simplification of the France-wide commune map: at its scale
#: (about 0.03° a pixel at 760 pixels wide) invisible. On the real communes it keeps 43 % of
#: the vertices (591 000 → 253 000); a coarser tolerance gains little, since every point
#: where three communes meet stays. A département's communes
#: (``/geo/commune/<département>.geojson``) keep the display geometry's full detail.
FRANCE_TOLERANCE = 0.02
#: Decimal places of the France-wide commune map's coordinates (1e-3° ≈ 100 m, a thirtieth of a pixel).
FRANCE_DIGITS = 3


def simplify(raw: bytes, tolerance: float, digits: int = FRANCE_DIGITS) -> bytes:
    """The FeatureCollection ``raw`` simplified *as a coverage* within ``tolerance``
    (``shapely.coverage_simplify``: an edge shared by two neighbours is simplified once,
    so no gap or overlap opens between them), coordinates rounded to ``digits`` places.
    A geometry that would come out empty or invalid keeps its served shape."""
    collection = json.loads(raw)
    features = [f for f in collection["features"] if f["geometry"]]
    geometries = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    simplified = shapely.coverage_simplify(geometries, tolerance)
    simplified = shapely.transform(simplified, lambda coords: np.round(coords, digits))
    kept = ~shapely.is_empty(simplified) & shapely.is_valid(simplified)
    for feature, text, ok in zip(features, shapely.to_geojson(simplified), kept):
        if ok:
            feature["geometry"] = json.loads(text)
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def relocate(raw: bytes, departement_of: dict[str, str], extents: dict[str, tuple[float, float, float, float]]) -> bytes:
    """The FeatureCollection ``raw`` with each feature whose code maps to an overseas
    département (``departement_of``) moved into that département's box (:func:`inset_boxes`);
    one frame per box is added (``id`` ``cadre-<département>``, ``properties.nom``)."""
    collection = json.loads(raw)
    boxes = inset_boxes()
    moves = {code: _fit(extents[code], boxes[code]) for code in OUTRE_MER if code in extents}
    for feature in collection["features"]:
        departement = departement_of.get(feature["id"])
        if departement in moves and feature["geometry"]:
            geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
            moved = shapely.transform(geometry, moves[departement])
            feature["geometry"] = json.loads(shapely.to_geojson(moved))
    for code in moves:
        west, south, east, north = boxes[code]
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        collection["features"].append({"type": "Feature", "id": frame_id(code), "properties": {"nom": code},
                                       "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
