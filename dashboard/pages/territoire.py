"""Shared layout of the département and région cards (registered by their own modules).

:func:`territory_layout` reads the card's view once (:func:`dashboard.views.territory_view`);
:func:`territory_card` and its blocks are pure functions of that view.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.components import class_badge, class_legend, kv, not_found, section, table
from dashboard.data import get_warehouse
from dashboard.fiches import activity_block, components_block, export_block, scores_block
from atlas.format import decimal, entier, score
from atlas.vocabulary import LEVELS
from dashboard.programmes import territory_programmes_block
from dashboard.views import TerritoryView, territory_view

__all__ = ["territory_layout", "territory_card", "territory_title"]



def territory_title(level: str, code) -> str:
    warehouse = get_warehouse()
    if warehouse.exists(level, code):
        return f"{warehouse.name(level, code)} — Atlas des alliances territoriales"
    return f"{LEVELS[level].not_found} — Atlas des alliances territoriales"


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


def _card_map(view: TerritoryView) -> dict:
    """The view's map figure with the hover labels inline (a card is rendered once)."""
    trace = {**view.map_figure["data"][0], "showscale": False}
    if "meta" in trace:
        trace["customdata"] = [trace["meta"]["etiquettes"][v] for v in trace["z"]]
    return {**view.map_figure, "data": [trace, *view.map_figure["data"][1:]]}


def territory_card(view: TerritoryView) -> html.Div:
    """The card of a département or a région (pure: reads nothing)."""
    crumbs = [dcc.Link("France", href="/"), " › "]
    if view.region is not None:
        crumbs += [dcc.Link(view.region.nom, href=view.region.href), " › "]
    crumbs.append(html.Span(view.nom, **{"aria-current": "page"}))
    children = LEVELS["departement" if view.level == "region" else "commune"]
    return html.Div(
        [
            html.Nav(crumbs, className="ariane", **{"aria-label": "Fil d'Ariane"}),
            html.Div([html.H1(view.nom, id="fiche-nom"), html.Span(f"{LEVELS[view.level].title} · code {view.code}", className="muted")],
                     className="fiche-entete"),
            html.Dl(
                [
                    kv("Population", html.Span(f"{entier(view.population)} habitants", id="fiche-population")),
                    kv(children.title_plural, entier(view.children_count)),
                    *([kv(LEVELS["region"].title, view.region.nom)] if view.region is not None else []),
                ],
                className="scores",
                style={"maxWidth": "36rem"},
            ),
            scores_block(view.indicators),
            html.Div(
                [
                    section(f"Maturité des {children.plural}",
                            dcc.Graph(figure=_card_map(view), config={"displaylogo": False, "scrollZoom": True},
                                      id="carte-territoire"),
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
        ]
    )


def territory_layout(level: str, code) -> html.Div:
    view = territory_view(get_warehouse(), level, code)
    if view is None:
        return not_found(LEVELS[level].not_found, LEVELS[level].no_such_code(code))
    return territory_card(view)
