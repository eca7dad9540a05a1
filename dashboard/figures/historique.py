"""Figure of the maturity score of a territory over the years, over the bands of its classes.

>>> fig = history_figure([2014, 2015], [None, 42.0], {"pionnier": 60.0, "actif": 40.0, "premiers_pas": 20.0})
>>> [s["y0"] for s in fig["layout"]["shapes"]], fig["data"][0]["y"]
([0, 20.0, 40.0, 60.0], [None, 42.0])
"""

from __future__ import annotations

from ..labels import CLASSE_LABELS
from .carte import MATURITE_COULEURS

__all__ = ["class_bands", "history_figure", "class_counts_figure"]

#: Opacity of the class bands behind the line (the line stays readable over the yellow band).
BAND_OPACITY = 0.22


def class_bands(thresholds: dict[str, float]) -> list[tuple[str, float, float]]:
    """``(classe, bas, haut)`` of each scored class from the least mature up, from the run's thresholds.

    >>> class_bands({"pionnier": 60.0, "actif": 40.0, "premiers_pas": 20.0})[0]
    ('en_questionnement', 0, 20.0)
    """
    order = sorted(thresholds.items(), key=lambda item: item[1])
    bounds = [0, *[low for _, low in order], 100]
    names = ["en_questionnement", *[name for name, _ in order]]
    return [(name, bounds[i], bounds[i + 1]) for i, name in enumerate(names)]


def history_figure(years: list[int], scores: list[float | None], thresholds: dict[str, float]) -> dict:
    """A line of the score (0–100) per year over coloured bands, one per maturity class."""
    bands = class_bands(thresholds)
    shapes = [
        {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": low, "y1": high,
         "fillcolor": MATURITE_COULEURS[name], "opacity": BAND_OPACITY, "line": {"width": 0}, "layer": "below"}
        for name, low, high in bands
    ]
    annotations = [
        {"xref": "paper", "x": 1, "xanchor": "right", "yref": "y", "y": (low + high) / 2, "yanchor": "middle",
         "text": CLASSE_LABELS[name], "showarrow": False, "font": {"size": 11, "color": "#333333"}}
        for name, low, high in bands
    ]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": list(years),
                "y": [None if s is None else round(float(s), 1) for s in scores],
                "line": {"color": "#1a1a1a", "width": 2.5},
                "marker": {"size": 7, "color": "#1a1a1a"},
                "connectgaps": False,
                "name": "Score de maturité",
                "hovertemplate": "%{x} : %{y:.0f} / 100<extra></extra>",
            }
        ],
        "layout": {
            "height": 280,
            "margin": {"l": 40, "r": 10, "t": 10, "b": 30},
            "xaxis": {"dtick": 2, "tick0": years[0] if years else 0, "tickformat": "d", "gridcolor": "#e5e8ec", "fixedrange": True},
            "yaxis": {"range": [0, 100], "title": {"text": "score sur 100"}, "gridcolor": "#e5e8ec",
                      "fixedrange": True},
            "shapes": shapes,
            "annotations": annotations,
            "showlegend": False,
            "separators": ", ",
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
        },
    }


def class_counts_figure(years: list[int], counts: dict[str, list[int]]) -> dict:
    """Stacked bars: for each year, the number of territories of each maturity class (``counts``:
    class → one number a year, in the order of the legend, the least mature at the bottom).

    >>> fig = class_counts_figure([2014, 2015], {"actif": [3, 4], "pionnier": [1, 0]})
    >>> [t["name"] for t in fig["data"]], fig["data"][0]["y"], fig["layout"]["barmode"]
    (['Actif', 'Pionnier'], [3, 4], 'stack')
    """
    return {
        "data": [
            {
                "type": "bar",
                "x": list(years),
                "y": list(values),
                "name": CLASSE_LABELS[classe],
                "marker": {"color": MATURITE_COULEURS[classe], "line": {"width": 0}},
                "hovertemplate": "%{x} : %{y:,d} (" + CLASSE_LABELS[classe].lower() + ")<extra></extra>",
            }
            for classe, values in counts.items()
        ],
        "layout": {
            "barmode": "stack",
            "height": 300,
            "margin": {"l": 60, "r": 10, "t": 10, "b": 30},
            "xaxis": {"dtick": 2, "tick0": years[0] if years else 0, "tickformat": "d", "fixedrange": True,
                      "automargin": True},
            "yaxis": {"gridcolor": "#e5e8ec", "fixedrange": True, "tickformat": ",d"},
            "legend": {"orientation": "h", "y": -0.15, "traceorder": "normal"},
            "separators": ", ",
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
        },
    }
