"""Pure figure builders of the dashboard: maps, comparisons, timeline."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures.carte import (
    BIVARIEE_COULEURS,
    MATURITE_COULEURS,
    METROPOLE,
    NO_DATA_COLOUR,
    fit_view,
    layer_values,
    map_figure,
    stepped_colorscale,
)
from dashboard.figures.fiche import comparison_figure, neighbours_figure
from dashboard.figures.mesures import STATUT_COULEURS, deployment_map_figure, status_segments, timeline_figure
from atlas.explain import MATURITY_COMPONENT_COLUMNS
from dashboard.labels import CLASSE_LABELS, CLASSES


@pytest.fixture()
def frame():
    return pd.DataFrame(
        {
            "maturite_classe": ["pionnier", "actif", "premiers_pas", "en_questionnement", "donnees_insuffisantes", None],
            "maturite_score": [70.0, 50.0, 30.0, 10.0, None, None],
            "fragilite_score": [10.0, 50.0, 90.0, 95.0, 40.0, None],
            "alliances_pour_10000": [3.0, 1.0, 0.0, None, 0.5, 2.0],
            "crte_couverture": [1.0, 0.5, 0.0, 1.0, 0.0, 1.0],
        },
        index=pd.Index(["29019", "29232", "2A004", "97411", "75056", "01001"], name="code"),
    )


def test_maturity_layer_is_class_indices_with_french_labels(frame):
    layer = layer_values(frame, "maturite")
    assert layer.codes == ["29019", "29232", "2A004", "97411", "75056"]  # no class: left out
    assert [layer.classes[v] for v in layer.z] == ["Pionnier", "Actif", "Premiers pas", "En questionnement",
                                                   "Données insuffisantes"]
    assert layer.colours == [MATURITE_COULEURS[c] for c in CLASSES]


def test_stepped_colorscale_gives_each_class_its_own_flat_band():
    colours = [MATURITE_COULEURS[c] for c in CLASSES]
    scale = stepped_colorscale(colours)
    n = len(colours)
    for i, colour in enumerate(colours):
        # z = i with zmin −0.5 and zmax n − 0.5 falls at (i + 0.5) / n, inside band i
        position = (i + 0.5) / n
        band = [c for (a, c), (b, _) in zip(scale[::2], scale[1::2]) if a <= position <= b]
        assert band == [colour]


def test_map_figure_draws_values_and_no_data_from_the_geometry_url(frame):
    layer = layer_values(frame, "maturite")
    figure = map_figure(layer, "/geo/commune.geojson?v=3", fit_view(METROPOLE))
    trace, no_data = figure["data"]
    assert trace["type"] == "choroplethmap" and trace["geojson"] == "/geo/commune.geojson?v=3"
    assert trace["meta"]["etiquettes"] == [CLASSE_LABELS[c] for c in CLASSES]
    assert trace["colorbar"]["ticktext"] == [CLASSE_LABELS[c] for c in CLASSES]
    # the commune without a class, over the same geometry, in the no-data colour
    assert no_data["geojson"] == trace["geojson"] and no_data["locations"] == ["01001"]
    assert {c for _, c in no_data["colorscale"]} == {NO_DATA_COLOUR} and no_data["showscale"] is False
    assert figure["layout"]["map"]["style"] == "white-bg"
    assert "layers" not in figure["layout"]["map"]  # no layer makes maplibre fetch a geometry again
    go.Figure(figure)  # valid for Plotly


def test_outlines_and_frames_are_traces_without_fill_or_hover(frame):
    layer = layer_values(frame, "fragilite")
    figure = map_figure(layer, "/geo/france/commune.geojson?v=3", fit_view(METROPOLE), bounds=METROPOLE,
                        context=("/geo/france/departement.geojson?v=3", ["29", "2A"]), frames=["cadre-974"])
    main, no_data, context, frames = figure["data"]
    assert main["showscale"] is True and no_data["locations"] == ["01001"]
    assert context["geojson"] == "/geo/france/departement.geojson?v=3" and context["locations"] == ["29", "2A"]
    assert frames["geojson"] == main["geojson"] and frames["locations"] == ["cadre-974"]
    for outline in (context, frames):
        assert outline["hoverinfo"] == "skip" and outline["showscale"] is False
        assert all(colour == "rgba(0,0,0,0)" for _, colour in outline["colorscale"])
    assert figure["layout"]["meta"]["cadre"] == list(METROPOLE)
    assert [key for key in figure["layout"] if key.startswith("map")] == ["map"]  # one map, no inset maps
    go.Figure(figure)


def test_inline_labels_for_figures_drawn_once(frame):
    layer = layer_values(frame, "maturite")
    trace = map_figure(layer, "/geo/x.geojson", fit_view(METROPOLE), inline_labels=True)["data"][0]
    assert trace["customdata"][:2] == ["Pionnier", "Actif"]


def test_continuous_layers_travel_as_typed_arrays(frame):
    for couche, column in (("fragilite", "fragilite_score"), ("alliances", "alliances_pour_10000"), ("crte", "crte_couverture")):
        layer = layer_values(frame, couche, alliances_max=3.0)
        expected = frame[column].dropna()
        assert layer.codes == list(expected.index)
        figure = map_figure(layer, "/geo/commune.geojson", fit_view(METROPOLE))
        z = figure["data"][0]["z"]
        assert z["dtype"] == "f4"
        import base64

        decoded = np.frombuffer(base64.b64decode(z["bdata"]), dtype="float32")
        np.testing.assert_allclose(decoded, expected.to_numpy(), rtol=1e-6)
        go.Figure(figure)


def test_bivariate_layer_crosses_terciles(frame):
    cuts = {"maturite_score": (20.0, 40.0), "fragilite_score": (33.0, 66.0)}
    layer = layer_values(frame, "bivariee", cuts=cuts)
    assert layer.codes == ["29019", "29232", "2A004", "97411"]
    # 29019: maturity high (2), fragility low (0) -> 6; 97411: maturity low, fragility high -> 2
    assert list(layer.z) == [6, 7, 5, 2]  # 29232: maturity 50 (high), fragility 50 (middle)
    assert BIVARIEE_COULEURS[2] == "#c85a5a"  # the priority cell is the strongest red


def test_unknown_layer_is_refused(frame):
    with pytest.raises(ValueError):
        layer_values(frame, "population; DROP TABLE commune")


def test_fit_view_frames_the_bounds():
    france = fit_view(METROPOLE)
    assert france["center"]["lon"] == pytest.approx(2.2, abs=0.01)
    assert 46 < france["center"]["lat"] < 47
    finistere = fit_view((-5.2, 47.7, -3.4, 48.8))
    assert finistere["zoom"] > france["zoom"] + 2


def test_comparison_figure_has_one_bar_group_per_territory():
    rows = [("Commune : Brest", {"maturite_alliances": 10.0, "maturite_crte": 100.0}), ("France", {"maturite_alliances": 6.0}),
            ("EPCI : sans données", None)]
    figure = comparison_figure(rows, MATURITY_COMPONENT_COLUMNS, "Composantes")
    assert [t["name"] for t in figure["data"]] == ["Commune : Brest", "France", "EPCI : sans données"]
    assert figure["data"][0]["y"] == [MATURITY_COMPONENT_COLUMNS["maturite_alliances"], MATURITY_COMPONENT_COLUMNS["maturite_crte"]]
    assert figure["data"][1]["x"] == [6.0, None]
    go.Figure(figure)


def test_neighbours_figure_outlines_the_commune():
    square = lambda x: json.dumps({"type": "Polygon", "coordinates": [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]})
    frame = pd.DataFrame({
        "code": ["A", "B"], "nom": ["Voisine", "Ici"], "est_la_commune": [False, True],
        "maturite_classe": ["actif", None], "geometry": [square(0), square(1)],
        "ouest": [0, 1], "sud": [0, 0], "est": [1, 2], "nord": [1, 1],
    })
    figure = neighbours_figure(frame)
    trace = figure["data"][0]
    assert trace["customdata"] == ["Actif", "Données insuffisantes"]
    outline = figure["layout"]["map"]["layers"][0]["source"]
    assert [f["id"] for f in outline["features"]] == ["B"]
    go.Figure(figure)


def test_status_segments_follow_status_changes():
    reviews = pd.DataFrame({
        "mesure": ["M01", "M01", "M01", "M02"],
        "date_point": pd.to_datetime(["2020-03-01", "2020-09-01", "2021-06-01", "2022-01-01"]),
        "statut": ["non_demarree", "en_cours", "en_cours", "realisee"],
    })
    segments = status_segments(reviews, dt.date(2023, 1, 1))
    assert segments.to_dict("records") == [
        {"mesure": "M01", "statut": "non_demarree", "debut": dt.date(2020, 3, 1), "fin": dt.date(2020, 9, 1)},
        {"mesure": "M01", "statut": "en_cours", "debut": dt.date(2020, 9, 1), "fin": dt.date(2023, 1, 1)},
        {"mesure": "M02", "statut": "realisee", "debut": dt.date(2022, 1, 1), "fin": dt.date(2023, 1, 1)},
    ]
    figure = timeline_figure(segments, {"en_cours": "En cours"}, ["M01", "M02"], dt.date(2020, 1, 1))
    colours = {t["marker"]["color"] for t in figure["data"]}
    assert colours == {STATUT_COULEURS["non_demarree"], STATUT_COULEURS["en_cours"], STATUT_COULEURS["realisee"]}
    go.Figure(figure)


def test_deployment_map_uses_the_geometry_url():
    frame = pd.DataFrame({"code": ["53", "11", "84"], "avancement": [40.0, None, 75.5], "mesures": [2, 0, 3]})
    figure = deployment_map_figure(frame, "/geo/region.geojson?v=1", METROPOLE, regions=["11", "24", "53", "84"])
    trace = figure["data"][0]
    assert trace["locations"] == ["53", "84"] and trace["z"] == [40.0, 75.5]
    # the régions without a value: a second trace on the same URL (one fetch), not a map layer (a second fetch)
    grey = figure["data"][1]
    assert grey["geojson"] == trace["geojson"] and grey["locations"] == ["11", "24"]
    assert "layers" not in figure["layout"]["map"]
    go.Figure(figure)

