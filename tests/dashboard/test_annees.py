"""The home map's year control and « communes par classe, année par année », on the small
demonstration warehouse: the map, its table and its counts read the mart
``indicateur_historique`` of the year chosen, and the year travels in the URL."""

from __future__ import annotations

from collections import Counter

import pytest

from dashboard.annees import CLASS_CHART, CLASS_CHART_STORE, TODAY, class_counts, class_counts_block, class_counts_by_year, year_frame, year_text
from dashboard.data import Warehouse
from dashboard.labels import CLASSE_LABELS, CLASSES
from dashboard.mapstate import MapState
from dashboard.mapview import breadcrumb, map_update, national_layer
from dashboard.territories import territory_rows
from tests.dashboard.test_home import _text


@pytest.fixture(scope="module")
def warehouse(small_run):
    return Warehouse(small_run.db_path)


def _mart(small_db, level: str, year: int) -> dict[str, str]:
    return dict(small_db.execute(
        "SELECT code, maturite_classe FROM indicateur_historique WHERE niveau = ? AND annee = ?", [level, year]
    ).fetchall())


def _today(small_db, level: str) -> dict[str, str]:
    return dict(small_db.execute(
        "SELECT code, maturite_classe FROM indicateur_territoire WHERE niveau = ?", [level]).fetchall())


@pytest.fixture(scope="module")
def past(small_db) -> int:
    """A past year whose commune classes differ from today's (the demo alliances start over the years)."""
    years = [y for (y,) in small_db.execute("SELECT DISTINCT annee FROM indicateur_historique ORDER BY 1").fetchall()]
    today = _today(small_db, "commune")
    changed = [y for y in years[:-1] if _mart(small_db, "commune", y) != today]
    assert changed, "the small warehouse should have a past year unlike today"
    return changed[0]


def test_the_years_are_those_of_the_mart_from_2014(warehouse, small_db):
    first, last = small_db.execute("SELECT min(annee), max(annee) FROM indicateur_historique").fetchone()
    assert warehouse.history_years == tuple(range(first, last + 1)) and first == 2014


@pytest.mark.parametrize("level", ["commune", "epci", "departement", "region"])
def test_the_maturity_layer_of_a_year_holds_the_classes_of_that_year(warehouse, small_db, past, level):
    layer = national_layer(warehouse, level, "maturite", annee=past)
    expected = _mart(small_db, level, past)
    assert dict(zip(layer.codes, (CLASSES[int(i)] for i in layer.z))) == {
        code: classe for code, classe in expected.items() if classe is not None}
    today = national_layer(warehouse, level, "maturite")
    assert (layer.classes, layer.colours, layer.zmin, layer.zmax) == (today.classes, today.colours, today.zmin,
                                                                      today.zmax)  # same scale and legend


def test_the_last_year_of_the_mart_is_today(warehouse, small_db):
    """The range input's last position is today: no year in the state, the current scores."""
    last = warehouse.history_years[-1]
    assert _mart(small_db, "commune", last) == _today(small_db, "commune")
    outputs = map_update(warehouse, "#couche=maturite&annee=2016&echelle=commune", None, None, None, None,
                         "carte-annee", None, str(last))
    assert outputs[0] == "#couche=maturite&echelle=commune"
    assert outputs[-2:] == (last, TODAY)


def test_the_year_round_trips_through_the_url(warehouse, past):
    state = MapState(annee=past, region="53", departement="29")
    assert f"annee={past}" in state.to_fragment()
    assert MapState.parse(state.to_fragment(), warehouse) == state
    assert MapState.parse(MapState(annee=past, echelle="commune").to_fragment(), warehouse).annee == past
    assert "annee" not in MapState().to_fragment()
    assert "annee" not in MapState(couche="fragilite", annee=past).to_fragment()  # the maturity layer's year
    last = warehouse.history_years[-1]
    for wrong in ("1999", str(last), "2016x", "", "deux-mille"):  # unknown, today, not a year
        assert MapState.parse(f"#couche=maturite&annee={wrong}", warehouse).annee is None
    assert MapState.parse(f"#couche=fragilite&annee={past}", warehouse).annee is None


