"""The commune card: scores and their components compared with the larger territories,
alliances, CRTE, experiments, nearest catalyseurs, and a small map."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard.components import class_legend, kv, not_found, section, table
from dashboard.data import get_warehouse
from dashboard.fiches import activity_block, comparison_rows, components_block, population_items, scores_block
from dashboard.figures.fiche import neighbours_figure
from atlas.format import date_fr, decimal, entier, euros, km
from atlas.parameters import number
from atlas.vocabulary import LEVELS
from dashboard.labels import choice_label


def _title(code=None, **_):
    warehouse = get_warehouse()
    if warehouse.exists("commune", code):
        return f"{warehouse.name('commune', code)} — Atlas des alliances territoriales"
    return f"{LEVELS['commune'].not_found} — Atlas des alliances territoriales"


dash.register_page(__name__, path_template="/commune/<code>", name=LEVELS["commune"].title, title=_title)


def _items(value) -> list:
    """A DuckDB list cell (array, list or missing) as a Python list."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return []
    return list(value)


def _alliances(warehouse, code):
    frame = warehouse.commune_alliances(code)
    rows = []
    for r in frame.itertuples(index=False):
        partners = ", ".join(choice_label("alliances", "types_partenaires", p) for p in _items(r.partenaires))
        odd = ", ".join(f"ODD {int(o)}" for o in _items(r.odd))
        via = "la commune" if r.via == "commune" else f"l'EPCI ({r.epci_nom})" if r.epci_nom else "l'EPCI"
        period = f"depuis le {date_fr(r.date_debut)}" if pd.isna(r.date_fin) else (
            f"du {date_fr(r.date_debut)} au {date_fr(r.date_fin)}")
        rows.append([
            html.Strong(r.intitule), choice_label("alliances", "statut", r.statut),
            choice_label("alliances", "forme", r.forme), partners, odd or "—", period, via, euros(r.budget),
        ])
    return section(
        f"Alliances ({len(rows)})",
        table(["Alliance", "Statut", "Forme", "Partenaires", "ODD", "Dates", "Agit sur", "Budget annuel"], rows,
              empty="Aucune alliance connue dans cette commune."),
        id="bloc-alliances",
    )


def _crte(warehouse, code):
    frame = warehouse.commune_crte(code)
    rows = [[html.Strong(r.nom), choice_label("crte", "statut", r.statut), date_fr(r.date_signature),
             entier(r.epci_nombre)] for r in frame.itertuples(index=False)]
    return section(
        "Contrat de relance et de transition écologique",
        table(["CRTE", "Statut", "Signature", "EPCI du périmètre"], rows,
              empty="Aucun CRTE connu ne couvre l'EPCI de cette commune."),
        id="bloc-crte",
    )


def _experiments(warehouse, code):
    frame = warehouse.commune_experiments(code)
    rows = []
    for r in frame.itertuples(index=False):
        if r.commune == code:
            where = "dans la commune"
        elif not pd.isna(r.commune):
            where = f"{r.commune_nom} ({km(r.distance_km)})"
        else:
            where = "dans le département"
        rows.append([html.Strong(r.intitule), r.porteur, where, choice_label("experimentations", "statut", r.statut),
                     choice_label("experimentations", "evaluation", r.evaluation), str(r.annee), euros(r.montant)])
    return section(
        "Expérimentations du Fonds ODD 17 dans la commune ou à proximité",
        html.P(f"Dans la commune, à moins de {number(warehouse.parameters.rayon_experimentations_km)} km, "
               "ou dans le département sans "
               "commune précise.", className="aide"),
        table(["Expérimentation", "Porteur", "Où", "Statut", "Évaluation", "Année", "Montant"], rows,
              empty="Aucune expérimentation à proximité."),
        id="bloc-experimentations",
    )


def _catalysts(warehouse, code):
    frame = warehouse.commune_catalysts(code, 5)
    rows = [[html.Strong(r.nom), choice_label("catalyseurs", "type_structure", r.type_structure),
             f"{r.commune_nom} ({r.commune})", km(r.distance_km), "oui" if r.couvre_la_commune else "non",
             str(r.annee_adhesion)] for r in frame.itertuples(index=False)]
    return section(
        "Catalyseurs territoriaux les plus proches",
        html.P("Distance à vol d'oiseau entre les communes, calculée dans la projection légale du territoire "
               "(Lambert-93 en métropole).", className="aide"),
        table(["Catalyseur", "Type", "Implanté à", "Distance", "Couvre la commune", "Adhésion"], rows,
              empty="Aucun catalyseur connu dans cette zone."),
        id="bloc-catalyseurs",
    )


def layout(code=None, **_query):
    warehouse = get_warehouse()
    if not warehouse.exists("commune", code):
        return not_found(LEVELS["commune"].not_found, LEVELS["commune"].no_such_code(code))
    info = warehouse.territory("commune", code)
    row = warehouse.indicator_row("commune", code)
    rows = comparison_rows(warehouse, "commune", code)
    departement, region, epci = info["departement"], info["region"], info.get("epci")
    return html.Div(
        [
            html.Nav(
                [dcc.Link("France", href="/"), " › ",
                 dcc.Link(warehouse.name("region", region), href=f"/region/{region}"), " › ",
                 dcc.Link(warehouse.name("departement", departement), href=f"/departement/{departement}"), " › ",
                 html.Span(info["nom"], **{"aria-current": "page"})],
                className="ariane", **{"aria-label": "Fil d'Ariane"},
            ),
            html.Div(
                [
                    html.H1(info["nom"], id="fiche-nom"),
                    html.Span(f"Commune · code INSEE {code}", className="muted"),
                ],
                className="fiche-entete",
            ),
            html.Dl(
                [
                    *population_items(info["population"], warehouse.commune_population(code)),
                    kv("Superficie", f"{decimal(info['superficie_km2'], 1)} km²"),
                    kv("Département", f"{warehouse.name('departement', departement)} ({departement})"),
                    kv("Région", warehouse.name("region", region)),
                    kv("EPCI", warehouse.name("epci", epci) if epci else "—"),
                ],
                className="scores",
                style={"maxWidth": "36rem"},
            ),
            scores_block(row),
            html.P(dcc.Link("Voir la commune sur la carte de son département",
                            href=f"/#couche=maturite&departement={departement}")),
            components_block(rows, warehouse.parameters),
            _alliances(warehouse, code),
            html.Div(
                [
                    html.Div([_crte(warehouse, code), _catalysts(warehouse, code)]),
                    section("La commune et ses voisines",
                            dcc.Graph(figure=neighbours_figure(warehouse.commune_neighbours(code)),
                                      config={"displaylogo": False, "scrollZoom": True}, id="carte-voisines"),
                            class_legend(),
                            html.P("Contour noir : la commune.", className="aide"),
                            id="bloc-voisines"),
                ],
                className="fiche-grille",
            ),
            _experiments(warehouse, code),
            section("Activité sur la commune", activity_block(warehouse, "commune", code)),
        ]
    )
