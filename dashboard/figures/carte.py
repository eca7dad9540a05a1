"""Choropleth maps of territories (plotly ``choroplethmap``, no token, no remote tiles).

The geometry is not in the figure: ``geojson`` is the URL of a cached static file and
the figure carries only codes and values, so a callback answer stays small. Features
carry ``properties.nom`` for the hover. A class layer is one trace with a stepped colour
scale; its hover labels are expanded in the browser from the class indices
(``meta.etiquettes``, see ``assets/carte.js``) unless ``inline_labels`` is set.

Builders return plain dicts (valid Plotly figure JSON) so that large arrays are not
re-validated on every callback; numeric arrays travel as base64 typed arrays.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from atlas.vocabulary import MATURITY_COLOURS

from ..labels import CLASSE_LABELS, CLASSES, COUCHE_LABELS, COUCHES
from ..tiles import MAX_ZOOM, TILE_LAYER

__all__ = [
    "MATURITE_COULEURS",
    "BIVARIEE_COULEURS",
    "BIVARIEE_LABELS",
    "NO_DATA_COLOUR",
    "SEQUENTIAL_COULEURS",
    "NO_DATA_NAME",
    "LayerValues",
    "layer_values",
    "bivariate_cuts",
    "stepped_colorscale",
    "fit_view",
    "map_figure",
    "flat_trace",
    "outline_trace",
    "FRAME_OUTLINE",
    "METROPOLE",
    "NO_FEATURES",
]

# Colour-blind-safe palettes. Maturity: viridis steps, from "en questionnement" (light)
# to "pionnier" (dark); not enough data: neutral grey.
MATURITE_COULEURS = MATURITY_COLOURS
NO_DATA_COLOUR = "#fafafa"
#: Width (pixels) of the white line between territories on the map.
BORDER_WIDTH = 0.4
NO_DATA_OUTLINE = "#c4c4c4"
NO_DATA_NAME = "Pas de donnée"
CONTEXT_OUTLINE = "#4a4a4a"
FRAME_OUTLINE = "#8a94a3"

# Sequential single-hue scales (ColorBrewer families, readable with any colour vision).
_SEQUENTIAL = {
    "fragilite": ["#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"],
    "alliances": ["#fff7fb", "#d0d1e6", "#74a9cf", "#0570b0", "#023858"],
    "crte": ["#ffffe5", "#d9f0a3", "#78c679", "#238443", "#004529"],
    "programmes": ["#fcfbfd", "#dadaeb", "#9e9ac8", "#6a51a3", "#3f007d"],
}

#: Hover line, colour bar title and tick format of each continuous reading of the
#: « Programmes » layer (its ``variante``).
_PROGRAMME_READINGS = {
    "part": ("Communes dans le programme : %{z:.0%}", "Communes du programme", ".0%"),
    "nombre": ("Programmes de l'État : %{z:.0f}", "Programmes", "d"),
}
SEQUENTIAL_COULEURS = _SEQUENTIAL

# Bivariate maturity × fragility, 3 × 3 (index = 3 × maturity tercile + fragility
# tercile). Low maturity and high fragility (the priority) is the strongest red.
BIVARIEE_COULEURS = [
    "#e8e8e8", "#e4acac", "#c85a5a",
    "#b0d5df", "#ad9ea5", "#985356",
    "#64acbe", "#627f8c", "#574249",
]
_TERCILES = ("faible", "moyenne", "forte")
BIVARIEE_LABELS = [
    f"maturité {_TERCILES[m]}, fragilité {_TERCILES[f]}" for m in range(3) for f in range(3)
]

#: Bounds (west, south, east, north) of metropolitan France with Corsica.
METROPOLE = (-5.2, 41.3, 9.6, 51.1)

_HOVER_HEAD = "<b>%{properties.nom}</b> (%{location})<br>"
#: The geometry of a trace whose features are drawn from vector tiles.
NO_FEATURES = {"type": "FeatureCollection", "features": []}


@dataclass(frozen=True)
class LayerValues:
    """What one layer shows: codes, values, and how to read them."""

    couche: str
    codes: list[str]
    z: np.ndarray  # class index (int) or value (float)
    classes: list[str] | None  # labels of class indices, None for a continuous layer
    colours: list[str] | None
    zmin: float
    zmax: float
    missing: tuple[str, ...] = ()  # territories without a value (drawn in the no-data colour)
    #: how a layer with several readings shows z (« Programmes »: classes, part, nombre)
    variante: str = ""


def _float(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64")


def bivariate_cuts(frame: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Terciles of maturity and fragility over ``frame`` (a whole level of France)."""
    cuts = {}
    for column in ("maturite_score", "fragilite_score"):
        values = _float(frame[column])
        values = values[~np.isnan(values)]
        if len(values) == 0:
            cuts[column] = (math.inf, math.inf)
        else:
            low, high = np.quantile(values, [1 / 3, 2 / 3])
            cuts[column] = (float(low), float(high))
    return cuts


