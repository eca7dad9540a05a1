"""From a map state to the map page's figure, breadcrumb and panel, on the small warehouse."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from dashboard.data import Warehouse
from dashboard.mapstate import MapState
from dashboard.mapview import breadcrumb, map_figure_for, national_layer, panel
from tests.dashboard.test_home import _text


@pytest.fixture(scope="module")
def warehouse(small_run):
    return Warehouse(small_run.db_path)


def _indicators(small_db, level: str, column: str) -> dict:
    return dict(small_db.execute(
        f"SELECT code, {column} FROM indicateur_territoire WHERE niveau = ? AND {column} IS NOT NULL", [level]
    ).fetchall())


@pytest.mark.parametrize("level", ["commune", "epci", "departement", "region"])
def test_fragility_layer_holds_every_territory_with_a_score(warehouse, small_db, level):
    expected = _indicators(small_db, level, "fragilite_score")
    layer = national_layer(warehouse, level, "fragilite")
    assert dict(zip(layer.codes, layer.z)) == pytest.approx(expected)
    assert (layer.zmin, layer.zmax) == (0.0, 100.0)


def test_maturity_layer_gives_one_index_per_class(warehouse, small_db):
    classes = _indicators(small_db, "commune", "maturite_classe")
    layer = national_layer(warehouse, "commune", "maturite")
    assert sorted(layer.codes) == sorted(classes)
    index = dict(zip(layer.codes, layer.z))
    pairs = {(classes[c], int(index[c])) for c in layer.codes}
    assert len(pairs) == len({k for k, _ in pairs}) == len({i for _, i in pairs}) > 1  # a bijection
    assert all(0 <= i < len(layer.classes) for _, i in pairs)


def test_figure_of_a_departement_shows_its_communes(warehouse, small_db):
    figure = map_figure_for(MapState(region="53", departement="22", couche="fragilite"), warehouse)
    trace = figure["data"][0]
    z = np.frombuffer(base64.b64decode(trace["z"]["bdata"]), dtype=trace["z"]["dtype"])  # a typed array
    expected = _indicators(small_db, "commune", "fragilite_score")
    in_22 = {c for (c,) in small_db.execute("SELECT code FROM commune WHERE departement = '22'").fetchall()}
    assert dict(zip(trace["locations"], z.tolist())) == pytest.approx(
        {c: v for c, v in expected.items() if c in in_22}, rel=1e-6)
    assert trace["geojson"].startswith("/geo/commune/22.geojson")


def test_breadcrumb_names_the_region_and_the_departement(warehouse, small_db):
    region = small_db.execute("SELECT nom FROM region WHERE code = '53'").fetchone()[0]
    departement = small_db.execute("SELECT nom FROM departement WHERE code = '29'").fetchone()[0]
    items = breadcrumb(MapState(region="53", departement="29"), warehouse)
    text = _text(items)
    assert text.index("France") < text.index(region) < text.index(departement)
    links = [item.href for item in items if getattr(item, "href", None)]
    assert links == [MapState().to_fragment(), MapState(region="53").to_fragment()]


def test_panel_of_a_clicked_commune_and_of_france(warehouse, small_db):
    name, population = small_db.execute("SELECT nom, population FROM commune WHERE code = '22004'").fetchone()
    fragility, alliances = small_db.execute(
        "SELECT fragilite_score, alliances_nombre FROM indicateur_territoire WHERE niveau = 'commune' "
        "AND code = '22004'").fetchone()
    text = _text(panel(MapState(departement="22"), warehouse, ("commune", "22004")))
    assert text.startswith(f"{name} (22004) " + f"{population:,}".replace(",", "\u202f") + " habitants")
    assert f"Fragilité {round(fragility)}\xa0/\xa0100" in text and f"Alliances {alliances} " in text
    assert "Ouvrir la fiche de la commune" in text
    total = small_db.execute("SELECT count(*) FROM alliance").fetchone()[0]
    france = _text(panel(MapState(), warehouse))
    assert france.startswith("France") and f"Alliances {total} " in france


def test_france_by_commune_draws_no_line_between_communes(warehouse):
    france = map_figure_for(MapState(couche="maturite", echelle="commune"), warehouse)
    assert france["data"][0]["meta"]["tuiles"].startswith("/tuiles/commune/{z}/{x}/{y}.pbf")
    assert france["data"][0]["marker"]["line"]["width"] == 0
    departement = map_figure_for(MapState(region="53", departement="22", couche="maturite"), warehouse)
    assert departement["data"][0]["marker"]["line"]["width"] > 0


def test_the_layers_kept_by_a_worker_follow_a_publication(small_run, small_public_run, tmp_path):
    """A worker keeps each layer in memory; a publication over its warehouse (a new run, here
    with the CRTE of the ANCT files) gives new layers without a restart, equal to a fresh worker's."""
    import shutil
    import time

    import numpy as np

    from dashboard.data import Warehouse
    from dashboard.mapview import national_layer
    from etl.runner import RunOptions, run_etl

    db = tmp_path / "entrepot.duckdb"
    shutil.copy(small_run.db_path, db)
    worker = Warehouse(db)
    before = national_layer(worker, "commune", "crte")
    data = small_public_run.db_path.parent / "donnees"
    run_etl(RunOptions(db_path=db, data_dir=data, min_communes=1, accept_losses=True))
    expected = national_layer(Warehouse(small_public_run.db_path), "commune", "crte")
    assert not np.array_equal(before.z, expected.z)  # the CRTE of the ANCT files cover other communes
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        time.sleep(0.3)
        after = national_layer(worker, "commune", "crte")
        if after.codes == expected.codes and np.array_equal(after.z, expected.z):
            break
    assert after.codes == expected.codes and np.array_equal(after.z, expected.z)


def test_the_france_by_region_map_names_the_geometry_its_drill_down_needs(warehouse, small_db):
    region = small_db.execute("SELECT min(code) FROM region WHERE length(code) = 2 AND code > '10'").fetchone()[0]
    figure = map_figure_for(MapState(echelle="region"), warehouse)
    drilled = map_figure_for(MapState(echelle="region").drill(region, warehouse), warehouse)
    assert figure["layout"]["meta"]["suivante"] == drilled["data"][0]["geojson"]
    assert drilled["data"][0]["geojson"].startswith("/geo/france/departement.geojson?v=")
    # elsewhere a click needs a file of its own (a département's communes) or none: nothing loaded ahead
    for state in (MapState(echelle="departement"), MapState(echelle="commune"), MapState(region=region)):
        assert "suivante" not in map_figure_for(state, warehouse)["layout"]["meta"], state
