"""Vector tiles of the France-wide commune map, drawn by maplibre itself (``assets/carte.js``).

Some 35 000 communes are too many for a Plotly trace over GeoJSON: the browser would parse
the whole collection, Plotly would walk it feature by feature, hand a copy to maplibre's
worker, which would cut it into tiles again. Here the server cuts the display geometry of
the France-wide map once per worker (the same simplified geometry, overseas départements in
their boxes, see ``geometry.relocate``) into Mapbox vector tiles (DuckDB spatial's
``ST_AsMVT``), each built on first request and kept (gzipped) with the version of the data.
The browser colours the tiles' features by code from the callback's codes and values.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading

import numpy as np
import pandas as pd
import shapely

from atlas.warehouse import connect, run

__all__ = ["TILE_LEVELS", "MAX_ZOOM", "TILE_LAYER", "EXTENT", "WARM_ZOOMS", "TileCache", "mercator", "in_range",
           "source_frame", "covering"]

#: Levels served as tiles (their France-wide map only).
TILE_LEVELS = ("commune",)
#: Deepest zoom served: the France-wide geometry is simplified to 0.02°, about a pixel at zoom 5;
#: maplibre draws deeper zooms from these tiles (overzoom).
MAX_ZOOM = 7
#: Name of the tiles' layer.
TILE_LAYER = "territoires"
#: Tile units per side, and the margin (units) kept around a tile so that fills join without seams.
EXTENT = 4096
BUFFER = 64

#: Zooms whose tiles over the France-wide map a worker cuts at start: the France map's, from a
#: phone's width to a wide screen's.
WARM_ZOOMS = (2, 3, 4, 5)

_EARTH = 6378137.0
_LIMIT = 85.0511287798066  # latitude of the edges of the Web Mercator square


def mercator(coords: np.ndarray) -> np.ndarray:
    """Longitudes and latitudes (degrees) → Web Mercator metres (EPSG:3857)."""
    x = np.radians(coords[:, 0]) * _EARTH
    y = np.log(np.tan(np.pi / 4 + np.radians(np.clip(coords[:, 1], -_LIMIT, _LIMIT)) / 2)) * _EARTH
    return np.column_stack([x, y])


def in_range(z: int, x: int, y: int) -> bool:
    """Whether (z, x, y) names a tile that is served."""
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2 ** z and 0 <= y < 2 ** z


def covering(bounds: tuple[float, float, float, float], z: int) -> list[tuple[int, int, int]]:
    """The tiles (z, x, y) of zoom ``z`` that cover ``bounds`` (west, south, east, north, degrees)."""
    west, south, east, north = bounds
    (x0, y0), (x1, y1) = np.floor(mercator(np.array([[west, north], [east, south]])) / _EARTH / np.pi
                                  * [1, -1] * 2 ** (z - 1) + 2 ** (z - 1)).astype(int)
    top = 2 ** z - 1
    return [(z, x, y) for x in range(max(x0, 0), min(x1, top) + 1) for y in range(max(y0, 0), min(y1, top) + 1)]


def source_frame(raw: bytes, skip: set[str]) -> pd.DataFrame:
    """The features of the FeatureCollection ``raw`` (but those whose id is in ``skip``, such as
    the frames of the overseas boxes): code, nom, geometry in Web Mercator (WKB) and its bounds."""
    features = [f for f in json.loads(raw)["features"] if f["geometry"] and str(f["id"]) not in skip]
    geometries = shapely.transform(shapely.from_geojson([json.dumps(f["geometry"]) for f in features]), mercator)
    bounds = shapely.bounds(geometries)
    return pd.DataFrame({
        "code": [str(f["id"]) for f in features],
        "nom": [f["properties"]["nom"] for f in features],
        "wkb": shapely.to_wkb(geometries),
        "xmin": bounds[:, 0], "ymin": bounds[:, 1], "xmax": bounds[:, 2], "ymax": bounds[:, 3],
    })


class TileCache:
    """Gzipped vector tiles per (version, level, z, x, y), cut on first request from the
    France-wide display geometry that ``geometry_of(level)`` returns (GeoJSON bytes)."""

    def __init__(self, geometry_of, version_of, skip: set[str]):
        self._geometry_of = geometry_of
        self._version_of = version_of
        self._skip = skip
        self._tiles: dict[tuple, tuple[bytes, str]] = {}
        self._sources: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def _source(self, version: str, level: str):
        key = (version, level)
        con = self._sources.get(key)
        if con is None:
            con = connect()
            con.register("tuiles_entree", source_frame(self._geometry_of(level), self._skip))
            run(con, "app/tuiles_source")
            con.unregister("tuiles_entree")
            self._sources = {k: v for k, v in self._sources.items() if k[0] == version}
            self._sources[key] = con
        return con

    def held(self) -> set[tuple[str, int, int, int]]:
        """The tiles (level, z, x, y) cut already for the current version of the data."""
        version = self._version_of()
        return {key[1:] for key in self._tiles if key[0] == version}

    def get(self, level: str, z: int, x: int, y: int) -> tuple[bytes, str]:
        """The tile, gzipped, and its ETag."""
        version = self._version_of()
        key = (version, level, z, x, y)
        tile = self._tiles.get(key)
        if tile is None:
            with self._lock:
                tile = self._tiles.get(key)
                if tile is None:
                    con = self._source(version, level)
                    raw = run(con, "app/tuile", z=z, x=x, y=y, extent=EXTENT, buffer=BUFFER,
                              couche=TILE_LAYER).fetchone()[0] or b""
                    digest = hashlib.blake2b(raw, digest_size=12).hexdigest()
                    tile = (gzip.compress(bytes(raw), 6, mtime=0), f'"{digest}"')
                    self._tiles = {k: v for k, v in self._tiles.items() if k[0] == version}
                    self._tiles[key] = tile
        return tile
