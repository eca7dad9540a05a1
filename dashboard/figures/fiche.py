"""Figures of the territory cards: score components compared across levels, and the
small map of a commune among its neighbours."""

from __future__ import annotations

import json
import textwrap

import pandas as pd

from ..labels import CLASSE_LABELS, CLASSES
from .carte import MATURITE_COULEURS, LayerValues, fit_view, stepped_colorscale

__all__ = ["COMPARISON_COLOURS", "comparison_figure", "neighbours_figure"]

# Okabe–Ito qualitative colours (distinguishable with any colour vision).
COMPARISON_COLOURS = ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#7a7a7a"]


def comparison_figure(territories: list[tuple[str, dict | None]], components: dict[str, str], title: str) -> dict:
    """Grouped horizontal bars: each component (0–100) for each territory.

    ``territories`` is ``[(label, row), …]`` (row = indicator columns, or None when the
    territory has none); ``components`` maps column → French label, in display order.
    """
    columns = [c for c in components if any(row and _num(row.get(c)) is not None for _, row in territories)]
    labels = [components[c] for c in columns]
    data = []
    for i, (name, row) in enumerate(territories):
        values = [_num((row or {}).get(c)) for c in columns]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": name,
                "y": labels,
                "x": [None if v is None else round(v, 1) for v in values],
                "marker": {"color": COMPARISON_COLOURS[i % len(COMPARISON_COLOURS)]},
                "hovertemplate": f"{name}<br>%{{y}} : %{{x:.0f}} / 100<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": {
            "title": {"text": f"{title} (sur 100)", "font": {"size": 15}, "x": 0},
            "barmode": "group",
            "height": 110 + 34 * max(len(columns), 1) * max(len(territories), 1) / 2.2,
            "margin": {"l": 10, "r": 10, "t": 40, "b": 30},
            # no axis title: on a phone the legend, wrapped on several lines, would cover it
            "xaxis": {"range": [0, 100], "gridcolor": "#e5e8ec"},
            "yaxis": {"autorange": "reversed", "automargin": True, "tickmode": "array", "tickvals": labels,
                      "ticktext": [wrap_label(label) for label in labels]},
            "legend": {"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0},
            "separators": ", ",
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
        },
    }


def wrap_label(label: str, width: int = 24) -> str:
    """A long axis label on several lines (Plotly ``<br>``), so that narrow screens keep room for the bars.

    >>> wrap_label("Temps d'accès moyen aux services de la vie courante")
    "Temps d'accès moyen aux<br>services de la vie<br>courante"
    """
    return "<br>".join(textwrap.wrap(label, width)) or label


def _num(value):
    if value is None:
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if value != value else value


def neighbours_figure(frame: pd.DataFrame, height: int = 360) -> dict:
    """A commune (``est_la_commune``) and its neighbours, coloured by maturity class.

    ``frame`` has code, nom, est_la_commune, maturite_classe, geometry (GeoJSON text) and
    the bounding box columns ouest, sud, est, nord. The geometry is small and inline.
    """
    if frame.empty:
        return {"data": [], "layout": {"height": 80, "xaxis": {"visible": False}, "yaxis": {"visible": False},
                                        "annotations": [{"text": "Contour indisponible", "showarrow": False}]}}
    features = [
        {"type": "Feature", "id": row.code, "properties": {"nom": row.nom}, "geometry": json.loads(row.geometry)}
        for row in frame.itertuples(index=False)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    index = {c: i for i, c in enumerate(CLASSES)}
    classes = frame["maturite_classe"].fillna("donnees_insuffisantes").map(index).astype(int).tolist()
    layer = LayerValues("maturite", frame["code"].tolist(), classes, [CLASSE_LABELS[c] for c in CLASSES],
                        [MATURITE_COULEURS[c] for c in CLASSES], -0.5, len(CLASSES) - 0.5)
    own = frame[frame["est_la_commune"]]
    outline = {"type": "FeatureCollection", "features": [f for f in features if f["id"] in set(own["code"])]}
    bounds = (frame["ouest"].min(), frame["sud"].min(), frame["est"].max(), frame["nord"].max())
    return {
        "data": [
            {
                "type": "choroplethmap",
                "geojson": collection,
                "locations": layer.codes,
                "z": layer.z,
                "zmin": layer.zmin,
                "zmax": layer.zmax,
                "colorscale": stepped_colorscale(layer.colours),
                "showscale": False,
                "customdata": [layer.classes[v] for v in layer.z],
                "marker": {"line": {"width": 0.8, "color": "#ffffff"}, "opacity": 0.9},
                "hovertemplate": "<b>%{properties.nom}</b> (%{location})<br>Maturité : %{customdata}<extra></extra>",
            }
        ],
        "layout": {
            "map": {
                "style": "white-bg",
                **fit_view(bounds, width=520, height=height),
                "layers": [{"sourcetype": "geojson", "source": outline, "type": "line", "color": "#111111",
                            "line": {"width": 3}}],
            },
            "height": height,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "paper_bgcolor": "#ffffff",
        },
    }
