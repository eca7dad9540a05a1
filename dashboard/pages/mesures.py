"""The follow-up of the 21 mesures: by levier or chantier, status, progress, last
update; timeline of status changes since 2020; deployment by région; filters."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

from dashboard.components import chart, choice_group, section
from dashboard.data import get_warehouse
from dashboard.measures import (GROUPINGS, SORTS, STATUT_LABELS, checked_filters, filters_from_query,
                                filters_query, measures_view)
from dashboard.measures_summary import cached_summary_block

dash.register_page(__name__, path="/mesures", name="Les 21 mesures", title="Les 21 mesures — Atlas des alliances territoriales")



def _filters(warehouse, leviers=(), statuts=(), groupe="levier", tri="numero") -> html.Div:
    all_leviers = warehouse.measures.drop_duplicates("levier").sort_values("levier")
    return html.Div(
        [
            choice_group("Levier", "mesures-levier", {r.levier: f"{r.levier} — {r.levier_libelle}"
                                                      for r in all_leviers.itertuples(index=False)},
                         list(leviers), multi=True, hint="Aucun coché : tous les leviers."),
            choice_group("Statut", "mesures-statut", STATUT_LABELS, list(statuts), multi=True,
                         hint="Aucun coché : tous les statuts."),
            choice_group("Regrouper", "mesures-groupe", GROUPINGS, groupe),
            choice_group("Trier par", "mesures-tri", SORTS, tri),
        ],
        className="filtres",
    )


def layout(**query):
    warehouse = get_warehouse()
    leviers, statuts, groupe, tri = filters_from_query(warehouse, query)
    return html.Div(
        [
            html.H1("Les 21 mesures de la feuille de route"),
            html.P("Programme d'action de la mission « accélérer les alliances stratégiques entre associations, "
                   "entreprises et collectivités » : 4 chantiers structurants, 21 mesures suivies à travers 7 leviers "
                   "de déploiement, avec des points d'étape réguliers.", className="aide"),
            cached_summary_block(warehouse),
            _filters(warehouse, leviers, statuts, groupe, tri),
            dcc.Store(id="mesures-requete"),
            dcc.Store(id="mesures-adresse"),
            html.P(id="mesures-compte", className="muted"),
            html.Div(id="mesures-liste"),
            section("Évolution des statuts depuis 2020",
                    chart(dcc.Graph(id="mesures-frise", config={"displaylogo": False}),
                          "Frise des statuts nationaux de chaque mesure filtrée depuis 2020, une ligne par mesure.",
                          html.Div(id="mesures-frise-tableau"), summary="Les périodes de statut en tableau"),
                    id="bloc-frise"),
            section("Déploiement par région",
                    html.P("Avancement moyen, au dernier point d'étape régional, des mesures suivies région par "
                           "région (parmi les mesures filtrées).", className="aide"),
                    dcc.Store(id="mesures-carte-donnees"),
                    chart(dcc.Graph(id="mesures-carte", config={"displaylogo": False, "scrollZoom": True}),
                          "Carte de l'avancement moyen par région ; les mêmes valeurs sont dans le tableau suivant."),
                    html.Div(id="mesures-regions"),
                    id="bloc-deploiement"),
        ]
    )


@dash.callback(
    Output("mesures-liste", "children"),
    Output("mesures-compte", "children"),
    Output("mesures-frise", "figure"),
    Output("mesures-carte-donnees", "data"),
    Output("mesures-regions", "children"),
    Output("mesures-frise-tableau", "children"),
    Output("mesures-requete", "data"),
    Input("mesures-levier", "value"),
    Input("mesures-statut", "value"),
    Input("mesures-groupe", "value"),
    Input("mesures-tri", "value"),
)
def update_measures(leviers, statuts, groupe, tri):
    warehouse = get_warehouse()
    view = measures_view(warehouse, leviers, statuts, groupe, tri)
    return (*view, filters_query(*checked_filters(warehouse, leviers, statuts, groupe, tri)))


# The map's geometry URL is loaded once (assets/carte.js), then the figure is drawn.
dash.clientside_callback(
    dash.ClientsideFunction(namespace="atlas", function_name="geometrie"),
    Output("mesures-carte", "figure"),
    Input("mesures-carte-donnees", "data"),
)


# The filters go into the address bar (replaceState: no new page load, no history entry);
# a shared or reloaded address gives them back to layout() through its query string.
dash.clientside_callback(
    dash.ClientsideFunction(namespace="mesures", function_name="adresse"),
    Output("mesures-adresse", "data"),
    Input("mesures-requete", "data"),
)
