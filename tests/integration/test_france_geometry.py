"""The France-wide commune geometry (``/geo/france/commune.geojson``) on the real boundaries:
every commune present and valid, neighbours still sharing their borders once simplified."""

from __future__ import annotations

import gzip
import json

import pytest
import shapely

from dashboard.data import Warehouse
from dashboard.geometry import FRANCE_TOLERANCE, level_geojson_bytes, simplify
from dashboard.routes import GeometryCache

pytestmark = pytest.mark.integration


def _geometries(raw: bytes) -> dict[str, shapely.Geometry]:
    return {f["id"]: shapely.from_geojson(json.dumps(f["geometry"])) for f in json.loads(raw)["features"]
            if f["geometry"]}


@pytest.fixture(scope="module")
def shapes(demo_run):
    warehouse = Warehouse(demo_run.db_path)
    cursor = warehouse.cursor()
    try:
        served = level_geojson_bytes(cursor, "commune")
    finally:
        cursor.close()
    france = GeometryCache(warehouse).get("commune", france=True)
    return _geometries(served), _geometries(simplify(served, FRANCE_TOLERANCE)), gzip.decompress(france.gz)


def test_every_commune_is_present_valid_and_lighter(shapes, demo_db):
    served, simplified, france = shapes
    communes = {code for (code,) in demo_db.execute("select code from commune").fetchall()}
    france_ids = {f["id"] for f in json.loads(france)["features"]}
    assert set(served) <= communes and len(served) > 34800
    assert set(simplified) == set(served) and set(served) <= france_ids
    assert all(geometry.is_valid and not geometry.is_empty for geometry in simplified.values())
    vertices = lambda shapes_: sum(shapely.get_num_coordinates(list(shapes_.values())))  # noqa: E731
    assert vertices(simplified) < 0.5 * vertices(served)


@pytest.mark.parametrize("departement", ["29", "2A", "69", "13", "971"])
def test_neighbours_keep_sharing_their_borders(shapes, departement):
    served, simplified, _ = shapes
    codes = [code for code in served if code.startswith(departement)]
    before, after = ([shapes_[code] for code in codes] for shapes_ in (served, simplified))
    # no overlap: the communes' areas add up to the area of their union (up to the rounding of coordinates) …
    overlap = shapely.area(after).sum() - shapely.union_all(after).area
    assert overlap == pytest.approx(0.0, abs=1e-5)
    # … and no gap opened between neighbours: the union has no hole that it did not have before
    holes = lambda union: sum(len(p.interiors) for p in getattr(union, "geoms", [union]))  # noqa: E731
    assert holes(shapely.union_all(after)) <= holes(shapely.union_all(before))
