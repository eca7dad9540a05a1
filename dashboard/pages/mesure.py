"""The page of one mesure: identity, status and progress, the history of its points d'étape,
its deployment by région over time (map with a date slider, table région × date).

:func:`layout` reads the view once (:func:`dashboard.measure_detail.measure_view`); the
blocks are pure functions of that view. The slider's callback sends codes and values only
(the régions' geometry is the static ``/geo/france/region.geojson``, the overseas
régions in boxes beside the mainland).
"""

from __future__ import annotations

from functools import lru_cache

import dash
from dash import Input, Output, State, html

from atlas.format import date_fr
from atlas.mesure_links import read_links
from dashboard import inputs
from dashboard.components import not_found
from dashboard.data import get_warehouse
from dashboard.geometry import FRANCE, OUTRE_MER, frame_id
from dashboard.figures.mesures import measure_map_figure
from dashboard.measure_detail import (deployment_at, measure_view)
from dashboard.measures import STATUT_LABELS
from dashboard.measure_card import measure_layout
from dashboard.routes import geo_url

__all__ = ["layout", "NOT_FOUND_TITLE", "deployment_map"]

NOT_FOUND_TITLE = "Mesure introuvable"
_SITE = "Atlas des alliances territoriales"


def _title(mesure_id=None, **_):
    view = measure_view(get_warehouse(), mesure_id)
    return f"{view.id} — {view.libelle} — {_SITE}" if view else f"{NOT_FOUND_TITLE} — {_SITE}"


dash.register_page(__name__, path_template="/mesures/<mesure_id>", name="Mesure", title=_title)


def layout(mesure_id=None, **_query):
    warehouse = get_warehouse()
    if not warehouse.measures["id"].isin([mesure_id]).any():
        return not_found(NOT_FOUND_TITLE, "Aucune mesure de la feuille de route ne porte cet identifiant. "
                                          "La liste des 21 mesures est sur la page « Les 21 mesures ».")
    return _known_layout(warehouse, warehouse.version, mesure_id)


@lru_cache(maxsize=4)
def _all_links(warehouse, version: str):
    """The rows linked to every mesure, read once per worker and publication."""
    return warehouse.read(lambda cursor: read_links(cursor, None))


@lru_cache(maxsize=256)
def _known_layout(warehouse, version: str, mesure_id: str) -> html.Div:
    """The page of a mesure of the referential, built once per worker (the published data does not change)."""
    return measure_layout(measure_view(warehouse, mesure_id), _all_links(warehouse, version).of(mesure_id))


@lru_cache(maxsize=1024)
def _deployment_map(warehouse, version: str, mesure_id: str, index: int):
    view = measure_view(warehouse, mesure_id)
    if view is None or not view.dates:
        return dash.no_update, ""
    index = min(index, len(view.dates) - 1)
    when = view.dates[index]
    frame = deployment_at(view.regional, when)
    # the France-wide geometry: the overseas régions in boxes beside the mainland
    frames = [frame_id(code) for code in OUTRE_MER if warehouse.exists("departement", code)]
    figure = measure_map_figure(frame, STATUT_LABELS, geo_url(warehouse, "region", france=True), FRANCE,
                                regions=list(warehouse.codes("region")), frames=frames)
    followed = len(frame)
    text = (f"Situation au {date_fr(when)} : {followed} région{'s' if followed > 1 else ''} "
            f"suivie{'s' if followed > 1 else ''}.")
    return figure, text


def deployment_map(warehouse, mesure_id, index):
    """The map and its caption at date number ``index`` (checked: a mesure id and a count)."""
    mesure_id = inputs.text(mesure_id)
    index = inputs.count(index)
    return _deployment_map(warehouse, warehouse.version, mesure_id, index)


@dash.callback(
    Output("mesure-carte-donnees", "data"),
    Output("mesure-date-texte", "children"),
    Input("mesure-date", "value"),
    State("mesure-id", "data"),
)
def update_deployment(index, mesure_id):
    return deployment_map(get_warehouse(), mesure_id, index)


# The map's geometry URL is loaded once (assets/carte.js), then the figure is drawn.
dash.clientside_callback(
    dash.ClientsideFunction(namespace="atlas", function_name="geometrie"),
    Output("mesure-carte", "figure"),
    Input("mesure-carte-donnees", "data"),
)
