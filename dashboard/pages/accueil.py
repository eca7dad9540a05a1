"""Home page: the map of France, from régions down to the communes of a département,
then what the warehouse holds, France-wide."""

from __future__ import annotations

import dash
from dash import Input, Output, ctx, dcc, html

from dashboard.components import choice_group, table
from dashboard.data import get_warehouse
from atlas.format import entier
from atlas.vocabulary import LEVELS
from dashboard.labels import COUCHE_LABELS, COUCHES, NIVEAU_LABELS, NIVEAUX, PROGRAMME_COUNT, PROGRAMME_COUNT_LABEL
from dashboard import inputs
from dashboard.annees import CLASS_CHART, CLASS_CHART_STORE, class_counts, class_counts_block, year_control
from dashboard.mapstate import VUES, MapState
from dashboard.territories import territory_rows
from dashboard.mapview import map_update

dash.register_page(__name__, path="/", name="Carte", title="Atlas des alliances territoriales")


def _card(value: str, label: str) -> html.Div:
    return html.Div([html.Div(value, className="kpi-value"), html.Div(label, className="kpi-label")], className="kpi")


def _programme_control(programmes, programme: str) -> html.Fieldset:
    """The programme the « Programmes » layer shows, or the number of programmes (choosing one shows the layer)."""
    options = {PROGRAMME_COUNT: PROGRAMME_COUNT_LABEL, **{r.code: r.libelle for r in programmes.itertuples(index=False)}}
    return choice_group("Programme de l'État (couche « Programmes »)", "carte-programme", options, programme)


def _controls(programmes, years, state: MapState) -> html.Div:
    return html.Div(
        [
            choice_group("Couche", "carte-couche", {c: COUCHE_LABELS[c] for c in COUCHES}, state.couche),
            choice_group("Échelle de la carte de France", "carte-echelle", {n: NIVEAU_LABELS[n] for n in NIVEAUX},
                         state.echelle),
            choice_group("Territoire affiché", "carte-vue", VUES, state.vue),
            _programme_control(programmes, state.programme),
            year_control(years, state.annee),
        ],
        className="controles",
    )


def layout(fragment=None, **_query):
    """The page for the map state of the URL fragment (``fragment``, given by the pages router,
    see ``dashboard/app.py``): the map's figure data, breadcrumb, panel, legend and controls are
    in the page itself, so that the map is drawn without waiting for the map callback (which
    runs on the user's changes only)."""
    warehouse = get_warehouse()
    fragment = fragment if isinstance(fragment, str) else ""
    state = MapState.parse(fragment, warehouse)
    _, donnees, ariane, panneau, legende, *_rest = map_update(warehouse, fragment, None, None, None, None, None)
    counts = warehouse.national_counts()
    run = warehouse.latest_run()
    regions = warehouse.regions()
    sources = "; ".join(f"{s['nom']} {s['version']}" for s in (run or {}).get("sources", []) if s.get("role") == "limites")
    return html.Div(
        [
            dcc.Location(id="carte-url", refresh=False, hash=fragment),  # as it is: the map callback does not fire
            dcc.Store(id="carte-donnees", data=donnees),
            dcc.Store(id="carte-titre"),
            dcc.Store(id="carte-territoires-donnees"),
            dcc.Store(id="carte-tri"),
            dcc.Store(id="carte-territoires-rendu"),
            html.H1("La France des alliances territoriales"),
            _controls(warehouse.programmes, warehouse.history_years, state),
            html.Nav(ariane, id="carte-ariane", className="ariane", **{"aria-label": "Fil d'Ariane"}),
            # keyboard users pass the map (its controls are the mouse's) to its table
            html.A("Passer la carte : aller au tableau des territoires affichés", href="#carte-territoires",
                   className="lien-evitement saut-carte"),
            html.Div(
                [
                    html.Div([html.Div(
                        dcc.Graph(
                            id="carte",
                            figure={"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False},
                                                           "height": 620, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}}},
                            config={"displaylogo": False, "scrollZoom": True,
                                    "modeBarButtonsToRemove": ["select2d", "lasso2d"]},
                            className="carte-graphe",
                        ),
                        className="carte-cadre",
                    ), html.Div(legende, id="carte-legende", className="legende")]),
                    html.Aside(panneau, id="carte-panneau", className="panneau", **{"aria-live": "polite"}),
                ],
                className="carte-grille",
            ),
            html.Section(id="carte-territoires", className="territoires", tabIndex="-1",
                         **{"aria-labelledby": "carte-territoires-titre"}),
            html.H2("Chiffres nationaux"),
            html.Div(
                [
                    _card(entier(counts["communes"]), LEVELS["commune"].noun(counts["communes"])),
                    _card(entier(counts["epci"]), "EPCI à fiscalité propre"),
                    _card(entier(counts["departements"]), LEVELS["departement"].noun(counts["departements"])),
                    _card(entier(counts["regions"]), LEVELS["region"].noun(counts["regions"])),
                    _card(entier(counts["population"]), "habitants"),
                ],
                className="kpis",
                id="chiffres-nationaux",
            ),
            class_counts_block(class_counts(warehouse)),
            html.H2(LEVELS["region"].title_plural),
            table(
                ["Code", LEVELS["region"].title, LEVELS["departement"].title_plural, LEVELS["commune"].title_plural, "Population",
                 "Superficie (km²)"],
                [[r.code, dcc.Link(r.nom, href=f"/region/{r.code}"), entier(r.departements), entier(r.communes),
                  entier(r.population), entier(r.superficie_km2)]
                 for r in regions.itertuples(index=False)],
                class_name="tableau regions",
            ),
            html.P(
                f"Limites administratives : {sources or 'inconnues'} — exécution n° {run['run_id'] if run else '—'}.",
                className="source-note",
            ),
        ]
    )


