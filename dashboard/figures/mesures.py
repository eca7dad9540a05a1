"""Figures of the follow-up of the 21 mesures: status timeline and deployment by région."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .carte import FRAME_OUTLINE, fit_view, flat_trace, outline_trace

__all__ = ["STATUT_COULEURS", "status_segments", "timeline_figure", "deployment_map_figure", "measure_map_figure",
           "progress_figure"]

# Okabe–Ito based, readable with any colour vision.
STATUT_COULEURS = {
    "non_demarree": "#bdbdbd",
    "en_cours": "#56B4E9",
    "realisee": "#009E73",
    "suspendue": "#E69F00",
    "abandonnee": "#D55E00",
}
_DEPLOIEMENT = ["#f7fcf5", "#c7e9c0", "#74c476", "#238b45", "#00441b"]
_SANS_SUIVI = "#ececec"  # régions where no mesure is followed
_SANS_SUIVI_NOM = "Aucun suivi régional"


def status_segments(reviews: pd.DataFrame, end: dt.date) -> pd.DataFrame:
    """Periods of constant status of each mesure from its national reviews.

    ``reviews``: mesure, date_point, statut (national rows, any order). A period runs from
    a status change to the next change, the last one to ``end``. Returns mesure, statut,
    debut, fin.
    """
    rows = []
    ordered = reviews.sort_values(["mesure", "date_point"])
    for mesure, group in ordered.groupby("mesure", sort=True):
        current = None
        start = None
        for date, statut in zip(group["date_point"], group["statut"]):
            date = pd.Timestamp(date).date()
            if statut != current:
                if current is not None:
                    rows.append((mesure, current, start, date))
                current, start = statut, date
        if current is not None:
            rows.append((mesure, current, start, max(end, start)))
    return pd.DataFrame(rows, columns=["mesure", "statut", "debut", "fin"])


def timeline_figure(segments: pd.DataFrame, labels: dict[str, str], order: list[str], since: dt.date) -> dict:
    """One row per mesure (``order``), coloured periods of its status since ``since``."""
    data = []
    for statut, colour in STATUT_COULEURS.items():
        part = segments[segments["statut"] == statut]
        if part.empty:
            continue
        starts = [max(d, since) for d in part["debut"]]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": labels.get(statut, statut),
                "y": part["mesure"].tolist(),
                "base": [d.isoformat() for d in starts],
                "x": [max((f - s).days, 1) * 86_400_000 for s, f in zip(starts, part["fin"])],
                "marker": {"color": colour, "line": {"width": 0}},
                "customdata": [[s.strftime("%d/%m/%Y"), f.strftime("%d/%m/%Y")] for s, f in zip(starts, part["fin"])],
                "hovertemplate": "%{y} : " + labels.get(statut, statut) + "<br>du %{customdata[0]} au %{customdata[1]}<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": {
            "barmode": "overlay",
            "height": 90 + 22 * max(len(order), 1),
            "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "xaxis": {"type": "date", "range": [since.isoformat(), None], "gridcolor": "#e5e8ec"},
            "yaxis": {"categoryorder": "array", "categoryarray": list(reversed(order)), "automargin": True},
            "legend": {"orientation": "h", "y": -0.08, "x": 0},
            "bargap": 0.25,
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
            "separators": ", ",
        },
    }


def deployment_map_figure(frame: pd.DataFrame, geojson_url: str, bounds, height: int = 460, width: int = 640,
                          regions=(), frames=()) -> dict:
    """Régions coloured by the mean progress (%) of the mesures followed there.

    ``frame``: code, avancement (0–100), mesures (how many are followed in the région).
    The other ``regions`` (codes) are drawn in grey by a second trace on the same geometry
    URL (fetched and parsed once per page, see assets/carte.js), not by a map layer that
    maplibre would fetch and parse once more. ``frames``: ids of the boxes of the overseas
    régions in that geometry (``/geo/france/region.geojson``), outlined by one more trace.
    """
    values = pd.to_numeric(frame["avancement"], errors="coerce").to_numpy(dtype="float64")
    keep = ~np.isnan(values)
    n = len(_DEPLOIEMENT) - 1
    followed = set(frame["code"][keep])
    others = [code for code in regions if code not in followed]
    unfollowed = [flat_trace(geojson_url, others, _SANS_SUIVI, "#ffffff", 0.6, _SANS_SUIVI_NOM,
                             hovertemplate="<b>%{properties.nom}</b><br>" + _SANS_SUIVI_NOM + "<extra></extra>")
                  ] if others else []
    boxes = [outline_trace(geojson_url, list(frames), colour=FRAME_OUTLINE, width=1.0)] if frames else []
    return {
        "data": [
            {
                "type": "choroplethmap",
                "geojson": geojson_url,
                "locations": frame["code"][keep].tolist(),
                "z": [round(float(v), 1) for v in values[keep]],
                "customdata": frame["mesures"][keep].astype(int).tolist(),
                "zmin": 0,
                "zmax": 100,
                "colorscale": [[i / n, c] for i, c in enumerate(_DEPLOIEMENT)],
                "marker": {"line": {"width": 0.6, "color": "#ffffff"}},
                # under the map: the map keeps the graph's whole width, framed in the browser for
                # the graph's real width (layout.meta.cadre, assets/carte.js)
                "colorbar": {"orientation": "h", "title": {"text": "Avancement", "side": "top"}, "ticksuffix": " %",
                             "thickness": 12, "len": 0.8, "x": 0.5, "xanchor": "center", "y": 0, "yanchor": "top"},
                "hovertemplate": "<b>%{properties.nom}</b><br>Avancement moyen : %{z:.0f} %<br>"
                                 "%{customdata} mesure(s) suivie(s) dans la région<extra></extra>",
            }
        ] + unfollowed + boxes,
        "layout": {
            "map": {"style": "white-bg", **fit_view(bounds, width=width, height=height - 70)},
            "height": height,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 70},
            "meta": {"cadre": list(bounds)},
            "separators": ", ",
            "paper_bgcolor": "#ffffff",
        },
    }


def measure_map_figure(frame: pd.DataFrame, labels: dict[str, str], geojson_url: str, bounds, height: int = 420,
                       regions=(), frames=()) -> dict:
    """Régions coloured by the progress (%) of one mesure at a date.

    ``frame``: code, statut, avancement (see :func:`dashboard.measure_detail.deployment_at`);
    ``frames``: the boxes of the overseas régions (see :func:`deployment_map_figure`).
    """
    # zoomed for a phone's width: the whole map (mainland and the boxes) stays in view at 390 px
    figure = deployment_map_figure(frame.assign(mesures=0), geojson_url, bounds, height, width=330, regions=regions,
                                   frames=frames)
    trace = figure["data"][0]
    trace["customdata"] = [labels.get(s, s) for s in frame["statut"]]
    trace["hovertemplate"] = "<b>%{properties.nom}</b><br>%{customdata} — avancement : %{z:.0f} %<extra></extra>"
    return figure


def progress_figure(history: pd.DataFrame, labels: dict[str, str], height: int = 260) -> dict:
    """The national progress (%) of one mesure at each point d'étape, markers coloured by status.

    ``history``: date_point, statut, avancement in date order.
    """
    dates = [pd.Timestamp(d).date().isoformat() for d in history["date_point"]]
    return {
        "data": [{
            "type": "scatter", "mode": "lines+markers", "x": dates, "y": history["avancement"].astype(int).tolist(),
            "line": {"shape": "hv", "color": "#5b6b7d", "width": 2},
            "marker": {"size": 10, "color": [STATUT_COULEURS.get(s, "#bdbdbd") for s in history["statut"]],
                       "line": {"width": 1, "color": "#1e2a38"}},
            "customdata": [labels.get(s, s) for s in history["statut"]],
            "hovertemplate": "%{x|%d/%m/%Y} : %{customdata}, %{y} %<extra></extra>",
            "name": "Avancement national",
        }],
        "layout": {
            "height": height,
            "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
            "xaxis": {"type": "date", "gridcolor": "#e5e8ec"},
            "yaxis": {"range": [0, 105], "ticksuffix": " %", "gridcolor": "#e5e8ec", "title": {"text": "Avancement"}},
            "showlegend": False,
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
            "separators": ", ",
        },
    }
