"""Malformed requests to Dash's own endpoints get a 4xx before Dash reads them.

Dash trusts the JSON its renderer posts to ``/_dash-update-component``: a list or ``null``
as body, an unknown output, ids or properties other than the callback's, or a deep
nesting make it fail with a 500. :func:`install` wraps that endpoint so that the body is
read once with bounded depth and checked against the callback it names
(:func:`check_envelope`); anything else is answered ``400`` with a short French reason.
It also answers ``404`` for unknown ``/_dash-*`` paths (Dash's catch-all would serve the
page) and for component files Dash does not serve, and ``405`` for a Dash route called
with the wrong method. The values themselves are checked by each callback
(:mod:`dashboard.inputs`), except the properties Dash's page router reads.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from dash import Dash
from dash._utils import stringify_id
from dash.exceptions import DependencyException
from flask import Response, request

from .inputs import is_text

__all__ = ["MAX_DEPTH", "BadEnvelope", "install", "check_envelope", "depth"]

#: Deepest nesting accepted in a callback request (Dash's own are under 10 levels deep).
MAX_DEPTH = 24

#: Values read by Dash's page router (not one of our callbacks): what it needs them to be
#: (the app is served at the root, so every path starts with "/").
ROUTER_VALUES = {
    ("_pages_location", "pathname"): lambda value: is_text(value) and value.startswith("/"),
    ("_pages_location", "search"): lambda value: value is None or is_text(value),
    ("_pages_location", "hash"): lambda value: value is None or is_text(value),  # the home page's map state
}

#: Wildcards of a spec id whose dependency is sent as a list of entries.
_MULTIPLE = (["ALL"], ["ALLSMALLER"])


class BadEnvelope(ValueError):
    """A callback request that does not match the callback it names (message in French)."""


def _refuse(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def depth(value: Any) -> int:
    """Nesting depth of a JSON value (a scalar is 0), computed without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level + 1)
            stack.extend((child, level + 1) for child in item)
    return deepest


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def read_body(data: bytes) -> Any:
    """The JSON of a callback request; :class:`BadEnvelope` if unreadable (``NaN`` and
    ``Infinity`` included: they are not JSON) or too deep."""
    try:
        body = json.loads(data, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise BadEnvelope("corps JSON illisible") from None
    if depth(body) > MAX_DEPTH:
        raise BadEnvelope("corps JSON trop imbriqué")
    return body


def _pattern(component_id: str) -> dict | None:
    """A pattern-matching id of a callback's spec as a dict (None for a plain id)."""
    return json.loads(component_id) if component_id.startswith("{") else None


def _matches(given: Any, component_id: str, pattern: dict | None) -> bool:
    if pattern is None:
        return given == component_id
    if not isinstance(given, dict) or given.keys() != pattern.keys():
        return False
    for key, wanted in pattern.items():
        value = given[key]
        if isinstance(wanted, list):  # a wildcard: any scalar
            if not isinstance(value, (str, int, float, bool)):
                return False
        elif value != wanted:
            return False
    return True


def _entries(item: Any, spec: dict) -> list[dict]:
    """The ``{id, property, value}`` entries sent for one dependency of the spec, checked."""
    pattern = _pattern(spec["id"])
    multiple = pattern is not None and any(wanted in _MULTIPLE for wanted in pattern.values())
    entries = item if multiple else [item]
    if not isinstance(entries, list):
        raise BadEnvelope("liste d'entrées attendue")
    prop = spec["property"].split("@")[0]
    for entry in entries:
        if (not isinstance(entry, dict) or not _matches(entry.get("id"), spec["id"], pattern)
                or not isinstance(entry.get("property"), str) or entry["property"].split("@")[0] != prop):
            raise BadEnvelope("entrée sans rapport avec le rappel")
    return entries


def _output_specs(output: str) -> list[dict]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [dict(zip(("id", "property"), part.rsplit(".", 1))) for part in parts]


def check_envelope(body: Any, callbacks: dict) -> None:
    """Check a callback request against ``callbacks`` (``app.callback_map``).

    The output must be a server-side callback; inputs and state must be one entry per
    dependency with the spec's ids (pattern ids matched) and properties; outputs likewise;
    ``changedPropIds`` must name inputs of the request. Raises
    :class:`BadEnvelope`.
    """
    if not isinstance(body, dict):
        raise BadEnvelope("objet JSON attendu")
    output = body.get("output")
    if not isinstance(output, str) or "callback" not in callbacks.get(output, ()):  # clientside ones have none
        raise BadEnvelope("rappel inconnu")
    spec = callbacks[output]
    sent = set()
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list) or len(items) != len(spec[key]):
            raise BadEnvelope(f"« {key} » ne correspond pas au rappel")
        for item, dependency in zip(items, spec[key]):
            for entry in _entries(item, dependency):
                valid = ROUTER_VALUES.get((stringify_id(entry["id"]), entry["property"]))
                if valid and not valid(entry.get("value")):
                    raise BadEnvelope("valeur de type inattendu")
                if key == "inputs":
                    sent.add(f"{stringify_id(entry['id'])}.{entry['property']}")
    specs = _output_specs(output)
    outputs = body.get("outputs")
    listed = outputs if output.startswith("..") else [outputs]
    if not isinstance(listed, list) or len(listed) != len(specs):
        raise BadEnvelope("« outputs » ne correspond pas au rappel")
    for item, dependency in zip(listed, specs):
        _entries(item, dependency)
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or any(not isinstance(c, str) or c not in sent for c in changed):
        raise BadEnvelope("« changedPropIds » ne nomme pas une entrée du rappel")


def install(app: Dash) -> None:
    """Guard ``app``'s Dash endpoints (see the module's docstring)."""
    server = app.server
    prefix = app.config.routes_pathname_prefix
    endpoint = prefix + "_dash-update-component"
    dispatch = server.view_functions[endpoint]

    @functools.wraps(dispatch)
    def guarded_dispatch():
        if not request.is_json:
            return _refuse(415, "Requête refusée : JSON attendu.")
        try:
            check_envelope(read_body(request.get_data(cache=True)), app.callback_map)
        except BadEnvelope as error:
            return _refuse(400, f"Requête refusée : {error}.")
        return dispatch()

    server.view_functions[endpoint] = guarded_dispatch
    catch_all = prefix + "<path:path>"
    exact = {route for route in app.routes if "<" not in route}

    @server.before_request
    def refuse_unknown_dash_paths():
        rule = request.url_rule
        if rule is None or rule.rule != catch_all or not request.path.startswith(prefix + "_"):
            return None
        if request.path in exact:
            allowed = {m for r in server.url_map.iter_rules() if r.rule == request.path for m in r.methods}
            response = _refuse(405, "Méthode non permise.")
            response.headers["Allow"] = ", ".join(sorted(allowed))
            return response
        return _refuse(404, "Ressource introuvable.")

    @server.errorhandler(DependencyException)
    def unknown_component_file(_error):
        return _refuse(404, "Ressource introuvable.")
