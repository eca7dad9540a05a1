"""HTTP side of the dashboard: geometry files, page statuses, callbacks as the browser calls them."""

from __future__ import annotations

import gzip
import json
import math

import pytest

from dashboard.app import create_app
from dashboard.data import get_warehouse
from dashboard.probe import CallbackProbe


@pytest.fixture(scope="module")
def app(small_run):
    return create_app(small_run.db_path)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def probe(app):
    return CallbackProbe(app)


def test_level_geometry_is_gzipped_cacheable_and_revalidates(client, small_db):
    version = get_warehouse().version
    response = client.get(f"/geo/departement.geojson?v={version}", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    collection = json.loads(gzip.decompress(response.data))
    names = dict(small_db.execute("SELECT code, nom FROM departement").fetchall())
    assert {f["id"]: f["properties"]["nom"] for f in collection["features"]} == names
    etag = response.headers["ETag"]
    again = client.get("/geo/departement.geojson", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["Cache-Control"] == "public, no-cache"  # no version: revalidate
    plain = client.get("/geo/departement.geojson")
    assert "Content-Encoding" not in plain.headers and json.loads(plain.data) == collection


def test_communes_of_one_departement(client, small_db):
    response = client.get("/geo/commune/22.geojson")
    codes = [f["id"] for f in json.loads(response.data)["features"]]
    expected = small_db.execute(
        "SELECT code FROM commune WHERE departement = '22' AND geom IS NOT NULL ORDER BY code").fetchall()
    assert sorted(codes) == [c for (c,) in expected]


def test_the_map_of_an_epci_across_two_departements_draws_every_commune(client, small_db):
    from dashboard.views import territory_view

    epci = "200022001"
    communes = dict(small_db.execute("SELECT code, departement FROM commune WHERE epci = ?", [epci]).fetchall())
    assert len(set(communes.values())) == 2  # the EPCI crosses the border of its départements
    trace = territory_view(get_warehouse(), "epci", epci).map_figure["data"][0]
    assert sorted(trace["locations"]) == sorted(communes)
    assert trace["geojson"] == f"/geo/epci/{epci}/communes.geojson?v={get_warehouse().version}"
    response = client.get(trace["geojson"], headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    features = json.loads(gzip.decompress(response.data))["features"]
    names = dict(small_db.execute("SELECT code, nom FROM commune WHERE epci = ?", [epci]).fetchall())
    assert {f["id"]: f["properties"]["nom"] for f in features} == names


@pytest.mark.parametrize("path", ["/geo/pays.geojson", "/geo/commune/99.geojson", "/geo/commune/..%2Fetc.geojson",
                                  "/geo/epci/999999999/communes.geojson", "/geo/epci/29/communes.geojson",
                                  "/geo/epci/..%2F..%2Fetc/communes.geojson", "/geo/epci/200022001'--/communes.geojson"])
def test_unknown_geometry_is_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path, status",
    [("/", 200), ("/mesures", 200), ("/sources", 200), ("/commune/29001", 200), ("/commune/22005", 200), ("/departement/22", 200),
     ("/region/53", 200), ("/commune/00000", 404), ("/commune/29001'--", 404), ("/departement/99", 404),
     ("/region/xx", 404), ("/nimporte/quoi", 404), ("/epci/242900001", 200), ("/epci/200022001/", 200),
     ("/epci/999999999", 404), ("/epci/29", 404)],
)
def test_page_status(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert b"Traceback" not in response.data
    assert b"<div id=\"react-entry-point\">" in response.data  # the app still renders its French page


def _response(body: bytes) -> dict:
    return json.loads(body)["response"]


def test_recolouring_france_by_commune_sends_codes_and_values_only(probe, small_db):
    status, body, _ = probe.map("#couche=maturite&echelle=commune", couche="fragilite", echelle="commune",
                                changed="carte-couche.value")
    assert status == 200
    assert len(body) <= 600_000
    response = _response(body)
    figure = response["carte-donnees"]["data"]
    trace = figure["data"][0]
    # France by commune is drawn from vector tiles: the trace has no geometry, the tiles' address instead
    assert trace["geojson"] == {"type": "FeatureCollection", "features": []}
    assert trace["meta"]["tuiles"] == f"/tuiles/commune/{{z}}/{{x}}/{{y}}.pbf?v={get_warehouse().version}"
    outlined = small_db.execute("SELECT code FROM commune WHERE geom IS NOT NULL").fetchall()
    assert sorted(trace["locations"]) == sorted(c for (c,) in outlined)
    assert b"coordinates" not in body
    assert response["carte-url"]["hash"] == "#couche=fragilite&echelle=commune"


def test_drilling_into_a_departement(probe, small_db):
    status, body, _ = probe.map("#couche=maturite&region=53", click={"points": [{"location": "29"}]},
                                changed="carte.clickData")
    assert status == 200 and len(body) <= 250_000
    response = _response(body)
    trace = response["carte-donnees"]["data"]["data"][0]
    expected = small_db.execute("SELECT code FROM commune WHERE departement = '29' ORDER BY code").fetchall()
    assert sorted(trace["locations"]) == [c for (c,) in expected]
    assert trace["geojson"].startswith("/geo/commune/29.geojson")
    assert response["carte-url"]["hash"] == "#couche=maturite&departement=29"
    name = small_db.execute("SELECT nom FROM departement WHERE code = '29'").fetchone()[0]
    assert name in json.dumps(response["carte-ariane"], ensure_ascii=False)


def test_callback_inputs_outside_the_closed_lists_fall_back(probe, small_db):
    status, body, _ = probe.map("#couche=x'; DROP TABLE commune&region=99", couche="nimporte", echelle="pays",
                                vue="000", click={"points": [{"location": "'--"}]}, changed="carte.clickData")
    assert status == 200
    response = _response(body)
    assert response["carte-couche"]["value"] == "maturite" and response["carte-echelle"]["value"] == "region"
    regions = small_db.execute("SELECT code FROM region").fetchall()
    assert response["carte-donnees"]["data"]["data"][0]["locations"] == [c for (c,) in regions]


def test_clicking_a_commune_offers_its_card(probe, small_db):
    status, body, _ = probe.map("#couche=maturite&departement=29", click={"points": [{"location": "29001"}]},
                                changed="carte.clickData")
    panel = json.dumps(_response(body)["carte-panneau"], ensure_ascii=False)
    name = small_db.execute("SELECT nom FROM commune WHERE code = '29001'").fetchone()[0]
    assert name in panel and "/commune/29001" in panel


def test_measures_callback_lists_the_21_measures_and_filters(probe, small_db):
    mesures = [m for (m,) in small_db.execute("SELECT id FROM mesure ORDER BY id").fetchall()]
    total = len(mesures)
    inputs = {"mesures-levier.value": None, "mesures-statut.value": None, "mesures-groupe.value": "levier"}
    status, body, _ = probe.call("mesures-liste.children", inputs)
    assert status == 200
    response = _response(body)
    assert response["mesures-compte"]["children"] == f"{total} mesures affichées sur {total}."
    text = json.dumps(response["mesures-liste"], ensure_ascii=False)
    assert all(m in text for m in mesures)
    status, body, _ = probe.call("mesures-liste.children", {**inputs, "mesures-levier.value": ["L2", "L9"],
                                                             "mesures-statut.value": ["pas_un_statut"]})
    in_l2 = small_db.execute("SELECT count(*) FROM mesure WHERE levier = 'L2'").fetchone()[0]
    # an unknown levier or status is ignored, not passed to a query
    assert _response(body)["mesures-compte"]["children"] == f"{in_l2} mesures affichées sur {total}."
    # the same filters in another order (and malformed values) give the same view, built once per worker
    status, again, _ = probe.call("mesures-liste.children", {**inputs, "mesures-levier.value": ["L9", ["x"], "L2", "L2"],
                                                              "mesures-statut.value": [{"a": 1}, "pas_un_statut"]})
    assert status == 200 and _response(again) == _response(body)


def test_search_results_link_to_the_cards(app, small_db):
    from dashboard.components import show_results

    results = json.dumps(show_results("st eloi").to_plotly_json(), default=lambda o: o.to_plotly_json(),
                         ensure_ascii=False)
    name = small_db.execute("SELECT nom FROM commune WHERE code = '29001'").fetchone()[0]
    assert name.startswith("Saint-") and name in results and "/commune/29001" in results
    assert show_results("a") is None  # too short to search


def test_demo_banner_on_every_page(client):
    layout = client.get("/_dash-layout").get_json()
    assert "Données de démonstration" in json.dumps(layout, ensure_ascii=False)


def _tile(client, path: str, **headers):
    return client.get(f"{path}?v={get_warehouse().version}", headers=headers)


def _tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    """Column and row of the Web Mercator tile of zoom ``z`` holding (lon, lat)."""
    n = 2 ** z
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return int((lon + 180) / 360 * n), int(y)


def test_vector_tiles_of_the_france_wide_commune_map(client, small_db):
    lon, lat = small_db.execute(
        "SELECT ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) FROM geometrie_affichage "
        "WHERE niveau = 'commune' AND code = '29001'").fetchone()
    x, y = _tile_of(lon, lat, 7)
    response = _tile(client, f"/tuiles/commune/7/{x}/{y}.pbf", **{"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    tile = gzip.decompress(response.data)
    # the layer, then each feature's code and name (strings of the tile's value table)
    for code, name in small_db.execute("SELECT code, nom FROM commune WHERE geom IS NOT NULL").fetchall():
        assert code.encode() in tile and name.encode() in tile
    assert tile.startswith(b"\x1a") and b"territoires" in tile  # a layer (field 3) named as the map expects
    assert b"22005" not in tile  # a commune without geometry is not drawn
    assert b"cadre-" not in tile  # nor the frames of the overseas boxes
    etag = response.headers["ETag"]
    assert client.get(f"/tuiles/commune/7/{x}/{y}.pbf", headers={"If-None-Match": etag}).status_code == 304
    assert client.get(f"/tuiles/commune/7/{x}/{y}.pbf").data == tile  # a client without gzip gets it plain
    elsewhere = _tile(client, "/tuiles/commune/7/0/0.pbf").data  # the north-west of the world: no commune
    assert not any(code.encode() in elsewhere for (code,) in
                                             small_db.execute("SELECT code FROM commune").fetchall())


@pytest.mark.parametrize("path", ["/tuiles/region/3/3/2.pbf", "/tuiles/commune/8/0/0.pbf", "/tuiles/commune/2/4/0.pbf",
                                  "/tuiles/commune/2/0/4.pbf", "/tuiles/commune/-1/0/0.pbf", "/tuiles/commune/a/0/0.pbf",
                                  "/tuiles/commune/2/1.5/0.pbf", "/tuiles/..%2Fcommune/2/0/0.pbf"])
def test_tiles_outside_their_range_are_not_found(client, path):
    assert _tile(client, path).status_code == 404