@dash.callback(
    Output("carte-url", "hash"),
    Output("carte-donnees", "data"),
    Output("carte-ariane", "children"),
    Output("carte-panneau", "children"),
    Output("carte-legende", "children"),
    Output("carte-couche", "value"),
    Output("carte-echelle", "value"),
    Output("carte-vue", "value"),
    Output("carte-programme", "value"),
    Output("carte-annee", "value"),
    Output("carte-annee-texte", "children"),
    Input("carte-url", "hash"),
    Input("carte-couche", "value"),
    Input("carte-echelle", "value"),
    Input("carte-vue", "value"),
    Input("carte", "clickData"),
    Input("carte-programme", "value"),
    Input("carte-annee", "value"),
    prevent_initial_call=True,  # the page holds the first state's outputs
)
def update_map(fragment, couche, echelle, vue, click, programme, annee):
    return map_update(get_warehouse(), fragment, couche, echelle, vue, click, ctx.triggered_id, programme, annee)


@dash.callback(Output("carte-territoires-donnees", "data"), Input("carte-url", "hash"))
def update_table(fragment):
    """The rows of the table of the territories the map shows (plain values, its own request:
    the map's answer stays small); the browser builds and sorts the table (assets/tableaux.js)."""
    warehouse = get_warehouse()
    return territory_rows(MapState.parse(inputs.text(fragment), warehouse), warehouse)


dash.clientside_callback(
    dash.ClientsideFunction(namespace="tableaux", function_name="territoires"),
    Output("carte-territoires-rendu", "data"),  # the table itself is written into #carte-territoires
    Input("carte-territoires-donnees", "data"),
    Input("carte-tri", "data"),
)


# The figure arrives as codes and class indices; the browser adds the hover labels.
dash.clientside_callback(
    dash.ClientsideFunction(namespace="atlas", function_name="figure"),
    Output("carte", "figure"),
    Input("carte-donnees", "data"),
)


# The document title names the territory and the level the map shows (from the breadcrumb).
dash.clientside_callback(
    dash.ClientsideFunction(namespace="accessibilite", function_name="titre"),
    Output("carte-titre", "data"),
    Input("carte-ariane", "children"),
)


# The chart of the classes year by year is drawn once the map is (both would share the page's thread).
dash.clientside_callback(
    dash.ClientsideFunction(namespace="atlas", function_name="apresCarte"),
    Output(CLASS_CHART, "figure"),
    Input(CLASS_CHART_STORE, "data"),
)
