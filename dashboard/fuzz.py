"""Hostile requests to the Dash endpoints, drawn at random from a seed.

Used by the guard's tests (Flask test client) and by ``bench/fuzz.py`` (a running server).
Requests are built from the app's callbacks (``/_dash-dependencies`` or
``app.callback_map``) and fall into five classes:

- ``valeurs``: a well-formed request whose input values are of any JSON type, shapes a
  component would never send, or real values (a map layer, a territory code);
- ``enveloppe``: the request itself malformed (a list or ``null`` as body, an unknown
  output, missing or foreign entries, wrong ``changedPropIds``);
- ``imbrication``: a value nested from 20 to 50 000 levels deep;
- ``corps``: a body that is not JSON, or not sent as JSON;
- ``chemins``: unknown ``/_dash-*`` paths, path traversal under the component suites,
  Dash routes called with the wrong method.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["CLASSES", "FuzzRequest", "dependencies_of", "requests", "run"]

CLASSES = ("valeurs", "enveloppe", "imbrication", "corps", "chemins")
UPDATE = "/_dash-update-component"
JSON = "application/json"

#: Values a hostile client may put anywhere, with a few real ones among them.
VALUES = (
    None, 0, -1, 7, 1.5, 1e308, True, False, "", "x", "é" * 300, "\x00", "<script>", "../../etc/passwd",
    [], ["x"], [None], [1, 2], [["L1"]], {}, {"a": 1}, {"points": "x"}, {"points": [1]}, {"points": [{}]},
    {"points": [{"location": 53}]}, {"points": [{"location": ["53"]}]}, {"points": [{"location": "53"}]},
    {"points": [{"location": "29"}]}, {"points": [{"location": "99999"}]},
    "maturite", "fragilite", "bivariee", "region", "departement", "commune", "epci", "metropole", "974",
    "#couche=crte&region=53", "#departement=29", "#region=", "#couche=%00&echelle=[]", "levier", "chantier",
    ["L1", "L2"], ["realise", "en_cours"], "/", "/commune/29001", "/region/53", "/departement/2a", "/mesures",
    "/recherche", "?q=brest", "?q=a&q=b", "?%zz", "st eloi", "29", "29600", "\ud800", "/commune/\udcff",
    "#region=\ud800", "?q=\ud800", "st\u0301 é%_*(", "/" + "x/" * 2_000, "?" + "a=1&" * 2_000,
)

#: Paths outside the callback endpoint: (method, path).
PATHS = (
    ("GET", "/_dash-component-suites/dash/../../etc/passwd"),
    ("GET", "/_dash-component-suites/dash/..%2f..%2fetc%2fpasswd"),
    ("GET", "/_dash-component-suites/os/path.py"),
    ("GET", "/_dash-component-suites/dash/deps/nope.js"),
    ("GET", "/_dash-foo"),
    ("GET", "/_dash-layout/x"),
    ("GET", "/_dash-update-component"),
    ("POST", "/_dash-layout"),
    ("POST", "/_dash-dependencies"),
    ("GET", "/_reload-hash/x"),
    ("GET", "/_internal"),
    ("PUT", UPDATE),
    ("PATCH", "/_dash-layout"),
)


@dataclass(frozen=True)
class FuzzRequest:
    kind: str  # one of CLASSES
    method: str
    path: str
    body: bytes | None = None
    content_type: str | None = None


def dependencies_of(app) -> list[dict]:
    """The server-side callbacks of a Dash app, in ``/_dash-dependencies``'s shape."""
    return [{"output": output, "inputs": spec["inputs"], "state": spec["state"]}
            for output, spec in app.callback_map.items()]


def _concrete(component: str, index: str = "entete"):
    """A component id of a spec with its wildcards (``["MATCH"]``, ``["ALL"]``) set to ``index``."""
    if not component.startswith("{"):
        return component
    return {k: (index if isinstance(v, list) else v) for k, v in json.loads(component).items()}


def _entries(spec: dict, rng: random.Random, value) -> dict | list[dict]:
    """What the renderer sends for one dependency: an entry, or a list of them for ALL."""
    prop = spec["property"].split("@")[0]
    if '["ALL"]' not in spec["id"] and '["ALLSMALLER"]' not in spec["id"]:
        return {"id": _concrete(spec["id"]), "property": prop, "value": value()}
    indexes = ["entete", "introuvable", "accueil"][: rng.randint(0, 3)]
    return [{"id": _concrete(spec["id"], index), "property": prop, "value": value()} for index in indexes]


def _outputs(output: str) -> list[dict] | dict:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    specs = [dict(zip(("id", "property"), part.rsplit(".", 1))) for part in parts]
    specs = [{"id": _concrete(spec["id"]), "property": spec["property"].split("@")[0]} for spec in specs]
    return specs if output.startswith("..") else specs[0]


def _flat(items: list) -> list[dict]:
    return [e for item in items for e in (item if isinstance(item, list) else [item])]


