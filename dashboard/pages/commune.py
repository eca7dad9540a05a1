"""The commune card: its mairie and maire, scores and their components compared with the
larger territories, State programmes and CRTE, alliances, experiments, nearest catalyseurs,
and a small map.

:func:`layout` reads the card's view once (:func:`dashboard.views.commune_view`); every
block below is a pure function of that view.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard.components import block_source, chart, class_badge, class_legend, kv, not_found, section, table
from dashboard.data import get_warehouse
from dashboard.fiche_mairie import contact_values, mairie_block
from dashboard.fiches import (activity_block, components_block, export_block, indicators_block, population_items,
                              scores_block)
from dashboard.figures.fiche import neighbours_figure
from dashboard.historique import history_block, history_view
from dashboard.pairs import peers_block, peers_view
from dashboard.progression import progression_block, progression_view
from atlas.format import date_fr, decimal, entier, euros, km
from atlas.parameters import number
from atlas.vocabulary import LEVELS
from dashboard.labels import choice_label
from dashboard.pages.territoire import territory_title
from dashboard.programmes import programmes_block
from dashboard.views import CommuneView, commune_view

__all__ = ["commune_layout", "layout", "EVOLUTION_NOTE"]

#: The block note naming the source of the population change: the older census year
#: (``millesimes``) or the change given by the indicators file (``fichier``).
EVOLUTION_NOTE = {"millesimes": "population", "fichier": "indicateurs"}


dash.register_page(__name__, path_template="/commune/<code>", name=LEVELS["commune"].title,
                   title=lambda code=None, **_: territory_title("commune", code))


def _alliances(view: CommuneView) -> html.Section:
    rows = []
    for r in view.alliances:
        partners = ", ".join(choice_label("alliances", "types_partenaires", p) for p in r.partenaires)
        odd = ", ".join(f"ODD {int(o)}" for o in r.odd)
        via = "la commune" if r.via == "commune" else f"l'EPCI ({r.epci_nom})" if r.epci_nom else "l'EPCI"
        period = f"depuis le {date_fr(r.date_debut)}" if r.date_fin is None else (
            f"du {date_fr(r.date_debut)} au {date_fr(r.date_fin)}")
        rows.append([
            html.Strong(r.intitule), choice_label("alliances", "statut", r.statut),
            choice_label("alliances", "forme", r.forme), partners, odd or "—", period, via, euros(r.budget),
        ])
    return section(
        f"Alliances ({len(rows)})",
        table(["Alliance", "Statut", "Forme", "Partenaires", "ODD", "Dates", "Agit sur", "Budget annuel"], rows,
              empty="Aucune alliance connue dans cette commune."),
        block_source(view.notes.get("alliances"), id="source-alliances"),
        id="bloc-alliances",
    )


def _crte_via(r) -> str:
    if r.via == "commune":
        return "la commune seule"
    return f"{r.via_nom} ({r.via})" if r.via_nom else f"l'EPCI {r.via}"


def _crte(view: CommuneView) -> html.Section:
    rows = [[html.Strong(r.nom), choice_label("crte", "statut", r.statut), date_fr(r.date_signature),
             _crte_via(r), entier(r.epci_nombre)] for r in view.crte]
    title = ("Contrat de relance et de transition écologique" if len(rows) < 2
             else f"Contrats de relance et de transition écologique ({len(rows)})")
    return section(
        title,
        table(["CRTE", "Statut", "Signature", "Signataire pour la commune", "EPCI du périmètre"], rows,
              empty="Aucun CRTE connu ne couvre cette commune."),
        block_source(view.notes.get("crte"), id="source-crte"),
        id="bloc-crte",
    )


def _experiments(view: CommuneView) -> html.Section:
    rows = []
    for r in view.experiments:
        if r.commune == view.code:
            where = "dans la commune"
        elif r.commune is not None:
            where = f"{r.commune_nom} ({km(r.distance_km)})"
        else:
            where = "dans le département"
        rows.append([html.Strong(r.intitule), r.porteur, where, choice_label("experimentations", "statut", r.statut),
                     choice_label("experimentations", "evaluation", r.evaluation), str(r.annee), euros(r.montant)])
    return section(
        "Expérimentations du Fonds ODD 17 dans la commune ou à proximité",
        html.P(f"Dans la commune, à moins de {number(view.experiment_radius_km)} km, ou dans le département sans "
               "commune précise.", className="aide"),
        table(["Expérimentation", "Porteur", "Où", "Statut", "Évaluation", "Année", "Montant"], rows,
              empty="Aucune expérimentation à proximité."),
        block_source(view.notes.get("experimentations"), id="source-experimentations"),
        id="bloc-experimentations",
    )


def _catalyst_name(r) -> list:
    """The catalyseur's name, then its contact when the file gives one."""
    contact = [value for _, value in contact_values(r.telephone, r.email, r.site, short_site=True) if value]
    if not contact:
        return [html.Strong(r.nom)]
    links: list = []
    for item in contact:
        links += [" · "] if links else []
        links.append(item)
    return [html.Strong(r.nom), html.Br(), html.Span(links, className="contact")]


