"""The search page: ``/recherche?q=brest`` lists every territory found, as links to their
cards, under a plain search form (it works without JavaScript callbacks: the form is a GET)."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.components import SEARCH_PLACEHOLDER, hit_list, search_query
from dashboard.data import get_warehouse

__all__ = ["SEARCH_LIMIT", "search_page", "layout"]

dash.register_page(__name__, path="/recherche", name="Recherche",
                   title="Recherche — Atlas des alliances territoriales")

#: Most results listed on the page.
SEARCH_LIMIT = 50


def _form(query: str) -> html.Form:
    return html.Form(
        [
            html.Label("Rechercher un territoire", htmlFor="recherche-page-saisie", className="visually-hidden"),
            dcc.Input(id="recherche-page-saisie", name="q", type="search", value=query,
                      placeholder=SEARCH_PLACEHOLDER, autoComplete="off", className="recherche-saisie"),
            html.Button("Rechercher", type="submit", className="bouton"),
        ],
        action="/recherche",
        method="GET",
        role="search",
        className="recherche-formulaire",
    )


def _count(found: int) -> str:
    if found >= SEARCH_LIMIT:
        return f"Les {found} premiers territoires trouvés ; précisez la recherche pour en voir d'autres."
    return "1 territoire trouvé." if found == 1 else f"{found} territoires trouvés."


def search_page(query: str, hits: list) -> html.Div:
    """The page for ``query`` (already trimmed, "" when there is nothing to search) and its hits."""
    if not query:
        results = [html.P("Tapez au moins deux caractères : le nom d'une commune, d'un EPCI, d'un département ou "
                          "d'une région, un code postal, un code INSEE ou le SIREN d'un EPCI.", className="aide",
                          id="recherche-aide")]
    elif not hits:
        results = [html.P(f"Aucun territoire ne correspond à « {query} ».", className="vide", id="recherche-vide")]
    else:
        results = [html.P(_count(len(hits)), className="muted", id="recherche-compte"), hit_list(hits)]
    return html.Div(
        [html.H1("Rechercher un territoire"), _form(query), html.Div(results, id="recherche-page-resultats")],
        className="page-recherche",
    )


def layout(q=None, **_query):
    query = search_query(q)
    hits = get_warehouse().search_index.search(query, limit=SEARCH_LIMIT) if query else []
    return search_page(query, hits)
