"""A naive Dash map over the same warehouse: the peer that ``bench/browser.py`` compares with.

What a first Dash choropleth usually looks like: one callback returns a Plotly
``choropleth_map`` figure with the full GeoJSON of the level shown inside it, built with
plotly.graph_objects (default Dash, no compression, no client-side code). Same warehouse,
same display geometry, same levels and layers, same URL fragment as the dashboard's map
(``#couche=…&echelle=…``, ``&region=…``, ``&departement=…``) and the same element ids
(``carte``, ``carte-couche``), so that the benchmark drives both alike. A click on a région
shows its départements, a click on a département its communes.

    .venv/bin/python bench/naive_app.py --db data/warehouse.duckdb --port 8060
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.graph_objects as go  # noqa: E402
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update  # noqa: E402

from dashboard.data import get_warehouse  # noqa: E402
from dashboard.geometry import level_geojson_bytes  # noqa: E402
from dashboard.labels import COUCHE_LABELS, COUCHES  # noqa: E402

COLUMNS = {"maturite": "maturite_score", "fragilite": "fragilite_score", "alliances": "alliances_pour_10000",
           "crte": "crte_couverture", "bivariee": "fragilite_score"}


@lru_cache(maxsize=None)
def geojson(level: str) -> dict:
    """The level's whole display geometry as a Python dict (read once)."""
    warehouse = get_warehouse()
    cursor = warehouse.cursor()
    try:
        return json.loads(level_geojson_bytes(cursor, level))
    finally:
        cursor.close()


def state_of(fragment: str | None) -> dict:
    values = {k: v[0] for k, v in parse_qs((fragment or "").lstrip("#")).items() if v}
    return {"couche": values.get("couche", "maturite") if values.get("couche") in COUCHES else "maturite",
            "echelle": values.get("echelle", "region"), "region": values.get("region"),
            "departement": values.get("departement")}


def figure(state: dict) -> go.Figure:
    warehouse = get_warehouse()
    if state["departement"]:
        level, codes = "commune", warehouse.children("commune", "departement", state["departement"]).index
    elif state["region"]:
        level, codes = "departement", warehouse.children("departement", "region", state["region"]).index
    else:
        level, codes = state["echelle"], None
    frame = warehouse.indicators(level)
    collection = geojson(level)
    if codes is not None:
        frame = frame.loc[frame.index.isin(codes)]
        wanted = set(codes)
        collection = {"type": "FeatureCollection", "features": [f for f in collection["features"] if f["id"] in wanted]}
    fig = go.Figure(go.Choroplethmap(
        geojson=collection, locations=list(frame.index.astype(str)), z=frame[COLUMNS[state["couche"]]],
        featureidkey="id", colorscale="Viridis", marker_line_width=0.4, name=COUCHE_LABELS[state["couche"]],
    ))
    if codes is None:
        centre, zoom = {"lat": 46.6, "lon": 2.4}, 4.6
    else:
        bounds = warehouse.extents[("departement", state["departement"]) if state["departement"] else ("region", state["region"])]
        centre, zoom = {"lat": (bounds[1] + bounds[3]) / 2, "lon": (bounds[0] + bounds[2]) / 2}, 7.0
    fig.update_layout(map_style="white-bg", map_center=centre, map_zoom=zoom, height=620,
                      margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


def create_app(db: Path) -> Dash:
    get_warehouse(db)
    app = Dash(__name__)
    app.layout = html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.RadioItems(id="carte-couche", options=[{"label": COUCHE_LABELS[c], "value": c} for c in COUCHES],
                       value="maturite"),
        dcc.Graph(id="carte", figure={"data": [], "layout": {"height": 620}}),
    ])

    @app.callback(Output("carte", "figure"), Output("url", "hash"),
                  Input("url", "hash"), Input("carte-couche", "value"), Input("carte", "clickData"),
                  State("url", "hash"))
    def update(fragment, couche, click, current):
        state = state_of(fragment)
        if ctx.triggered_id == "carte-couche" and couche in COUCHES:
            state["couche"] = couche
        elif ctx.triggered_id == "carte" and click:
            code = str(click["points"][0]["location"])
            warehouse = get_warehouse()
            if not state["region"] and not state["departement"] and warehouse.exists("region", code):
                state["region"] = code
            elif state["region"] and not state["departement"] and warehouse.exists("departement", code):
                state["departement"] = code
        values = {"couche": state["couche"]}
        if state["departement"]:
            values["departement"] = state["departement"]
        elif state["region"]:
            values["region"] = state["region"]
        else:
            values["echelle"] = state["echelle"]
        new = "#" + urlencode(values)
        return figure(state), (new if new != current and ctx.triggered_id not in (None, "url") else no_update)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    parser.add_argument("--port", type=int, default=8060)
    arguments = parser.parse_args()
    from waitress import serve

    app = create_app(arguments.db)
    for level in ("region", "departement", "commune"):
        geojson(level)
    print(f"Application naïve servie sur http://127.0.0.1:{arguments.port}", flush=True)
    serve(app.server, host="127.0.0.1", port=arguments.port, threads=8, ident="")


if __name__ == "__main__":
    main()
