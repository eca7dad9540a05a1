"""The map of the commune fiche: the commune and the communes that touch it, by maturity class.

Drawn like the report's maps (:mod:`.maps`: same palette, hatching, scale bar, labels, no
network) in the projected CRS of the commune's zone. The commune itself is cross-hatched in
black with a thick outline, so that it stands out from its neighbours printed in greyscale
even when they share its class; every class is named in the legend.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from atlas.vocabulary import INSUFFICIENT, MATURITY_LABELS

from .maps import MISSING_EDGE, MISSING_FACE, MISSING_HATCH, _add, _scale_bar, maturity_palette, place_labels

__all__ = ["HIGHLIGHT_HATCH", "HIGHLIGHT_LABEL", "neighbours_map"]

#: How the commune is drawn over its class colour, and how the legend names it.
HIGHLIGHT_HATCH = "xx"
HIGHLIGHT_LABEL = "La commune (hachures croisées, contour épais)"
#: Neighbours named on the map at most (the larger part of a crowded map stays readable).
LABELS = 12


def _legend_handles(classes: list[str]) -> list[Patch]:
    palette = maturity_palette()
    handles = []
    for code in palette:
        if code not in classes:
            continue
        colour = palette[code]
        style = (dict(facecolor=MISSING_FACE, edgecolor=MISSING_EDGE, hatch=MISSING_HATCH) if colour is None
                 else dict(facecolor=colour, edgecolor="#555555"))
        handles.append(Patch(label=MATURITY_LABELS[code], linewidth=0.6, **style))
    handles.append(Patch(label=HIGHLIGHT_LABEL, facecolor="#ffffff", edgecolor="#000000", hatch=HIGHLIGHT_HATCH,
                         linewidth=1.6))
    return handles


def neighbours_map(communes: gpd.GeoDataFrame, *, width_in: float = 3.4, max_map_in: float = 3.3,
                   font_scale: float = 0.85) -> Figure:
    """A figure ``width_in`` wide of ``communes`` (projected, metres; columns ``nom``,
    ``est_la_commune``, ``maturite_classe``): each filled with its class colour, the commune
    cross-hatched with a thick outline, names of the commune and its neighbours, the legend
    below the map."""
    classes = communes["maturite_classe"].fillna(INSUFFICIENT).to_numpy()
    own = communes["est_la_commune"].to_numpy(dtype=bool)
    geoms = communes.geometry.to_numpy()
    bounds = communes.total_bounds
    ratio = (bounds[3] - bounds[1]) / max(bounds[2] - bounds[0], 1.0)
    map_h = min(width_in * min(max(ratio, 0.55), 1.25), max_map_in)
    handles = _legend_handles(set(classes))
    legend_h = (0.12 + 0.15 * ((len(handles) + 1) // 2)) * font_scale / 0.85
    height_in = map_h + legend_h
    fig = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, legend_h / height_in, 1.0, map_h / height_in))
    for code, colour in maturity_palette().items():
        mask = classes == code
        if colour is None:
            _add(ax, geoms[mask], facecolor=MISSING_FACE, edgecolor=MISSING_EDGE, hatch=MISSING_HATCH, linewidth=0.3)
        else:
            _add(ax, geoms[mask], facecolor=colour, edgecolor="#ffffff", linewidth=0.6)
    _add(ax, geoms, facecolor="none", edgecolor="#6e6e6e", linewidth=0.5)
    _add(ax, geoms[own], facecolor="none", edgecolor="#000000", hatch=HIGHLIGHT_HATCH, hatch_linewidth=1.6,
         linewidth=2.2)

    pad = 0.04 * max(bounds[2] - bounds[0], bounds[3] - bounds[1], 1.0)
    ax.set_xlim(bounds[0] - pad, bounds[2] + pad)
    ax.set_ylim(bounds[1] - pad, bounds[3] + pad)
    ax.set_aspect("equal")
    ax.set_axis_off()
    halo = [patheffects.withStroke(linewidth=2.5 * font_scale, foreground="white")]
    order = np.argsort(~own, kind="stable")  # the commune's name first
    items = [(communes["nom"].iloc[i], geoms[i], bool(own[i])) for i in order]
    place_labels(ax, bounds, items, font_scale, halo, LABELS, marker=False)
    _scale_bar(ax, font_scale)
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 0.0), ncol=2, frameon=False,
               fontsize=7 * font_scale, handlelength=1.6, columnspacing=1.0, borderaxespad=0.1)
    return fig
