"""Shared layout of the département and région cards (registered by their own modules)."""

from __future__ import annotations

from dash import dcc, html

from dashboard.components import class_badge, class_legend, kv, not_found, section, table
from dashboard.data import get_warehouse
from dashboard.fiches import activity_block, comparison_rows, components_block, export_block, scores_block
from atlas.format import decimal, entier, score
from atlas.vocabulary import LEVELS
from dashboard.mapstate import MapState
from dashboard.mapview import map_figure_for

__all__ = ["territory_layout", "territory_title"]



def territory_title(level: str, code) -> str:
    warehouse = get_warehouse()
    if warehouse.exists(level, code):
        return f"{warehouse.name(level, code)} — Atlas des alliances territoriales"
    return f"{LEVELS[level].not_found} — Atlas des alliances territoriales"


def _priorities(warehouse, level: str, code: str, region: str):
    frame = warehouse.priority_communes(region, code if level == "departement" else None, limit=15)
    rows = [
        [str(r.rang) if level == "region" else str(i + 1), dcc.Link(r.nom, href=f"/commune/{r.code}"),
         warehouse.name("departement", r.departement), entier(r.population), class_badge(r.maturite_classe),
         score(r.maturite_score), score(r.fragilite_score), decimal(r.priorite_score, 1)]
        for i, r in enumerate(frame.itertuples(index=False))
    ]
    return section(
        "Communes prioritaires",
        html.P("Communes fragiles où les alliances sont encore peu développées : priorité = fragilité × "
               "(100 − maturité) / 100, du plus fort au plus faible.", className="aide"),
        table(["Rang", "Commune", "Département", "Population", "Classe", "Maturité", "Fragilité", "Priorité"], rows,
              empty="Aucune commune ne réunit assez de données pour être classée."),
        id="bloc-priorites",
    )


def territory_layout(level: str, code) -> html.Div:
    warehouse = get_warehouse()
    if not warehouse.exists(level, code):
        return not_found(LEVELS[level].not_found, LEVELS[level].no_such_code(code))
    info = warehouse.territory(level, code)
    row = warehouse.indicator_row(level, code)
    region = info["region"]
    state = MapState(region=code) if level == "region" else MapState(region=region, departement=code)
    crumbs = [dcc.Link("France", href="/"), " › "]
    if level == "departement":
        crumbs += [dcc.Link(warehouse.name("region", region), href=f"/region/{region}"), " › "]
    crumbs.append(html.Span(info["nom"], **{"aria-current": "page"}))
    children = LEVELS["departement" if level == "region" else "commune"]
    count = len(warehouse.children(children.code, level, code))
    figure = map_figure_for(state, warehouse, height=460)
    # a card is rendered once: give the hover its labels inline
    trace = figure["data"][0]
    trace["showscale"] = False
    if "meta" in trace:
        trace["customdata"] = [trace["meta"]["etiquettes"][v] for v in trace["z"]]
    return html.Div(
        [
            html.Nav(crumbs, className="ariane", **{"aria-label": "Fil d'Ariane"}),
            html.Div([html.H1(info["nom"], id="fiche-nom"), html.Span(f"{LEVELS[level].title} · code {code}", className="muted")],
                     className="fiche-entete"),
            html.Dl(
                [
                    kv("Population", html.Span(f"{entier(info['population'])} habitants", id="fiche-population")),
                    kv(children.title_plural, entier(count)),
                    *([kv(LEVELS["region"].title, warehouse.name("region", region))] if level == "departement" else []),
                ],
                className="scores",
                style={"maxWidth": "36rem"},
            ),
            scores_block(row),
            html.Div(
                [
                    section(f"Maturité des {children.plural}",
                            dcc.Graph(figure=figure, config={"displaylogo": False, "scrollZoom": True}, id="carte-territoire"),
                            class_legend(),
                            html.P(dcc.Link("Explorer sur la carte", href="/" + state.to_fragment())),
                            id="bloc-carte"),
                    html.Div([section("Activité", activity_block(warehouse, level, code)), export_block(level, code)]),
                ],
                className="fiche-grille",
            ),
            _priorities(warehouse, level, code, region),
            components_block(comparison_rows(warehouse, level, code), warehouse.parameters),
        ]
    )
