"""Static maps of a territory with matplotlib (no browser, no network, no pyplot state).

Maps are drawn in the territory's projected CRS. Palettes are single-hue sequential
ramps whose lightness follows the order of the classes, so a greyscale print still
reads; territories without a value are white with grey hatching; every class is named
in the legend with its number of communes.
"""

from __future__ import annotations

import io

import numpy as np
import shapely
from matplotlib import colormaps, patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath

from atlas.vocabulary import INSUFFICIENT, MATURITY_LABELS

from .labels import FRAGILITE_CLASSES
from .snapshot import Snapshot

__all__ = [
    "maturity_classes",
    "fragility_classes",
    "draw_map",
    "map_figure",
    "maturity_figure",
    "fragility_figure",
    "figure_png",
]

MISSING_FACE = "#ffffff"
MISSING_HATCH = "////"
MISSING_EDGE = "#8c8c8c"


def _ramp(name: str, n: int, low: float = 0.18, high: float = 0.95) -> list:
    cmap = colormaps[name]
    return [cmap(x) for x in np.linspace(low, high, n)]


def maturity_palette() -> dict[str, object]:
    """Colour of each maturity class, the most mature darkest; None for « données
    insuffisantes » (drawn white with grey hatching)."""
    ordered = [c for c in MATURITY_LABELS if c != INSUFFICIENT]
    colours = list(reversed(_ramp("YlGnBu", len(ordered), 0.2, 0.95)))
    return {**dict(zip(ordered, colours)), INSUFFICIENT: None}


def maturity_classes(snapshot: Snapshot) -> list[tuple[str, np.ndarray, object]]:
    """``(label, mask over communes, colour)`` per maturity class; the last one is "no data"."""
    classes = snapshot.communes["maturite_classe"].fillna(INSUFFICIENT).to_numpy()
    return [(MATURITY_LABELS[c], classes == c, colour) for c, colour in maturity_palette().items()]


def fragility_classes(snapshot: Snapshot) -> list[tuple[str, np.ndarray, object]]:
    """``(label, mask over communes, colour)`` per fragility bin; the last one is "not computed"."""
    scores = snapshot.communes["fragilite_score"].to_numpy(dtype=float)
    colours = _ramp("YlOrBr", len(FRAGILITE_CLASSES), 0.12, 0.95)  # most fragile darkest
    out = []
    for (low, high, label), colour in zip(FRAGILITE_CLASSES, colours):
        out.append((label, (scores >= low) & (scores < high), colour))
    out.append(("Non calculée", np.isnan(scores), None))
    return out


def _paths(geometries) -> list[MplPath]:
    """Matplotlib paths of (multi)polygons, one per polygon, holes included."""
    paths = []
    for geometry in geometries:
        if geometry is None or geometry.is_empty:
            continue
        parts = shapely.get_parts(geometry)
        for polygon in parts:
            if polygon.geom_type != "Polygon":
                continue
            rings = [np.asarray(polygon.exterior.coords)[:, :2]]
            rings += [np.asarray(r.coords)[:, :2] for r in polygon.interiors]
            paths.append(MplPath.make_compound_path(*[MplPath(r, closed=True) for r in rings]))
    return paths


def _add(ax, geometries, **style) -> None:
    paths = _paths(geometries)
    if paths:
        ax.add_collection(PathCollection(paths, **style))


def draw_map(ax, snapshot: Snapshot, classes, *, legend_title: str = "", font_scale: float = 1.0) -> None:
    """Draw the communes coloured by ``classes`` with the territory's borders and labels."""
    communes = snapshot.projected("communes")
    geoms = communes.geometry.to_numpy()
    handles = []
    for label, mask, colour in classes:
        count = int(mask.sum())
        if colour is None:
            style = dict(facecolor=MISSING_FACE, edgecolor=MISSING_EDGE, hatch=MISSING_HATCH, linewidth=0.15)
            handle_style = dict(facecolor=MISSING_FACE, edgecolor=MISSING_EDGE, hatch=MISSING_HATCH, linewidth=0.6)
        else:
            style = dict(facecolor=colour, edgecolor="#ffffff", linewidth=0.15)
            handle_style = dict(facecolor=colour, edgecolor="#555555", linewidth=0.6)
        _add(ax, geoms[mask], **style)
        handles.append(Patch(label=f"{label} ({count})", **handle_style))

    level_borders = snapshot.projected("departements") if snapshot.territory.niveau == "region" else None
    if level_borders is not None:
        _add(ax, level_borders.geometry, facecolor="none", edgecolor="#222222", linewidth=0.8)
    outline = snapshot.projected("outline")
    _add(ax, outline.geometry, facecolor="none", edgecolor="#000000", linewidth=1.3)

    halo = [patheffects.withStroke(linewidth=2.5 * font_scale, foreground="white")]
    if level_borders is not None:
        for name, geometry in zip(level_borders["nom"], level_borders.geometry):
            if geometry is None or geometry.is_empty:
                continue
            point = geometry.representative_point()
            ax.text(point.x, point.y, name, ha="center", va="center", fontsize=7.5 * font_scale,
                    fontweight="bold", color="#111111", path_effects=halo, zorder=5)
    else:
        _label_largest(ax, communes, font_scale, halo)

    bounds = outline.total_bounds if outline.geometry.notna().any() else communes.total_bounds
    if np.all(np.isfinite(bounds)):
        dx, dy = bounds[2] - bounds[0], bounds[3] - bounds[1]
        pad = 0.03 * max(dx, dy, 1.0)
        ax.set_xlim(bounds[0] - pad, bounds[2] + pad)
        ax.set_ylim(bounds[1] - pad, bounds[3] + pad)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.legend(handles=handles, title=legend_title, loc="center left", bbox_to_anchor=(1.01, 0.5),
              fontsize=7.5 * font_scale, title_fontsize=8 * font_scale, frameon=False)
    _scale_bar(ax, font_scale)


