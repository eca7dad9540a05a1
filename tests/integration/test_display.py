"""Display geometry: topology-preserving simplification on real communes."""

from __future__ import annotations

import pytest
import shapely

from geodata.coverage import build_coverage
from geodata.display import simplify_level


@pytest.fixture(scope="module")
def bretagne(datafrance):
    communes = datafrance.communes[datafrance.communes["region"] == "53"]
    return build_coverage(communes)


def test_simplified_communes_keep_shared_edges(bretagne):
    simplified = simplify_level(bretagne.communes, "commune")
    assert sorted(simplified["code"]) == sorted(bretagne.communes.dropna(subset=["geometry"])["code"])
    projected = simplified.to_crs(2154).geometry.to_numpy()
    # Neighbours neither overlap nor leave gaps: the union of the parts has the same area
    # as the sum of the parts, and no hole narrower than the source slivers appears.
    total = shapely.area(projected).sum()
    union = shapely.union_all(projected)
    assert union.area == pytest.approx(total, rel=1e-4)
    assert shapely.is_valid(simplified.geometry.to_numpy()).all()


def test_simplification_reduces_vertices(bretagne):
    before = shapely.get_num_coordinates(bretagne.departements.geometry.to_numpy()).sum()
    after = shapely.get_num_coordinates(simplify_level(bretagne.departements, "departement").geometry.to_numpy()).sum()
    assert after < before / 3
