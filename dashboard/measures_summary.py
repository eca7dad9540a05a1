"""The national summary at the top of /mesures: mesures by status now and a year earlier,
average progress, the mesures suspended or without a point d'étape for a year, the latest
points d'étape. Pure functions of the national reviews (no Dash callback here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from dash import dcc, html

from atlas.format import date_fr, entier
from .components import badge, section, table
from .figures.mesures import STATUT_COULEURS
from .measures import STATUTS, STATUT_LABELS, measure_url, progress_bar

__all__ = ["STALE_AFTER_DAYS", "LATEST_COUNT", "NationalSummary", "state_at", "national_summary", "summary_block",
           "cached_summary_block"]

#: A mesure neither réalisée nor abandonnée whose last national point d'étape is older than
#: this (before the summary's date) is listed as « sans point d'étape depuis plus d'un an ».
STALE_AFTER_DAYS = 365
#: How many of the latest national points d'étape the summary lists.
LATEST_COUNT = 5
_CLOSED = ("realisee", "abandonnee")


@dataclass(frozen=True)
class NationalSummary:
    """The summary's figures at ``date`` (the latest point d'étape) and one year earlier."""

    date: dt.date
    year_ago: dt.date
    now: pd.DataFrame  # state_at(date)
    before: pd.DataFrame  # state_at(year_ago)
    suspended: pd.DataFrame
    stale: pd.DataFrame
    latest: pd.DataFrame  # the latest national points d'étape, most recent first


def state_at(national: pd.DataFrame, when: dt.date) -> pd.DataFrame:
    """Each mesure's latest national point d'étape on or before ``when`` (mesure, date_point,
    statut, avancement, commentaire); a mesure not yet reviewed then is absent."""
    dates = pd.to_datetime(national["date_point"])
    known = national[dates <= pd.Timestamp(when)].sort_values(["mesure", "date_point"])
    return known.groupby("mesure").tail(1).set_index("mesure")


def cached_summary_block(warehouse) -> html.Section:
    """:func:`summary_block` of the warehouse's reviews, built once per worker."""
    key = warehouse.cache_key
    if key not in _blocks:
        _blocks[key] = summary_block(national_summary(warehouse.measure_reviews, warehouse.measures))
    return _blocks[key]


_blocks: dict[str, html.Section] = {}


def national_summary(reviews: pd.DataFrame, measures: pd.DataFrame) -> NationalSummary | None:
    """The summary of the national reviews (``app/mesures_suivi`` rows); None without any."""
    national = reviews[reviews["region"].isna()]
    if national.empty:
        return None
    date = pd.Timestamp(national["date_point"].max()).date()
    year_ago = date - dt.timedelta(days=365)
    now = state_at(national, date)
    labels = measures.set_index("id")["libelle"]
    now = now.assign(libelle=labels.reindex(now.index))
    limit = pd.Timestamp(date - dt.timedelta(days=STALE_AFTER_DAYS))
    open_ = now[~now["statut"].isin(_CLOSED)]
    latest = national.sort_values(["date_point", "mesure"], ascending=[False, True]).head(LATEST_COUNT)
    return NationalSummary(
        date=date, year_ago=year_ago, now=now, before=state_at(national, year_ago),
        suspended=now[now["statut"] == "suspendue"],
        stale=open_[(open_["statut"] != "suspendue") & (pd.to_datetime(open_["date_point"]) < limit)],
        latest=latest.assign(libelle=labels.reindex(latest["mesure"]).tolist()),
    )


def _count(frame: pd.DataFrame, statut: str) -> str:
    return entier(int((frame["statut"] == statut).sum()))


def _mean(frame: pd.DataFrame) -> str:
    return "—" if frame.empty else f"{round(float(frame['avancement'].mean()))}\u00a0%"


def _mesure_link(mesure: str, libelle) -> dcc.Link:
    return dcc.Link(f"{mesure} — {libelle}", href=measure_url(mesure))


def summary_block(summary: NationalSummary | None) -> html.Section:
    """The « Situation nationale » block."""
    if summary is None:
        return section("Situation nationale", html.P("Aucun point d'étape national.", className="vide"),
                       id="bloc-synthese")
    rows = [[badge(STATUT_LABELS[s], STATUT_COULEURS[s]), _count(summary.now, s), _count(summary.before, s)]
            for s in STATUTS]
    rows.append([html.Strong("Avancement moyen"), _mean(summary.now), _mean(summary.before)])
    watch = [html.Li([_mesure_link(m, r["libelle"]), " — ", STATUT_LABELS["suspendue"].lower(),
                      " au point d'étape du ", date_fr(r["date_point"])]) for m, r in summary.suspended.iterrows()]
    watch += [html.Li([_mesure_link(m, r["libelle"]), " — dernier point d'étape le ", date_fr(r["date_point"])])
              for m, r in summary.stale.iterrows()]
    latest = [html.Li([html.Strong(date_fr(r.date_point)), " ", _mesure_link(r.mesure, r.libelle), " ",
                       badge(STATUT_LABELS.get(r.statut, "—"), STATUT_COULEURS.get(r.statut, "#e5e8ec")), " ",
                       progress_bar(r.avancement),
                       html.Span(r.commentaire if isinstance(r.commentaire, str) else "", className="muted")])
              for r in summary.latest.itertuples(index=False)]
    return section(
        "Situation nationale",
        html.P(f"Au {date_fr(summary.date)}, date du dernier point d'étape national, comparée au "
               f"{date_fr(summary.year_ago)}.", className="aide"),
        html.Div([
            table(["Statut", f"Au {date_fr(summary.date)}", f"Au {date_fr(summary.year_ago)}"], rows,
                  class_name="tableau nombres", caption="Mesures par statut", row_headers=True, id="synthese-statuts"),
            html.Div([
                html.H3("Mesures suspendues ou sans point d'étape depuis plus d'un an"),
                html.Ul(watch, id="synthese-alertes") if watch else html.P("Aucune.", className="vide"),
                html.H3("Derniers points d'étape"),
                html.Ul(latest, id="synthese-derniers", className="synthese-derniers"),
            ]),
        ], className="synthese-grille"),
        id="bloc-synthese",
    )
