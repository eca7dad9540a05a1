"""Data access of the dashboard over the demo warehouse: named queries, checks, search."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

from dashboard.data import InvalidInput, Warehouse
from dashboard.labels import CLASSES
from dashboard.mapstate import MapState
from dashboard.search import SearchIndex, normalize
from geodata.sources.postal import read_postal_codes


@pytest.fixture(scope="module")
def warehouse(demo_run):
    return Warehouse(demo_run.db_path)


def test_codes_are_checked_before_any_query(warehouse):
    assert warehouse.exists("commune", "29019") and warehouse.exists("departement", "2A")
    for level, code in (("commune", "99999"), ("commune", "29019' OR 1=1 --"), ("region", None), ("pays", "FR")):
        assert not warehouse.exists(level, code)
    with pytest.raises(InvalidInput):
        warehouse.commune_alliances("29019' OR 1=1 --")
    with pytest.raises(InvalidInput):
        warehouse.indicators("pays")


def test_indicators_of_every_level_use_the_closed_list_of_classes(warehouse):
    for level, count in (("region", 18), ("departement", 101), ("commune", 34875)):
        frame = warehouse.indicators(level)
        assert len(frame) == count
        assert set(frame["maturite_classe"]) <= set(CLASSES)
        assert frame["nom"].notna().all()


def test_france_is_the_weighted_mean_of_its_communes(warehouse, demo_db):
    communes = warehouse.indicators("commune")
    weight = np.maximum(pd.to_numeric(communes["population"]).fillna(0).to_numpy(dtype=float), 1)
    known = communes["maturite_score"].notna().to_numpy()
    expected = np.average(communes["maturite_score"].to_numpy(dtype=float)[known], weights=weight[known])
    assert warehouse.france["maturite_score"] == pytest.approx(expected)
    assert warehouse.france["alliances_nombre"] == demo_db.execute("SELECT count(*) FROM alliance").fetchone()[0]


def test_commune_alliances_match_the_warehouse(warehouse, demo_db):
    code = demo_db.execute(
        "SELECT commune FROM alliance_commune GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    frame = warehouse.commune_alliances(code)
    expected = demo_db.execute("SELECT count(DISTINCT alliance) FROM alliance_commune WHERE commune = ?", [code]).fetchone()[0]
    assert len(frame) == expected > 0
    partners = demo_db.execute(
        "SELECT list(type_partenaire ORDER BY type_partenaire) FROM alliance_partenaire WHERE alliance = ?",
        [frame["id"].iloc[0]]).fetchone()[0]
    assert list(frame["partenaires"].iloc[0]) == partners


def test_nearest_catalysts_are_sorted_and_their_distance_is_geodesic(warehouse, demo_db):
    frame = warehouse.commune_catalysts("29019", 5)
    assert len(frame) == 5
    assert list(frame["distance_km"]) == sorted(frame["distance_km"])
    # Lambert-93 distance between the points agrees with the geodesic one within 0.5 %
    first = frame.iloc[0]
    (lon1, lat1), = demo_db.execute(
        "SELECT ST_X(geom), ST_Y(geom) FROM commune_point WHERE code = '29019'").fetchall()
    (lon2, lat2), = demo_db.execute(
        "SELECT ST_X(geom), ST_Y(geom) FROM catalyseur WHERE id = ?", [first["id"]]).fetchall()
    _, _, metres = Geod(ellps="GRS80").inv(lon1, lat1, lon2, lat2)
    assert first["distance_km"] == pytest.approx(metres / 1000, rel=0.005)


def test_experiments_near_a_commune_are_within_the_radius(warehouse, demo_db):
    code = demo_db.execute("SELECT commune FROM experimentation WHERE commune IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    frame = warehouse.commune_experiments(code, 25.0)
    assert code in set(frame["commune"])
    located = frame[frame["commune"].notna()]
    assert (located["distance_km"] <= 25.0).all()


def test_neighbours_touch_the_commune(warehouse):
    frame = warehouse.commune_neighbours("29019")
    assert frame["est_la_commune"].sum() == 1
    assert {"29075", "29212"} <= set(frame["code"])  # Guipavas, Plouzané
    assert len(frame) < 20


def test_priority_communes_are_ranked_within_the_region(warehouse):
    frame = warehouse.priority_communes("53", "29", limit=10)
    assert len(frame) == 10
    assert (frame["departement"] == "29").all()
    assert list(frame["priorite_score"]) == sorted(frame["priorite_score"], reverse=True)


def test_demo_flag_and_data_version(warehouse, full_run):
    assert warehouse.is_demo
    assert not Warehouse(full_run.db_path).is_demo
    assert warehouse.version.isdigit()


# ---------------------------------------------------------------------- map state


def test_map_state_reads_only_known_values(warehouse):
    state = MapState.parse("#couche=bivariee&departement=29", warehouse)
    assert (state.couche, state.region, state.departement, state.level) == ("bivariee", "53", "29", "commune")
    assert MapState.parse(state.to_fragment(), warehouse) == state
    bad = MapState.parse("#couche=x'--&echelle=pays&region=99&vue=000", warehouse)
    assert bad == MapState()
    assert MapState().drill("53", warehouse).region == "53"
    assert MapState(region="53").drill("29", warehouse).departement == "29"
    assert MapState(region="53").drill("75", warehouse).region == "11"  # a département of another région
    assert MapState(region="53").drill("nimporte", warehouse) == MapState(region="53")


# ---------------------------------------------------------------------- search


def test_normalize_folds_accents_case_and_abbreviations():
    assert normalize("ST-ÉTIENNE") == normalize("saint étienne") == "saint etienne"
    assert normalize("Sainte-Foy-lès-Lyon") == normalize("ste foy les lyon")


@pytest.fixture(scope="module")
def index(warehouse, datafrance_wheel):
    return SearchIndex(warehouse.territories, read_postal_codes(datafrance_wheel))


@pytest.mark.parametrize(
    "query, code",
    [("st etienne", "42218"), ("Saint-Étienne", "42218"), ("BREST", "29019"), ("29019", "29019"),
     ("2a004", "2A004"), ("29200", "29019"), ("75015", "75056")],
)
def test_search_finds_communes_by_name_code_or_postal_code(index, query, code):
    hits = index.search(query)
    assert hits and hits[0].code == code and hits[0].niveau == "commune"
    assert hits[0].href == f"/commune/{code}"


def test_search_finds_departements_and_regions(index):
    assert index.search("finistere")[0].href == "/departement/29"
    assert index.search("bretagne")[0].href == "/region/53"
    assert index.search("29")[0].href == "/departement/29"
    # a code that is both a postal code (Marseille 8e) and an INSEE code: both are offered
    assert [h.code for h in index.search("13008")][:2] == ["13055", "13008"]
    assert "97411" in [h.code for h in index.search("97411")]  # Saint-Denis (La Réunion) by its INSEE code
    assert index.search("") == [] and index.search("zzzzqqq") == []


def test_search_without_postal_table_still_works(warehouse):
    # the warehouse has no code_postal table until the ETL loads one
    assert warehouse.search_index.search("st etienne")[0].code == "42218"


def test_commune_population_gives_the_census_year_and_the_change(warehouse, demo_db):
    from dashboard.fiches import population_items
    from tests.test_dashboard_home import _text

    code, change = demo_db.execute(
        "SELECT commune, valeur FROM commune_fragilite WHERE composante = 'evolution_population' "
        "AND valeur < 0 ORDER BY commune LIMIT 1").fetchone()
    vintage = warehouse.commune_population(code)
    assert vintage["population_annee"] == 2017
    assert vintage["evolution_population"] == pytest.approx(change)
    text = _text(population_items(1234, vintage))
    assert "1\u202f234 habitants" in text and "(millésime 2017)" in text
    assert f"−{abs(change):.2f} % par an".replace(".", ",") in text
    assert vintage["evolution_source"] == "millesimes" and (vintage["annee_debut"], vintage["annee_fin"]) == (2011, 2017)
    assert "de 2011 à 2017 (" in text and " habitants)" in text
    given = population_items(10, {"population_annee": None, "evolution_population": 0.5,
                                  "evolution_source": "fichier", "annee_fin": 2021})
    assert "0,50 % par an (fichier indicateurs, 2021)" in _text(given)
    alone = demo_db.execute(
        "SELECT code FROM commune WHERE code NOT IN (SELECT commune FROM commune_fragilite "
        "WHERE composante = 'evolution_population') ORDER BY code LIMIT 1").fetchone()[0]
    assert "non calculée" in _text(population_items(10, warehouse.commune_population(alone)))