def layer_values(
    frame: pd.DataFrame,
    couche: str,
    *,
    cuts: dict[str, tuple[float, float]] | None = None,
    alliances_max: float | None = None,
) -> LayerValues:
    """Values of ``couche`` for the territories of ``frame`` (indexed by code).

    Territories without a value are left out (the map shows them in the no-data colour).
    ``cuts`` (bivariate) and ``alliances_max`` (top of the density scale) should come
    from the whole level, so that colours mean the same in every view.
    """
    if couche not in COUCHES or couche == "programmes":  # programmes: dashboard.programmes.programme_layer
        raise ValueError(f"couche inconnue : {couche!r}")
    codes = frame.index.astype(str)
    if couche == "maturite":
        index = {c: i for i, c in enumerate(CLASSES)}
        z = frame["maturite_classe"].map(index)
        keep = z.notna().to_numpy()
        return LayerValues(
            couche, list(codes[keep]), z[keep].to_numpy(dtype="int64"),
            [CLASSE_LABELS[c] for c in CLASSES], [MATURITE_COULEURS[c] for c in CLASSES],
            -0.5, len(CLASSES) - 0.5, tuple(codes[~keep]),
        )
    if couche == "bivariee":
        cuts = cuts or bivariate_cuts(frame)
        m = _float(frame["maturite_score"])
        f = _float(frame["fragilite_score"])
        keep = ~(np.isnan(m) | np.isnan(f))
        mi = np.digitize(m[keep], cuts["maturite_score"])
        fi = np.digitize(f[keep], cuts["fragilite_score"])
        return LayerValues(
            couche, list(codes[keep]), (3 * mi + fi).astype("int64"),
            list(BIVARIEE_LABELS), list(BIVARIEE_COULEURS), -0.5, 8.5, tuple(codes[~keep]),
        )
    column = {"fragilite": "fragilite_score", "alliances": "alliances_pour_10000", "crte": "crte_couverture"}[couche]
    values = _float(frame[column])
    keep = ~np.isnan(values)
    if couche == "fragilite":
        zmin, zmax = 0.0, 100.0
    elif couche == "crte":
        zmin, zmax = 0.0, 1.0
    else:
        top = alliances_max
        if top is None:
            known = values[keep]
            top = float(np.quantile(known, 0.95)) if len(known) else 1.0
        zmin, zmax = 0.0, max(float(top), 0.01)
    return LayerValues(couche, list(codes[keep]), values[keep], None, None, zmin, zmax, tuple(codes[~keep]))


def stepped_colorscale(colours: list[str]) -> list[list]:
    """A colour scale with one flat band per colour (for z = 0 … n−1, zmin −0.5, zmax n−0.5)."""
    n = len(colours)
    scale = []
    for i, colour in enumerate(colours):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def _sequential(colours: list[str]) -> list[list]:
    n = len(colours) - 1
    return [[i / n, c] for i, c in enumerate(colours)]


def _typed(values: np.ndarray, dtype: str) -> dict:
    array = np.ascontiguousarray(values, dtype=dtype)
    return {"dtype": {"float32": "f4", "int8": "i1"}[dtype], "bdata": base64.b64encode(array.tobytes()).decode("ascii")}


