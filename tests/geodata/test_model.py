"""Tests of geodata.model: the extra geometries of former communes."""

from __future__ import annotations

import pandas as pd
from shapely.geometry import box

from geodata.crs import WGS84
from geodata.model import former_geometries


def test_former_geometries_keep_the_former_communes_that_have_one():
    historique = pd.DataFrame(
        {
            "ancien_code": ["12001", "12002", "12003"],
            "nom": ["Ancienne A", "Ancienne B", "Ancienne C"],
            "code_actuel": ["12100", "12100", "12200"],
            "type": ["COMD", "COMD", "COMA"],
        }
    )
    extra = former_geometries(historique, [box(0, 0, 1, 1), None, box(2, 0, 3, 1)])
    assert list(extra.columns) == ["ancien_code", "code_actuel", "geometry"]
    assert extra["ancien_code"].tolist() == ["12001", "12003"]
    assert extra["code_actuel"].tolist() == ["12100", "12200"]
    assert extra.geometry.iloc[1].equals(box(2, 0, 3, 1))
    assert list(extra.index) == [0, 1]
    assert extra.crs == WGS84
