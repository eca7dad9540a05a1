"""Hostile requests to the Dash endpoints get a 4xx or a no-update, never a 500.

Each class of payload of the hardening issue is replayed against the Flask test client,
then a seeded fuzzer posts more than a thousand requests mixing them over every callback
of the app.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from dashboard import fuzz
from dashboard.app import create_app
from dashboard.guard import MAX_DEPTH, BadEnvelope, check_envelope, depth
from dashboard.probe import CallbackProbe

UPDATE = "/_dash-update-component"
SEARCH_INPUT = {"index": "entete", "type": "recherche-saisie"}
SEARCH_OUTPUT = '{"index":["MATCH"],"type":"recherche-resultats"}.children'


@pytest.fixture(scope="module")
def app(small_run):
    return create_app(small_run.db_path)


@pytest.fixture(scope="module")
def probe(app):
    return CallbackProbe(app)  # its first request lets Dash register the pages' router


@pytest.fixture(scope="module")
def client(probe):
    return probe.client


def _post(client, body, raw: bool = False):
    data = body if raw else json.dumps(body)
    return client.post(UPDATE, data=data, content_type="application/json")


def _refused(response, status: int) -> None:
    assert response.status_code == status
    assert b"Traceback" not in response.data and b"File \"" not in response.data


def _open_first(app) -> str:
    return next(output for output in app.callback_map if output.startswith("_pages_location.pathname@"))


def _enter(app, submits, text, changed=None) -> dict:
    """The request of Enter pressed in the header's search field."""
    return {
        "output": _open_first(app),
        "outputs": {"id": "_pages_location", "property": "pathname"},
        "inputs": [[{"id": SEARCH_INPUT, "property": "n_submit", "value": submits}]],
        "state": [[{"id": SEARCH_INPUT, "property": "value", "value": text}]],
        "changedPropIds": [changed or '{"index":"entete","type":"recherche-saisie"}.n_submit'],
    }


def _typing(text) -> dict:
    """The request of text typed in the header's search field."""
    return {
        "output": SEARCH_OUTPUT,
        "outputs": {"id": {"index": "entete", "type": "recherche-resultats"}, "property": "children"},
        "inputs": [{"id": SEARCH_INPUT, "property": "value", "value": text}],
        "changedPropIds": ['{"index":"entete","type":"recherche-saisie"}.value'],
    }


# ---------------------------------------------------------------------- real requests still work


def test_a_valid_recolour_returns_the_map_data(probe):
    status, body, _ = probe.map("#region=53", couche="fragilite", changed="carte-couche.value")
    assert status == 200
    response = json.loads(body)["response"]
    assert response["carte-url"]["hash"] == "#couche=fragilite&region=53"
    assert response["carte-donnees"]["data"]["data"][0]["locations"]  # the département codes of région 53


def test_enter_in_the_search_field_opens_the_best_match(app, client):
    response = _post(client, _enter(app, 1, "Finistère"))
    assert response.status_code == 200
    assert response.get_json()["response"]["_pages_location"]["pathname"] == "/departement/29"
    assert _post(client, _typing("Finistère")).status_code == 200


# ---------------------------------------------------------------------- our callbacks' values


@pytest.mark.parametrize("values, changed", [
    ({"carte-vue.value": ["974"]}, "carte-vue.value"),  # a list as map view
    ({"carte.clickData": "abc"}, "carte.clickData"),  # a string as clickData
    ({"carte-url.hash": ["#region=53"]}, "carte-url.hash"),  # a list as URL fragment
    ({"carte.clickData": {"points": [{"location": 29}]}}, "carte.clickData"),
])
def test_map_callback_answers_no_update_to_values_of_the_wrong_type(probe, values, changed):
    inputs = {"carte-url.hash": "", "carte-couche.value": "maturite", "carte-echelle.value": "region",
              "carte-vue.value": "metropole", "carte.clickData": None, **values}
    status, body, _ = probe.call("carte-url.hash", inputs, changed=changed)
    assert (status, body) == (204, b"")


@pytest.mark.parametrize("leviers, groupe", [(5, "levier"), (None, ["levier"]), ("L1", "levier")])
def test_measures_callback_answers_no_update_to_values_of_the_wrong_type(probe, leviers, groupe):
    inputs = {"mesures-levier.value": leviers, "mesures-statut.value": None, "mesures-groupe.value": groupe}
    status, body, _ = probe.call("mesures-liste.children", inputs)
    assert (status, body) == (204, b"")


@pytest.mark.parametrize("text", [["st eloi"], 1.5, {"q": "brest"}, "st eloi \ud800"])
def test_search_results_answer_no_update_to_a_list_or_a_number(client, text):
    _refused(_post(client, _typing(text)), 204)


def test_enter_with_values_of_the_wrong_type_changes_nothing(app, client):
    _refused(_post(client, _enter(app, "1", "Finistère")), 204)
    _refused(_post(client, _enter(app, 1, ["Finistère"])), 204)


# ---------------------------------------------------------------------- malformed envelopes