def _envelope(dep: dict, rng: random.Random) -> dict:
    """A well-formed request for ``dep`` with random values; one input marked as changed."""
    value = lambda: rng.choice(VALUES)  # noqa: E731
    inputs = [_entries(spec, rng, value) for spec in dep["inputs"]]
    flat = _flat(inputs)
    changed = []
    if flat and rng.random() < 0.8:
        entry = rng.choice(flat)
        component = entry["id"]
        if isinstance(component, dict):
            component = json.dumps(component, sort_keys=True, separators=(",", ":"))
        changed = [f"{component}.{entry['property']}"]
    return {"output": dep["output"], "outputs": _outputs(dep["output"]), "inputs": inputs,
            "state": [_entries(spec, rng, value) for spec in dep["state"]], "changedPropIds": changed}


def _broken(envelope: dict, rng: random.Random):
    """``envelope`` made malformed in one of several ways."""
    broken = dict(envelope)
    way = rng.randrange(12)
    if way == 0:
        return rng.choice([[], None, "x", 3, [envelope], True])
    if way == 1:
        broken["output"] = rng.choice(["nope.children", "carte.figure", "", 5, None, ["x"], envelope["output"] + "x"])
    elif way == 2:
        broken.pop(rng.choice(["output", "inputs", "state", "outputs", "changedPropIds"]))
    elif way == 3:
        broken["inputs"] = rng.choice([None, {}, "x", [], envelope["inputs"] * 2, [None] * len(envelope["inputs"])])
    elif way == 4:
        broken["changedPropIds"] = rng.choice([["inconnu.value"], "x", [5], ["{bad.value"], [None], {}])
    elif way == 5:
        broken["outputs"] = rng.choice(["x", [1], [{"id": 1}], {"id": "x"}, [[{}]], 5])
    elif way == 6:
        broken["state"] = rng.choice(["x", [1], [[{}]], {"a": 1}])
    elif way == 7 and broken["inputs"]:
        broken["inputs"] = [{"id": "autre", "property": "value", "value": 1}] + broken["inputs"][1:]
    elif way == 8 and broken["inputs"]:
        first = broken["inputs"][0]
        broken["inputs"] = [rng.choice([[first], {**first, "id": {"x": [1]}}, {**first, "property": 5}]
                                       if isinstance(first, dict) else [first[:1] * 2 + [None], {}, "x"])
                            ] + broken["inputs"][1:]
    elif way == 9:
        router = [{"id": "_pages_location", "property": "pathname", "value": rng.choice([5, [], {}, 1.5, True])},
                  {"id": "_pages_location", "property": "search", "value": rng.choice(["", 3, ["?q=a"]])}]
        return {"output": ".._pages_content.children..._pages_store.data..", "inputs": router, "state": [],
                "changedPropIds": ["_pages_location.pathname"]}
    else:
        broken[rng.choice(["extra", "inputs", "state"])] = {"deep": [[[{}]]]}
    return broken


def _nested(rng: random.Random) -> str:
    levels = rng.choice([20, 30, 200, 999, 5_000, 50_000])
    opening, closing = rng.choice([("[", "]"), ('{"a":', "}")])
    return opening * levels + "1" + closing * levels


def _request(deps: list[dict], rng: random.Random) -> FuzzRequest:
    kind = rng.choice(CLASSES)
    if kind == "chemins":
        method, path = rng.choice(PATHS)
        return FuzzRequest(kind, method, path)
    dep = rng.choice(deps)
    envelope = _envelope(dep, rng)
    if kind == "valeurs":
        return FuzzRequest(kind, "POST", UPDATE, json.dumps(envelope).encode(), JSON)
    if kind == "enveloppe":
        return FuzzRequest(kind, "POST", UPDATE, json.dumps(_broken(envelope, rng)).encode(), JSON)
    if kind == "imbrication":
        entries = _flat(envelope["inputs"])
        if entries:
            rng.choice(entries)["value"] = "@@deep@@"
        body = json.dumps(envelope).replace('"@@deep@@"', _nested(rng)) if entries else _nested(rng)
        return FuzzRequest(kind, "POST", UPDATE, body.encode(), JSON)
    body = rng.choice([b"", b"{", b"not json", b"\xff\xfe\x00", b'{"output": "x"', json.dumps(envelope).encode(),
                       json.dumps(envelope).replace("null", "NaN").encode()])
    return FuzzRequest(kind, "POST", UPDATE, body, rng.choice([JSON, "text/plain", None]))


def requests(deps: list[dict], count: int, seed: int = 0) -> Iterator[FuzzRequest]:
    """``count`` hostile requests over the callbacks ``deps``, the same for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        yield _request(deps, rng)


def run(send: Callable[[FuzzRequest], int], deps: list[dict], count: int, seed: int = 0) -> Counter:
    """Send ``count`` requests with ``send`` (which returns the HTTP status); counts by
    ``(class, status)``."""
    return Counter((request.kind, send(request)) for request in requests(deps, count, seed))
