"""Vector tiles of the France-wide commune map: what is cut, which tiles exist."""

from __future__ import annotations

import json

import numpy as np
import pytest

from dashboard.tiles import MAX_ZOOM, covering, in_range, mercator, source_frame


def test_mercator_matches_web_mercator():
    # the corners of the Web Mercator square, and Paris (EPSG:3857 coordinates as PROJ gives them)
    points = mercator(np.array([[180.0, 85.0511287798066], [-180.0, -85.0511287798066], [2.3522, 48.8566]]))
    assert np.allclose(points[0], [20037508.342789244, 20037508.342789244])
    assert np.allclose(points[1], [-20037508.342789244, -20037508.342789244])
    assert np.allclose(points[2], [261848.15, 6250566.72], atol=0.5)


@pytest.mark.parametrize("z, x, y, served", [(0, 0, 0, True), (MAX_ZOOM, 2 ** MAX_ZOOM - 1, 0, True),
                                             (MAX_ZOOM + 1, 0, 0, False), (3, 8, 0, False), (3, 0, 8, False),
                                             (-1, 0, 0, False), (2, -1, 0, False)])
def test_tiles_in_range(z, x, y, served):
    assert in_range(z, x, y) is served


def test_source_frame_keeps_codes_names_and_bounds_and_skips_frames():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    raw = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "2A004", "properties": {"nom": "Ajaccio"}, "geometry": square},
        {"type": "Feature", "id": "29019", "properties": {"nom": "Brest"}, "geometry": None},
        {"type": "Feature", "id": "cadre-974", "properties": {"nom": "974"}, "geometry": square},
    ]}).encode()
    frame = source_frame(raw, {"cadre-974"})
    assert frame["code"].tolist() == ["2A004"] and frame["nom"].tolist() == ["Ajaccio"]
    corner = mercator(np.array([[1.0, 1.0]]))[0]
    assert np.allclose(frame.loc[0, ["xmin", "ymin"]].tolist(), [0.0, 0.0])
    assert np.allclose(frame.loc[0, ["xmax", "ymax"]].tolist(), corner)


def test_tiles_covering_bounds():
    assert covering((-180.0, -85.0, 180.0, 85.0), 0) == [(0, 0, 0)]
    assert covering((-180.0, -85.0, 180.0, 85.0), 1) == [(1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
    # Brittany at zoom 7: the tiles of Brest (-4.49, 48.39) and of Rennes (-1.68, 48.11)
    assert covering((-4.49, 48.11, -1.68, 48.39), 7) == [(7, 62, 44), (7, 63, 44)]
    assert covering((2.3, 48.8, 2.4, 48.9), 5) == [(5, 16, 11)]  # Paris
