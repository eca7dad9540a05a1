"""Typed checks of the values a Dash callback receives.

A callback's inputs come from the browser as JSON, so any of them may hold any JSON type,
whatever the component would send. Each callback passes its inputs through these checks
first: a value of the expected type is returned (a value outside a closed list falls back
to the given default), and a value of another type stops the callback with
:class:`~dash.exceptions.PreventUpdate` (Dash answers ``204 No Content`` and the page keeps
what it shows). ``None`` always means "not set", as Dash sends it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, TypeVar

from dash.exceptions import PreventUpdate

__all__ = ["reject", "is_text", "text", "choice", "choices", "count", "click_location", "items"]

T = TypeVar("T")


def reject(what: str):
    """Stop the callback: ``what`` (for the log) did not have the expected type."""
    raise PreventUpdate(f"entrée refusée : {what}")


def is_text(value: Any) -> bool:
    """True for a string that is valid Unicode text (JSON may carry lone surrogates, which
    cannot be encoded: not in a URL, not in a response)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text(value: Any, default: str = "") -> str:
    """A string input (search text, URL fragment); ``default`` if unset."""
    if value is None:
        return default
    if not is_text(value):
        reject("texte attendu")
    return value


def choice(value: Any, allowed: Collection[str], default: T = None) -> str | T:
    """One value of a closed list (radio button, dropdown); ``default`` if unset or unknown."""
    if value is None:
        return default
    if not isinstance(value, str):
        reject("choix attendu")
    return value if value in allowed else default


def choices(values: Any, allowed: Sequence[str]) -> tuple[str, ...]:
    """The known values of a multiple choice, once each, in the order of ``allowed`` (items
    outside the list, of any type, are left out)."""
    if values is None:
        return ()
    if not isinstance(values, list):
        reject("liste de choix attendue")
    wanted = {v for v in values if isinstance(v, str)}
    return tuple(v for v in allowed if v in wanted)


def count(value: Any) -> int:
    """A click or submit counter (``n_clicks``, ``n_submit``); 0 if unset."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        reject("compteur attendu")
    return value


def items(values: Any) -> list:
    """The values of an ``ALL`` pattern input: a list (empty if unset)."""
    if values is None:
        return []
    if not isinstance(values, list):
        reject("liste attendue")
    return values


def click_location(click: Any) -> str | None:
    """The ``location`` (territory code) of the first point of a map's ``clickData``, if any."""
    if click is None:
        return None
    if not isinstance(click, dict):
        reject("clic attendu")
    points = click.get("points")
    if points is None or points == []:
        return None
    if not isinstance(points, list) or not isinstance(points[0], dict):
        reject("points du clic attendus")
    location = points[0].get("location")
    if location is not None and not isinstance(location, str):
        reject("code du territoire cliqué attendu")
    return location
