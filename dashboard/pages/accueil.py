"""Home page: what the warehouse holds, France-wide."""

from __future__ import annotations

import dash
from dash import dash_table, html

from dashboard.data import get_warehouse
from dashboard.format import entier

dash.register_page(__name__, path="/", name="Accueil", title="Atlas des alliances territoriales")


def _card(value: str, label: str) -> html.Div:
    return html.Div([html.Div(value, className="kpi-value"), html.Div(label, className="kpi-label")], className="kpi")


def layout(**_query):
    warehouse = get_warehouse()
    counts = warehouse.national_counts()
    run = warehouse.latest_run()
    regions = warehouse.regions()
    sources = "; ".join(f"{s['nom']} {s['version']}" for s in (run or {}).get("sources", []))
    return html.Div(
        [
            html.H1("La France des territoires"),
            html.Div(
                [
                    _card(entier(counts["communes"]), "communes"),
                    _card(entier(counts["epci"]), "EPCI à fiscalité propre"),
                    _card(entier(counts["departements"]), "départements"),
                    _card(entier(counts["regions"]), "régions"),
                    _card(entier(counts["population"]), "habitants"),
                ],
                className="kpis",
                id="chiffres-nationaux",
            ),
            html.H2("Régions"),
            dash_table.DataTable(
                data=regions.to_dict("records"),
                columns=[
                    {"name": "Code", "id": "code"},
                    {"name": "Région", "id": "nom"},
                    {"name": "Départements", "id": "departements"},
                    {"name": "Communes", "id": "communes"},
                    {"name": "Population", "id": "population"},
                    {"name": "Superficie (km²)", "id": "superficie_km2"},
                ],
                sort_action="native",
                style_as_list_view=True,
            ),
            html.P(
                f"Limites administratives : {sources or 'inconnues'} — exécution n° {run['run_id'] if run else '—'}.",
                className="source-note",
            ),
        ]
    )