def _catalysts(view: CommuneView) -> html.Section:
    rows = [[_catalyst_name(r), choice_label("catalyseurs", "type_structure", r.type_structure),
             f"{r.commune_nom} ({r.commune})", km(r.distance_km), "oui" if r.couvre_la_commune else "non",
             str(r.annee_adhesion)] for r in view.catalysts]
    return section(
        "Catalyseurs territoriaux les plus proches",
        html.P("Distance à vol d'oiseau entre les communes, calculée dans la projection légale du territoire "
               "(Lambert-93 en métropole).", className="aide"),
        table(["Catalyseur", "Type", "Implanté à", "Distance", "Couvre la commune", "Adhésion"], rows,
              empty="Aucun catalyseur connu dans cette zone."),
        block_source(view.notes.get("catalyseurs"), id="source-catalyseurs"),
        id="bloc-catalyseurs",
    )


def _neighbours(view: CommuneView) -> html.Section:
    frame = pd.DataFrame([vars(n) for n in view.neighbours])
    return section("La commune et ses voisines",
                   chart(dcc.Graph(figure=neighbours_figure(frame),
                                   config={"displaylogo": False, "scrollZoom": True}, id="carte-voisines"),
                         f"Carte de {view.nom} et de ses communes voisines selon leur classe de maturité.",
                         table([LEVELS["commune"].title, "Classe de maturité"],
                               [[n.nom + (" (la commune)" if n.est_la_commune else ""), class_badge(n.maturite_classe)]
                                for n in view.neighbours])),
                   class_legend(),
                   html.P("Contour noir : la commune.", className="aide"),
                   id="bloc-voisines")


def commune_layout(view: CommuneView, extra: list | None = None) -> html.Div:
    """The commune card of ``view`` (pure: reads nothing), with the ``extra`` blocks after its alliances."""
    departement, region, epci = view.departement, view.region, view.epci
    return html.Div(
        [
            html.Nav(
                [dcc.Link("France", href="/"), " › ",
                 dcc.Link(region.nom, href=region.href), " › ",
                 dcc.Link(departement.nom, href=departement.href), " › ",
                 html.Span(view.nom, **{"aria-current": "page"})],
                className="ariane", **{"aria-label": "Fil d'Ariane"},
            ),
            html.Div(
                [
                    html.H1(view.nom, id="fiche-nom"),
                    html.Span(f"Commune · code INSEE {view.code}", className="muted"),
                ],
                className="fiche-entete",
            ),
            html.Div(
                [
                    html.Dl(
                        [
                            *population_items(view.population, view.vintage),
                            kv("Superficie", f"{decimal(view.superficie_km2, 1)} km²"),
                            kv(LEVELS["departement"].title, f"{departement.nom} ({departement.code})"),
                            kv(LEVELS["region"].title, region.nom),
                            kv(LEVELS["epci"].title,
                               dcc.Link(epci.nom, href=epci.href, id="fiche-epci") if epci else "—"),
                        ],
                        className="scores",
                        style={"maxWidth": "36rem"},
                    ),
                    mairie_block(view.mairie, view.maires, view.published),
                ],
                className="fiche-grille",
            ),
            block_source(view.notes.get("limites"), id="source-limites"),
            block_source(view.notes.get(EVOLUTION_NOTE.get(view.vintage.get("evolution_source"), "")),
                         id="source-evolution", what="Source de l'évolution"),
            scores_block(view.indicators),
            html.P(dcc.Link("Voir la commune sur la carte de son département",
                            href=f"/#couche=maturite&departement={departement.code}")),
            html.Div([programmes_block(view.programmes), _crte(view)], className="fiche-grille"),
            components_block(view.comparison, view.parameters),
            indicators_block(view.indicator_values),
            block_source(view.notes.get("indicateurs"), id="source-indicateurs"),
            _alliances(view),
            *(extra or []),
            html.Div([_catalysts(view), _neighbours(view)], className="fiche-grille"),
            _experiments(view),
            html.Div([section("Activité sur la commune", activity_block(view.activity)),
                      export_block("commune", view.code)], className="fiche-grille"),
        ]
    )


def layout(code=None, **_query):
    warehouse = get_warehouse()
    view = commune_view(warehouse, code)
    if view is None:
        return not_found(LEVELS["commune"].not_found, LEVELS["commune"].no_such_code(code))
    return commune_layout(view, [history_block(history_view(warehouse, "commune", code), view.parameters),
                                 peers_block(peers_view(warehouse, code)),
                                 progression_block(progression_view(warehouse, code))])