def fit_view(bounds: tuple[float, float, float, float], width: int = 760, height: int = 620) -> dict:
    """Centre and zoom that show ``bounds`` (west, south, east, north) in a map of that size."""
    west, south, east, north = bounds

    def merc(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = max(east - west, 1e-6) / 360.0
    dy = max(merc(north) - merc(south), 1e-6) / (2 * math.pi)
    zoom = min(math.log2(width / 512 / dx), math.log2(height / 512 / dy)) - 0.15
    centre_y = (merc(north) + merc(south)) / 2
    lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return {"center": {"lon": round((west + east) / 2, 4), "lat": round(lat, 4)}, "zoom": round(max(min(zoom, 12.0), 1.0), 2)}


def _hovertemplate(layer: LayerValues) -> str:
    if layer.couche == "maturite":
        return _HOVER_HEAD + "Maturité : %{customdata}<extra></extra>"
    if layer.couche == "bivariee" or (layer.couche == "programmes" and layer.classes is not None):
        return _HOVER_HEAD + "%{customdata}<extra></extra>"
    if layer.couche == "programmes":
        return _HOVER_HEAD + _PROGRAMME_READINGS[layer.variante][0] + "<extra></extra>"
    if layer.couche == "fragilite":
        return _HOVER_HEAD + "Fragilité : %{z:.0f} / 100<extra></extra>"
    if layer.couche == "alliances":
        return _HOVER_HEAD + "%{z:.2f} alliance(s) pour 10 000 habitants<extra></extra>"
    return _HOVER_HEAD + "Population couverte par un CRTE signé : %{z:.0%}<extra></extra>"


def _trace(layer: LayerValues, geojson_url: str, *, colorbar: bool, inline_labels: bool,
           highlight: str | None, borders: float = BORDER_WIDTH) -> dict:
    classes = layer.classes is not None
    trace: dict = {
        "type": "choroplethmap",
        "geojson": geojson_url,
        "locations": layer.codes,
        "featureidkey": "id",
        "zmin": layer.zmin,
        "zmax": layer.zmax,
        "marker": {"line": {"width": borders, "color": "#ffffff"}, "opacity": 0.92},
        "hovertemplate": _hovertemplate(layer),
        "hovertemplatefallback": "—",
        "showscale": colorbar and layer.couche != "bivariee",
        "name": COUCHE_LABELS[layer.couche],
    }
    if classes:
        trace["z"] = [int(v) for v in layer.z]
        trace["colorscale"] = stepped_colorscale(layer.colours)
        if inline_labels:
            trace["customdata"] = [layer.classes[int(v)] for v in layer.z]
        else:
            trace["meta"] = {"etiquettes": layer.classes}
        trace["colorbar"] = {
            "tickvals": list(range(len(layer.classes))),
            "ticktext": layer.classes,
            "title": {"text": "Maturité" if layer.couche == "maturite" else "Programme"},
            "thickness": 14,
            "len": 0.55,
            "x": 0.99,
            "xanchor": "right",
            "bgcolor": "rgba(255,255,255,0.85)",
        }
    else:
        trace["z"] = _typed(layer.z, "float32")
        trace["colorscale"] = _sequential(_SEQUENTIAL[layer.couche])
        titles = {"fragilite": "Fragilité", "alliances": "Pour 10 000 hab.", "crte": "Couverture"}
        if layer.couche == "programmes":
            titles["programmes"] = _PROGRAMME_READINGS[layer.variante][1]
        colorbar_spec = {
            "title": {"text": titles[layer.couche]},
            "thickness": 14,
            "len": 0.55,
            "x": 0.99,
            "xanchor": "right",
            "bgcolor": "rgba(255,255,255,0.85)",
        }
        if layer.couche == "crte":
            colorbar_spec["tickformat"] = ".0%"
        elif layer.couche == "programmes":
            colorbar_spec["tickformat"] = _PROGRAMME_READINGS[layer.variante][2]
            if layer.variante == "nombre":
                colorbar_spec["dtick"] = 1
        trace["colorbar"] = colorbar_spec
    if highlight is not None:
        trace["selectedpoints"] = [i for i, c in enumerate(layer.codes) if c == highlight] or None
        trace["unselected"] = {"marker": {"opacity": 0.55}}
    return trace


def flat_trace(geojson_url: str, codes, fill: str, outline: str, width: float, name: str, **extra) -> dict:
    """The features ``codes`` of ``geojson_url`` in one flat ``fill`` colour, outlined."""
    return {
        "type": "choroplethmap",
        "geojson": geojson_url,
        "locations": list(codes),
        "featureidkey": "id",
        "z": _typed(np.zeros(len(codes)), "int8"),
        "zmin": 0,
        "zmax": 1,
        "colorscale": [[0, fill], [1, fill]],
        "showscale": False,
        "marker": {"line": {"width": width, "color": outline}, "opacity": 1},
        "name": name,
        **extra,
    }


def outline_trace(geojson_url: str, codes: list[str], colour: str = CONTEXT_OUTLINE, width: float = 0.9) -> dict:
    """Borders of the features ``codes`` of ``geojson_url``, over the colours, without fill or hover."""
    return flat_trace(geojson_url, codes, "rgba(0,0,0,0)", colour, width, "Limites", hoverinfo="skip")


def _no_data_trace(codes: tuple[str, ...], geojson_url: str) -> dict:
    """The territories of ``codes`` (without a value) in the no-data colour, outlined in grey."""
    return flat_trace(geojson_url, codes, NO_DATA_COLOUR, NO_DATA_OUTLINE, 0.5, NO_DATA_NAME,
                       hovertemplate=_HOVER_HEAD + "Pas de donnée<extra></extra>")


def map_figure(
    layer: LayerValues,
    geojson_url: str,
    view: dict,
    *,
    context: tuple[str, list[str]] | None = None,
    frames: list[str] = (),
    revision: str = "",
    inline_labels: bool = False,
    highlight: str | None = None,
    height: int = 620,
    colorbar: bool = True,
    bounds: tuple[float, float, float, float] | None = None,
    borders: float = BORDER_WIDTH,
    tiles: str | None = None,
) -> dict:
    """The choropleth of ``layer`` over the features at ``geojson_url``.

    ``view`` is ``{"center": …, "zoom": …}`` (see :func:`fit_view`); ``bounds`` (west,
    south, east, north), if given, travel in ``layout.meta.cadre`` so that the browser can
    fit them to the map's real width. ``context`` is the URL of a GeoJSON and the codes of
    its features drawn as thin outlines above the colours (e.g. the départements' borders
    over their communes); ``frames`` are ids of features of ``geojson_url`` drawn as frames
    (the boxes of the overseas départements on the France-wide map); ``revision`` keeps
    the user's pan and zoom while only the colours change. ``borders``: width (pixels) of
    the white line between territories (0: none, and maplibre skips drawing it).

    One map: territories without a value are one more trace over the same geometry, in
    the no-data colour, and outlines are traces without fill. Every geometry is a URL that
    Plotly fetches and parses once per page (``window.PlotlyGeoAssets``), whereas a map
    layer would have maplibre fetch and parse its URL once more for each layer.

    With ``tiles`` (URL template of the vector tiles of the same features, see
    ``dashboard/tiles.py``), the first trace keeps the codes, values, colour scale and hover
    text but no geometry (:data:`NO_FEATURES`): ``assets/carte.js`` draws the tiles under the
    outlines, coloured from that trace (territories without a value in the no-data colour);
    the frames are then taken from the ``context`` geometry.
    """
    trace = _trace(layer, NO_FEATURES if tiles else geojson_url, colorbar=colorbar, inline_labels=inline_labels,
                   highlight=highlight, borders=borders)
    if tiles:
        trace["meta"] = {**trace.get("meta", {}), "tuiles": tiles, "couche_tuiles": TILE_LAYER, "tuiles_zoom": MAX_ZOOM,
                         "sans_donnee": NO_DATA_COLOUR}
    traces = [trace]
    if layer.missing and not tiles:
        traces.append(_no_data_trace(layer.missing, geojson_url))
    if context:
        traces.append(outline_trace(*context))
    if frames:
        frame_url = context[0] if tiles and context else geojson_url
        traces.append(outline_trace(frame_url, list(frames), colour=FRAME_OUTLINE, width=1.0))
    layout: dict = {
        "map": {"style": "white-bg", "center": view["center"], "zoom": view["zoom"]},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "height": height,
        "separators": ", ",
        "uirevision": revision,
        "paper_bgcolor": "#ffffff",
        "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": "#1e2a38"}},
    }
    if bounds:
        layout["meta"] = {"cadre": list(bounds)}
    return {"data": traces, "layout": layout}

