"""The follow-up of the 21 mesures: by levier or chantier, status, progress, last
update; timeline of status changes since 2020; deployment by région; filters."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

from dashboard.components import chart, choice_group, section
from dashboard.data import get_warehouse
from dashboard.measures import GROUPINGS, STATUT_LABELS, measures_view

dash.register_page(__name__, path="/mesures", name="Les 21 mesures", title="Les 21 mesures — Atlas des alliances territoriales")



def _filters(warehouse) -> html.Div:
    leviers = warehouse.measures.drop_duplicates("levier").sort_values("levier")
    return html.Div(
        [
            choice_group("Levier", "mesures-levier", {r.levier: f"{r.levier} — {r.levier_libelle}"
                                                      for r in leviers.itertuples(index=False)},
                         [], multi=True, hint="Aucun coché : tous les leviers."),
            choice_group("Statut", "mesures-statut", STATUT_LABELS, [], multi=True,
                         hint="Aucun coché : tous les statuts."),
            choice_group("Regrouper", "mesures-groupe", GROUPINGS, "levier"),
        ],
        className="filtres",
    )


def layout(**_query):
    warehouse = get_warehouse()
    return html.Div(
        [
            html.H1("Les 21 mesures de la feuille de route"),
            html.P("Programme d'action de la mission « accélérer les alliances stratégiques entre associations, "
                   "entreprises et collectivités » : 4 chantiers structurants, 21 mesures suivies à travers 7 leviers "
                   "de déploiement, avec des points d'étape réguliers.", className="aide"),
            _filters(warehouse),
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
    Output("mesures-carte", "figure"),
    Output("mesures-regions", "children"),
    Output("mesures-frise-tableau", "children"),
    Input("mesures-levier", "value"),
    Input("mesures-statut", "value"),
    Input("mesures-groupe", "value"),
)
def update_measures(leviers, statuts, groupe):
    return measures_view(get_warehouse(), leviers, statuts, groupe)