def test_choosing_a_year_recolours_the_map_and_names_the_year(warehouse, small_db, past):
    outputs = map_update(warehouse, "#couche=fragilite&region=53&departement=29", None, None, None, None,
                         "carte-annee", None, str(past))
    fragment, figure, crumbs, panel, legend, couche = outputs[:6]
    assert fragment == f"#couche=maturite&annee={past}&departement=29" and couche == "maturite"
    trace = figure["data"][0]
    expected = {c: k for c, k in _mart(small_db, "commune", past).items() if c.startswith("29") and k}
    assert dict(zip(trace["locations"], (CLASSES[i] for i in trace["z"]))) == expected
    assert trace["meta"]["etiquettes"] == [CLASSE_LABELS[c] for c in CLASSES]
    assert f"maturité au 31 décembre {past}" in _text(crumbs)
    assert f"au 31 décembre {past}" in _text(legend)
    assert outputs[-2:] == (past, year_text(past))
    # the panel of the département: its class that year, then today's
    then, now = _mart(small_db, "departement", past)["29"], _today(small_db, "departement")["29"]
    text = _text(panel)
    assert f"Maturité au 31 décembre {past} {CLASSE_LABELS[then]}" in text
    assert text.index(f"31 décembre {past}") < text.index(f"Maturité aujourd'hui {CLASSE_LABELS[now]}")
    france = _text(map_update(warehouse, f"#couche=maturite&annee={past}&echelle=region", None, None, None, None,
                              None, None, None)[3])
    assert "Maturité aujourd'hui" in france  # France has no history: its line says it is today's
    # another layer: the year goes (it is the maturity layer's)
    other = map_update(warehouse, fragment, "fragilite", None, None, None, "carte-couche", None, str(past))
    assert "annee" not in other[0] and "décembre" not in _text(other[2])
    assert other[-2:] == (warehouse.history_years[-1], TODAY)


def test_the_breadcrumb_keeps_the_year_on_its_links(warehouse, past):
    items = breadcrumb(MapState(annee=past, region="53", departement="29"), warehouse)
    links = [item.href for item in items if getattr(item, "href", None)]
    assert links and all(f"annee={past}" in link for link in links)


def test_the_table_of_the_map_shows_the_year(warehouse, small_db, past):
    rows = territory_rows(MapState(annee=past, region="53", departement="22"), warehouse)
    scores = dict(small_db.execute(
        "SELECT code, maturite_score FROM indicateur_historique WHERE niveau = 'commune' AND annee = ? "
        "AND code LIKE '22%'", [past]).fetchall())
    classes = _mart(small_db, "commune", past)
    assert {row[0]: row[4] for row in rows["lignes"]} == pytest.approx(
        {code: None if score is None else round(score, 6) for code, score in scores.items()})
    assert {row[0]: row[5] for row in rows["lignes"]} == {code: CLASSE_LABELS.get(classes[code], "—") for code in scores}
    assert str(past) in rows["titre"] and f"31 décembre {past}" in rows["legende"]
    assert rows["colonnes"][2:4] == [f"Score de maturité ({past})", f"Classe de maturité ({past})"]
    assert "décembre" not in territory_rows(MapState(region="53", departement="22"), warehouse)["titre"]


def test_the_frames_a_worker_keeps_are_keyed_by_the_published_run(warehouse, past):
    from dashboard import annees

    frame = year_frame(warehouse, "region", past)
    assert annees._frames[(*warehouse.cache_key, "region", past)] is frame
    counts = class_counts(warehouse)
    assert annees._frames[(*warehouse.cache_key, "commune", "classes")] is counts and class_counts(warehouse) is counts


def test_communes_per_class_per_year_equal_a_direct_count_over_the_mart(warehouse, small_db):
    rows = small_db.execute(
        "SELECT annee, maturite_classe FROM indicateur_historique WHERE niveau = 'commune'").fetchall()
    direct = Counter(rows)
    years, by_class = class_counts_by_year(warehouse.history_class_counts("commune"))
    assert years == list(warehouse.history_years)
    assert list(by_class) == list(CLASSES)
    for classe in CLASSES:
        assert by_class[classe] == [direct[(year, classe)] for year in years]
    communes = small_db.execute("SELECT count(*) FROM commune").fetchone()[0]
    assert all(sum(by_class[c][i] for c in CLASSES) == communes for i in range(len(years)))


def test_the_counts_block_has_a_stacked_chart_and_a_table(warehouse):
    counts = warehouse.history_class_counts("commune")
    years, by_class = class_counts_by_year(counts)
    block = class_counts_block(counts)
    text = _text(block)
    assert "Communes par classe de maturité, année par année" in text
    store, graph = block.children[1].children[0].children  # the figure waits in a store for the map
    assert store.id == CLASS_CHART_STORE and graph.id == CLASS_CHART
    figure = store.data
    assert figure["layout"]["barmode"] == "stack"
    assert [t["name"] for t in figure["data"]] == [CLASSE_LABELS[c] for c in CLASSES]
    assert [t["y"] for t in figure["data"]] == [by_class[c] for c in CLASSES]
    table = block.children[1].children[2].children[1]
    body = table.children.children[2]
    assert [row.children[0].children for row in body.children] == [str(y) for y in years]
    last = years[-1]
    assert f"En {last} : " in text
