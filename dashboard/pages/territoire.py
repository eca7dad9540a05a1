"""Shared layout of the région, département and EPCI cards (registered by their own modules).

:func:`territory_layout` reads the card's view once (:func:`dashboard.views.territory_view`);
:func:`territory_card` and its blocks are pure functions of that view.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboard.components import chart, class_badge, class_counts, class_legend, kv, not_found, section, table
from dashboard.labels import CLASSE_LABELS
from dashboard.data import get_warehouse
from dashboard.fiches import activity_block, components_block, export_block, scores_block
from dashboard.historique import history_block, history_view
from atlas.format import decimal, entier, score
from atlas.vocabulary import LEVELS
from dashboard.labels import page_title
from dashboard.pairs import peers_block, peers_view
from dashboard.programmes import territory_programmes_block
from dashboard.views import TerritoryView, territory_view

__all__ = ["territory_layout", "territory_card", "territory_title"]



def territory_title(level: str, code) -> str:
    """The document title of a territory's card: its name and level (« Finistère — département — … »)."""
    warehouse = get_warehouse()
    if warehouse.exists(level, code):
        return page_title(warehouse.name(level, code), LEVELS[level].label)
    return page_title(LEVELS[level].not_found)


def _priorities(view: TerritoryView) -> html.Section:
    rows = [
        [str(r.rang) if view.level == "region" else str(i + 1), dcc.Link(r.nom, href=f"/commune/{r.code}"),
         r.departement_nom, entier(r.population), class_badge(r.maturite_classe),
         score(r.maturite_score), score(r.fragilite_score), decimal(r.priorite_score, 1)]
        for i, r in enumerate(view.priorities)
    ]
    return section(
        "Communes prioritaires",
        html.P("Communes fragiles où les alliances sont encore peu développées : priorité = fragilité × "
               "(100 − maturité) / 100, du plus fort au plus faible.", className="aide"),
        table(["Rang", LEVELS["commune"].title, LEVELS["departement"].title, "Population", "Classe", "Maturité", "Fragilité", "Priorité"], rows,
              empty="Aucune commune ne réunit assez de données pour être classée."),
        id="bloc-priorites",
    )


def _identity(view: TerritoryView) -> str:
    """« Département · code 29 », « Métropole · EPCI · SIREN 242900314 »."""
    if view.level == "epci":
        return " · ".join([*([view.nature] if view.nature else []), LEVELS["epci"].title, f"SIREN {view.code}"])
    return f"{LEVELS[view.level].title} · code {view.code}"


def _departements(view: TerritoryView) -> list:
    """The key-figure line of an EPCI's département, or of its départements when its communes lie in several."""
    places = view.departements or ((view.departement,) if view.departement is not None else ())
    if not places:
        return []
    level = LEVELS["departement"]
    return [kv(level.title if len(places) == 1 else level.title_plural,
               ", ".join(f"{p.nom} ({p.code})" for p in places))]


def _card_map(view: TerritoryView) -> dict:
    """The view's map figure with the hover labels inline (a card is rendered once)."""
    trace = {**view.map_figure["data"][0], "showscale": False}
    if "meta" in trace:
        trace["customdata"] = [trace["meta"]["etiquettes"][v] for v in trace["z"]]
    return {**view.map_figure, "data": [trace, *view.map_figure["data"][1:]]}


def _map_summary(view: TerritoryView, children) -> str:
    """The card map in words: how many of its territories fall in each class."""
    trace = view.map_figure["data"][0]
    labels = trace.get("meta", {}).get("etiquettes") or []
    by_label = {label: code for code, label in CLASSE_LABELS.items()}
    classes = [by_label.get(labels[v]) for v in trace.get("z", []) if 0 <= v < len(labels)]
    return (f"Carte des {children.plural} {LEVELS[view.level].of} {view.nom} selon leur classe de maturité ("
            f"{class_counts(classes) or 'aucune classe'}). Le tableau de ces {children.plural} est sur la carte "
            "interactive (lien ci-dessous).")


def territory_card(view: TerritoryView, extra: list | None = None) -> html.Div:
    """The card of a région, a département or an EPCI (pure: reads nothing), with the ``extra`` blocks at its end."""
    crumbs = [dcc.Link("France", href="/"), " › "]
    for parent in (view.region, view.departement):
        if parent is not None:
            crumbs += [dcc.Link(parent.nom, href=parent.href), " › "]
    crumbs.append(html.Span(view.nom, **{"aria-current": "page"}))
    children = LEVELS["departement" if view.level == "region" else "commune"]
    return html.Div(
        [
            html.Nav(crumbs, className="ariane", **{"aria-label": "Fil d'Ariane"}),
            html.Div([html.H1(view.nom, id="fiche-nom"), html.Span(_identity(view), className="muted")],
                     className="fiche-entete"),
            html.Dl(
                [
                    kv("Population", html.Span(f"{entier(view.population)} habitants", id="fiche-population")),
                    kv(children.title_plural, entier(view.children_count)),
                    *_departements(view),
                    *([kv(LEVELS["region"].title, view.region.nom)] if view.region is not None else []),
                ],
                className="scores",
                style={"maxWidth": "36rem"},
            ),
            scores_block(view.indicators),
            html.Div(
                [
                    section(f"Maturité des {children.plural}",
                            chart(dcc.Graph(figure=_card_map(view), config={"displaylogo": False, "scrollZoom": True},
                                            id="carte-territoire"), _map_summary(view, children)),
                            class_legend(),
                            html.P(dcc.Link("Explorer sur la carte", href="/" + view.map_state.to_fragment())),
                            id="bloc-carte"),
                    html.Div([section("Activité", activity_block(view.activity)),
                              export_block(view.level, view.code)]),
                ],
                className="fiche-grille",
            ),
            territory_programmes_block(view.programmes, view.level, view.map_state),
            _priorities(view),
            components_block(view.comparison, view.parameters),
            *(extra or []),
        ]
    )


# The card map was framed for a desktop column: a narrower screen zooms it out (assets/responsive.js).
dash.clientside_callback(
    dash.ClientsideFunction(namespace="accessibilite", function_name="ajuster"),
    Output("carte-territoire", "figure"),
    Input("carte-territoire", "id"),
    State("carte-territoire", "figure"),
)


def territory_layout(level: str, code) -> html.Div:
    warehouse = get_warehouse()
    view = territory_view(warehouse, level, code)
    if view is None:
        return not_found(LEVELS[level].not_found, LEVELS[level].no_such_code(code))
    extra = [history_block(history_view(warehouse, level, code), view.parameters)]
    if level == "epci":
        extra.append(peers_block(peers_view(warehouse, code, "epci")))
    return territory_card(view, extra)
