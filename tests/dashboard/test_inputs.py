"""Typed checks of callback inputs, and the callbacks' cores given values of the wrong type."""

from __future__ import annotations

import pytest
from dash import no_update
from dash.exceptions import PreventUpdate

from dashboard import inputs
from dashboard.components import show_results
from dashboard.data import Warehouse
from dashboard.mapstate import MapState
from dashboard.mapview import map_update
from dashboard.measures import measures_view

WRONG_TYPES = [5, 1.5, True, ["x"], {"a": 1}]


@pytest.fixture(scope="module")
def warehouse(small_run):
    return Warehouse(small_run.db_path)


def test_text_keeps_strings_and_refuses_other_types():
    assert inputs.text("#couche=crte") == "#couche=crte"
    assert inputs.text(None) == "" and inputs.text(None, "x") == "x"
    for value in [*WRONG_TYPES, "st\ud800"]:  # a lone surrogate cannot be encoded: not text
        with pytest.raises(PreventUpdate):
            inputs.text(value)


def test_choice_falls_back_on_unknown_strings_and_refuses_other_types():
    assert inputs.choice("b", ("a", "b")) == "b"
    assert inputs.choice("z", ("a", "b"), "a") == "a"
    assert inputs.choice(None, ("a", "b"), "a") == "a"
    for value in WRONG_TYPES:  # a list or a dict is not hashable: refused before the lookup
        with pytest.raises(PreventUpdate):
            inputs.choice(value, ("a", "b"))


def test_choices_keep_known_strings_once_in_the_lists_order():
    assert inputs.choices(["c", "a", 3, ["b"], "a", "zz"], ("a", "b", "c")) == ("a", "c")
    assert inputs.choices(None, ("a",)) == ()
    for value in [5, "a", {"a": 1}, 1.5]:
        with pytest.raises(PreventUpdate):
            inputs.choices(value, ("a",))


def test_counters_and_pattern_lists():
    assert inputs.count(3) == 3 and inputs.count(None) == 0
    for value in [-1, True, 1.5, "3", [1]]:
        with pytest.raises(PreventUpdate):
            inputs.count(value)
    assert inputs.items([1, None]) == [1, None] and inputs.items(None) == []
    for value in [3, "x", {"a": 1}]:
        with pytest.raises(PreventUpdate):
            inputs.items(value)


def test_click_location_reads_the_first_points_code():
    assert inputs.click_location({"points": [{"location": "29", "z": 3}]}) == "29"
    assert inputs.click_location(None) is None
    assert inputs.click_location({}) is None and inputs.click_location({"points": []}) is None
    assert inputs.click_location({"points": [{}]}) is None
    for click in ["abc", [1], {"points": "x"}, {"points": [1]}, {"points": [{"location": 29}]},
                  {"points": [{"location": ["29"]}]}]:
        with pytest.raises(PreventUpdate):
            inputs.click_location(click)


def test_map_state_of_anything_but_a_string_is_the_default(warehouse):
    for fragment in [["#region=53"], 53, {"region": "53"}, None]:
        assert MapState.parse(fragment, warehouse) == MapState()
    assert MapState.parse("#region=53", warehouse) == MapState(region="53")


@pytest.mark.parametrize("fragment, couche, echelle, vue, click, trigger", [
    (["#region=53"], "maturite", "region", "metropole", None, "carte-url"),  # a list as URL fragment
    ("", "maturite", "region", ["974"], None, "carte-vue"),  # a list as map view
    ("", "maturite", "region", "metropole", "abc", "carte"),  # a string as clickData
    ("", {"c": 1}, "region", "metropole", None, "carte-couche"),
    ("", "maturite", 3, "metropole", None, "carte-echelle"),
])
def test_map_callback_refuses_values_of_the_wrong_type(warehouse, fragment, couche, echelle, vue, click, trigger):
    with pytest.raises(PreventUpdate):
        map_update(warehouse, fragment, couche, echelle, vue, click, trigger)


def test_map_callback_ignores_unknown_choices(warehouse):
    outputs = map_update(warehouse, "#couche=crte&region=53", "maturite", "pas-une-echelle", "pas-une-vue",
                         {"points": [{"location": "99999"}]}, "carte-vue", "pas-un-programme", "pas-une-annee")
    assert outputs[5:9] == ("crte", "region", "metropole", "nombre")  # the state the fragment gave, unchanged
    assert outputs[9:] == (warehouse.history_years[-1], "aujourd'hui")
    outputs = map_update(warehouse, "#couche=maturite&region=53", None, None, None, None, "carte-annee", None, "1789")
    assert outputs[0] is no_update and outputs[9:] == (warehouse.history_years[-1], "aujourd'hui")  # today, unchanged


@pytest.mark.parametrize("annee", [["2016"], {"annee": 2016}, 2016.5, True])
def test_map_callback_refuses_a_year_of_the_wrong_type(warehouse, annee):
    with pytest.raises(PreventUpdate):
        map_update(warehouse, "#couche=maturite", None, None, None, None, "carte-annee", None, annee)


def test_measures_callback_refuses_values_of_the_wrong_type(warehouse):
    with pytest.raises(PreventUpdate):
        measures_view(warehouse, 5, None, "levier")  # an int as leviers
    with pytest.raises(PreventUpdate):
        measures_view(warehouse, None, None, ["levier"])  # a list as groupe
    with pytest.raises(PreventUpdate):
        measures_view(warehouse, None, "en_cours", "levier")
    assert measures_view(warehouse, None, None, "pas-un-groupe")[1] == measures_view(warehouse, None, None, "levier")[1]


def test_search_results_refuse_a_list_or_a_number():
    for query in [["st eloi"], 1.5, 29, {"q": "a"}]:
        with pytest.raises(PreventUpdate):
            show_results(query)
    assert show_results(None) is None and show_results("x") is None
