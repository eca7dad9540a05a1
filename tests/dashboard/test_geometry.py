"""Display geometry: the France-wide composite that draws the overseas départements in boxes."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import box, shape

from dashboard.figures.carte import METROPOLE
from dashboard.geometry import FRANCE, OUTRE_MER, _merc, frame_id, inset_boxes, relocate, simplify

REUNION = (55.2, -21.4, 55.9, -20.85)
GUYANE = (-54.6, 2.1, -51.6, 5.75)


def _collection(features: dict[str, tuple[float, float, float, float]]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": code, "properties": {"nom": code}, "geometry": shapely.geometry.mapping(box(*bounds))}
        for code, bounds in features.items()
    ]}).encode()


def test_boxes_lie_beside_the_mainland_without_overlapping_it_or_each_other():
    boxes = {code: box(*bounds) for code, bounds in inset_boxes().items()}
    assert list(boxes) == list(OUTRE_MER)
    mainland = box(*METROPOLE)
    view = box(*FRANCE)
    for code, frame in boxes.items():
        assert not frame.intersects(mainland), code
        assert view.contains(frame), code
        assert all(not frame.intersects(other) for c, other in boxes.items() if c != code)


def test_overseas_features_move_into_their_box_and_keep_their_shape():
    raw = _collection({"97411": (55.3, -21.3, 55.5, -21.1), "97302": (-53.0, 4.0, -52.0, 5.0),
                       "29019": (-4.6, 48.35, -4.4, 48.45)})
    moved = {f["id"]: f for f in json.loads(relocate(raw, {"97411": "974", "97302": "973"},
                                                       {"974": REUNION, "973": GUYANE}))["features"]}
    boxes = inset_boxes()
    for code, departement in (("97411", "974"), ("97302", "973")):
        geometry = shape(moved[code]["geometry"])
        assert box(*boxes[departement]).contains(geometry), code
        assert not geometry.intersects(box(*METROPOLE))
    assert shape(moved["29019"]["geometry"]).equals(box(-4.6, 48.35, -4.4, 48.45))  # the mainland stays
    # a square on the map stays a square on the map: one scale in both directions, in Web Mercator
    west, south, east, north = shape(moved["97302"]["geometry"]).bounds
    source_ratio = 1.0 / (_merc(5.0) - _merc(4.0))
    assert (east - west) / (_merc(north) - _merc(south)) == pytest.approx(source_ratio, rel=0.02)
    # one frame per département with an extent, around its box
    assert shape(moved[frame_id("974")]["geometry"]).equals(box(*boxes["974"]))
    assert frame_id("971") not in moved


def _polygon(code: str, ring: list) -> dict:
    return {"type": "Feature", "id": code, "properties": {"nom": code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_simplify_keeps_neighbours_sharing_their_border_and_every_feature():
    # two communes sharing a wiggly border (x = 1 ± 0.002), a third one far away smaller than the tolerance
    border = [[1.0 + (0.002 if i % 2 else 0.0), i / 10] for i in range(11)]
    west = [[0.0, 0.0], *border, [0.0, 1.0], [0.0, 0.0]]
    east = [[2.0, 1.0], *reversed(border), [2.0, 0.0], [2.0, 1.0]]
    tiny = [[5.0, 5.0], [5.001, 5.0], [5.001, 5.001], [5.0, 5.0]]
    raw = json.dumps({"type": "FeatureCollection", "features": [
        _polygon("W", west), _polygon("E", east), _polygon("T", tiny)]}).encode()
    features = {f["id"]: f for f in json.loads(simplify(raw, 0.02))["features"]}
    assert set(features) == {"W", "E", "T"}
    w, e = shape(features["W"]["geometry"]), shape(features["E"]["geometry"])
    assert w.is_valid and e.is_valid
    assert shapely.get_num_coordinates(w) < len(west)  # the wiggles are gone …
    assert w.intersection(e).area == pytest.approx(0.0, abs=1e-12)  # … on both sides at once: no overlap
    assert w.union(e).area == pytest.approx(2.0, abs=1e-9)  # and no gap
    assert shape(features["T"]["geometry"]).area > 0  # a shape smaller than the tolerance is not lost


def test_simplify_rounds_coordinates():
    ring = [[0.12345, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.12345, 0.0]]
    raw = json.dumps({"type": "FeatureCollection", "features": [_polygon("A", ring)]}).encode()
    coords = json.loads(simplify(raw, 0.001, digits=3))["features"][0]["geometry"]["coordinates"][0]
    assert [0.123, 0.0] in coords and all(round(x, 3) == x and round(y, 3) == y for x, y in coords)