def _label_largest(ax, communes, font_scale: float, halo, count: int = 6) -> None:
    """Name the most populous communes, skipping a label that would overlap one already placed."""
    largest = communes.dropna(subset=["population"]).nlargest(4 * count, "population")
    items = [(name, geometry, False) for name, geometry in zip(largest["nom"], largest.geometry)]
    place_labels(ax, communes.total_bounds, items, font_scale, halo, count)


def place_labels(ax, extent, items, font_scale: float, halo, count: int, *, marker: bool = True) -> None:
    """Write ``(name, geometry, bold)`` labels in order at their geometry's representative point
    (after a dot if ``marker``, else centred), skipping one that would overlap a label already
    placed, until ``count`` are placed. ``extent`` is the map's bounds (data units)."""
    if not np.all(np.isfinite(extent)):
        return
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    # Data units per inch of the equal-aspect map (the tighter of the two axes limits it).
    per_inch = max((extent[2] - extent[0]) / (box.width * fig_w), (extent[3] - extent[1]) / (box.height * fig_h))
    size = 7 * font_scale
    line = size * 1.3 / 72 * per_inch
    placed: list[tuple[float, float, float, float]] = []
    for name, geometry, bold in items:
        if len(placed) == count:
            break
        if geometry is None or geometry.is_empty:
            continue
        point = geometry.representative_point()
        width = (len(name) + 2) * size * (0.66 if bold else 0.6) / 72 * per_inch
        left = point.x - 0.2 * line if marker else point.x - width / 2
        rect = (left, point.y - line / 2, left + width, point.y + line / 2)
        if any(rect[0] < r[2] and r[0] < rect[2] and rect[1] < r[3] and r[1] < rect[3] for r in placed):
            continue  # the label placed first keeps its place
        placed.append(rect)
        if marker:
            ax.plot(point.x, point.y, marker="o", markersize=2.5 * font_scale, color="#000000", zorder=5)
        ax.text(point.x, point.y, f" {name}" if marker else name, ha="left" if marker else "center",
                va="center", fontsize=size, fontweight="bold" if bold else "normal", color="#111111",
                path_effects=halo, zorder=5)


def _scale_bar(ax, font_scale: float) -> None:
    """A round-length scale bar in the lower left corner (coordinates are metres)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    target = (x1 - x0) / 5
    length = max(1000.0, 10 ** np.floor(np.log10(target)))
    for factor in (5, 2):
        if length * factor <= target:
            length *= factor
            break
    x, y = x0 + 0.03 * (x1 - x0), y0 + 0.04 * (y1 - y0)
    ax.plot([x, x + length], [y, y], color="black", linewidth=2, solid_capstyle="butt", zorder=6)
    ax.text(x + length / 2, y + 0.015 * (y1 - y0), f"{length / 1000:g} km", ha="center", va="bottom",
            fontsize=7 * font_scale, zorder=6)


def map_figure(snapshot: Snapshot, classes, *, legend_title: str, width_in: float,
               title: str | None = None, top_in: float = 0.0, bottom_in: float = 0.0,
               font_scale: float = 1.0, max_ratio: float = 1.3) -> Figure:
    """A figure ``width_in`` wide holding one map, its height following the territory's shape.

    ``top_in`` and ``bottom_in`` reserve bands (inches) for a title and notes; the map
    takes 72 % of the width, the legend the rest.
    """
    outline = snapshot.projected("outline")
    bounds = outline.total_bounds if outline.geometry.notna().any() else snapshot.projected("communes").total_bounds
    map_w = 0.72 * width_in
    ratio = (bounds[3] - bounds[1]) / max(bounds[2] - bounds[0], 1.0) if np.all(np.isfinite(bounds)) else 0.7
    map_h = map_w * min(max(ratio, 0.45), max_ratio)
    title_in = 0.45 * font_scale if title else 0.0
    height_in = map_h + top_in + bottom_in + title_in
    fig = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, bottom_in / height_in, 0.72, map_h / height_in))
    draw_map(ax, snapshot, classes, legend_title=legend_title, font_scale=font_scale)
    if title:
        fig.text(0.01, 1 - (top_in + 0.1) / height_in, title, fontsize=13 * font_scale, fontweight="bold",
                 ha="left", va="top")
    return fig


def maturity_figure(snapshot: Snapshot, **kwargs) -> Figure:
    """The map of the communes' maturity classes (see :func:`map_figure` for the arguments)."""
    return map_figure(snapshot, maturity_classes(snapshot), legend_title="Maturité des alliances", **kwargs)


def fragility_figure(snapshot: Snapshot, **kwargs) -> Figure:
    """The map of the communes' fragility score in five bins (see :func:`map_figure`)."""
    return map_figure(snapshot, fragility_classes(snapshot), legend_title="Fragilité (score 0 à 100)", **kwargs)


def figure_png(fig: Figure, dpi: int) -> bytes:
    """PNG bytes of ``fig`` at ``dpi`` (fixed size: width = width_in × dpi pixels)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()