@pytest.mark.parametrize("body", [[], None, "x", 3, True])
def test_a_body_that_is_not_an_object_is_refused(client, body):
    _refused(_post(client, body), 400)


def test_unknown_and_clientside_outputs_are_refused(probe, client):
    _refused(_post(client, {"output": "nope.children", "outputs": {}, "inputs": [], "changedPropIds": []}), 400)
    figure = {"output": "carte.figure", "outputs": {"id": "carte", "property": "figure"},
              "inputs": [{"id": "carte-donnees", "property": "data", "value": None}], "changedPropIds": []}
    _refused(_post(client, figure), 400)  # drawn in the browser: no server-side function


def test_an_unknown_trigger_is_refused(app, client):
    _refused(_post(client, _enter(app, 1, "Brest", changed='{"index":"ailleurs","type":"recherche-saisie"}.n_submit')), 400)
    _refused(_post(client, _enter(app, 1, "Brest", changed="{pas du json.n_submit")), 400)


def test_entries_foreign_to_the_callback_are_refused(app, client):
    body = _typing("brest")
    _refused(_post(client, {**body, "inputs": [{"id": "carte-vue", "property": "value", "value": "x"}]}), 400)
    _refused(_post(client, {**body, "inputs": body["inputs"] * 2}), 400)
    _refused(_post(client, {**body, "outputs": [body["outputs"]]}), 400)
    _refused(_post(client, {key: value for key, value in body.items() if key != "outputs"}), 400)
    enter = _enter(app, 1, "Brest")
    _refused(_post(client, {**enter, "inputs": [enter["inputs"][0][0]]}), 400)  # ALL sent as one entry


def test_a_deep_nesting_is_refused(client):
    _refused(_post(client, "[" * 50_000 + "]" * 50_000, raw=True), 400)
    nested = _typing("x")
    nested["inputs"][0]["value"] = json.loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    _refused(_post(client, nested), 400)


@pytest.mark.parametrize("pathname, search", [(5, ""), ("/", 3), (["/"], ""), ("mesures", ""), ("/\udcff", ""),
                                              ("/recherche", "?q=\ud800")])
def test_the_page_router_refuses_a_pathname_that_is_not_a_path(client, pathname, search):
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "state": [{"id": "_pages_location", "property": "hash", "value": ""}],
            "changedPropIds": ["_pages_location.pathname"]}
    _refused(_post(client, body), 400)
    body["inputs"][0]["value"], body["inputs"][1]["value"] = "/mesures", ""
    assert _post(client, body).status_code == 200
    body["state"][0]["value"] = 7  # the URL fragment, read by the home page: text or nothing
    _refused(_post(client, body), 400)


def test_a_body_not_sent_as_json_is_refused(client):
    _refused(client.post(UPDATE, data=b"{", content_type="application/json"), 400)
    not_json = json.dumps(_typing("brest")).replace('"brest"', "NaN")
    _refused(client.post(UPDATE, data=not_json, content_type="application/json"), 400)
    _refused(client.post(UPDATE, data=json.dumps(_typing("brest")), content_type="text/plain"), 415)


def test_check_envelope_names_what_is_wrong():
    with pytest.raises(BadEnvelope, match="rappel inconnu"):
        check_envelope({"output": "x.children"}, {})
    assert depth(3) == 0 and depth([[], {"a": [1]}]) == 3


# ---------------------------------------------------------------------- paths


@pytest.mark.parametrize("path", ["/_dash-component-suites/dash/../../etc/passwd",
                                  "/_dash-component-suites/dash/..%2f..%2fetc%2fpasswd",
                                  "/_dash-component-suites/os/path.py", "/_dash-foo", "/_dash-layout/x", "/_x"])
def test_unknown_dash_paths_answer_404(client, path):
    _refused(client.get(path), 404)


def test_dash_routes_called_with_the_wrong_method_answer_405(client):
    response = client.get(UPDATE)
    _refused(response, 405)
    assert response.headers["Allow"] == "OPTIONS, POST"
    assert client.get("/_dash-layout").status_code == 200


# ---------------------------------------------------------------------- fuzzing


def test_a_thousand_fuzzed_requests_give_no_5xx(app, client):
    deps = fuzz.dependencies_of(app)
    covered: set[str] = set()

    def send(request: fuzz.FuzzRequest) -> int:
        if request.kind == "valeurs":
            covered.add(json.loads(request.body)["output"])
        return client.open(request.path, method=request.method, data=request.body,
                           content_type=request.content_type).status_code

    counts = fuzz.run(send, deps, count=1_200, seed=12)
    by_status = Counter()
    for (_kind, status), n in counts.items():
        by_status[status] += n
    print("\nrequêtes par statut :", dict(sorted(by_status.items())))
    print("requêtes par classe et statut :", dict(sorted(counts.items())))
    assert sum(counts.values()) == 1_200
    assert {kind for kind, _ in counts} == set(fuzz.CLASSES)
    assert covered == set(app.callback_map)  # every callback, the pages' router and clientside ones included
    assert not [key for key in counts if key[1] >= 500]
    assert by_status[200] > 0 and by_status[204] > 0 and by_status[400] > 0
