"""The follow-up of the 21 mesures, as the /mesures page shows it (no Dash callback here)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from urllib.parse import urlencode

import pandas as pd

from dash import dcc, html

from . import inputs
from .components import badge, table
from .data import Warehouse
from .geometry import FRANCE, OUTRE_MER, frame_id
from .figures.mesures import STATUT_COULEURS, deployment_map_figure, status_segments, timeline_figure
from atlas.format import date_fr, entier
from .labels import choice_label
from .measure_detail import latest_indicators
from .routes import geo_url
from atlas.entities import ENTITIES
from atlas.vocabulary import LEVELS

__all__ = ["SINCE", "STATUTS", "STATUT_LABELS", "GROUPINGS", "measures_state", "regional_progress", "measures_view",
           "progress_bar", "measure_url", "SORTS",
           "filters_from_query", "filters_query", "checked_filters"]

SINCE = dt.date(2020, 1, 1)
STATUTS = ENTITIES["mesures_suivi"].column("statut").allowed
STATUT_LABELS = {s: choice_label("mesures_suivi", "statut", s) for s in STATUTS}
GROUPINGS = {"levier": "Par levier de déploiement", "chantier": "Par chantier"}
#: Orders of the list within each group: column, ascending.
SORTS = {"numero": "Numéro", "avancement": "Avancement", "maj": "Dernière mise à jour", "statut": "Statut"}
_SORT_KEYS = {"numero": (["id"], [True]), "avancement": (["avancement", "id"], [False, True]),
              "maj": (["derniere_maj", "id"], [False, True]), "statut": (["rang_statut", "id"], [True, True])}


_states: dict[str, pd.DataFrame] = {}


def measures_state(warehouse) -> pd.DataFrame:
    """Each mesure with its latest national status, progress, date and comment (kept per worker)."""
    key = str(warehouse.path)
    if key not in _states:
        _states[key] = _measures_state(warehouse)
    return _states[key]


def _measures_state(warehouse) -> pd.DataFrame:
    measures = warehouse.measures
    reviews = warehouse.measure_reviews
    national = reviews[reviews["region"].isna()].sort_values(["mesure", "date_point"])
    last = national.groupby("mesure").tail(1).set_index("mesure")
    latest_any = reviews.groupby("mesure")["date_point"].max()
    frame = measures.set_index("id").join(last[["statut", "avancement", "date_point", "commentaire"]], how="left")
    frame["derniere_maj"] = latest_any.reindex(frame.index)
    indicators = latest_indicators(warehouse.measure_indicators).groupby("mesure")
    frame["indicateurs"] = indicators["indicateur"].size().reindex(frame.index).fillna(0).astype(int)
    frame["taux_indicateurs"] = indicators["taux"].mean().reindex(frame.index)
    return frame.reset_index().rename(columns={"index": "id"})


def indicators_text(count: int, mean_rate) -> str:
    """The list's « Indicateurs » cell: how many, and their mean progress rate.

    >>> indicators_text(0, None), indicators_text(2, 0.634), indicators_text(1, float("nan"))
    ('—', '2 · 63 % en moyenne', '1 · non calculable')
    """
    if not count:
        return "—"
    rate = "non calculable" if mean_rate is None or mean_rate != mean_rate else f"{round(100 * mean_rate)} % en moyenne"
    return f"{count} · {rate}"


def regional_progress(warehouse, mesures: list[str]) -> pd.DataFrame:
    """Per région: mean progress of the latest regional review of each selected mesure."""
    reviews = warehouse.measure_reviews
    regional = reviews[reviews["region"].notna() & reviews["mesure"].isin(mesures)].sort_values("date_point")
    latest = regional.groupby(["mesure", "region"]).tail(1)
    out = latest.groupby("region").agg(avancement=("avancement", "mean"), mesures=("mesure", "nunique")).reset_index()
    return out.rename(columns={"region": "code"})


def measure_url(mesure_id: str) -> str:
    """Address of a mesure's page."""
    return f"/mesures/{mesure_id}"


def progress_bar(value) -> html.Span:
    if value is None or value != value:
        return html.Span("—")
    return html.Span([html.Span(html.Span(style={"width": f"{int(value)}%"}), className="barre"), f"{int(value)} %"])


def _listed(values) -> list[str] | None:
    """A query parameter as a list (``"L1,L2"`` or repeated ``levier=``)."""
    if values is None:
        return None
    items = values if isinstance(values, list) else [values]
    return [part for item in items if isinstance(item, str) for part in item.split(",") if part]


def filters_from_query(warehouse: Warehouse, query: dict) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    """(leviers, statuts, groupe, tri) from the page's query string, checked against the closed lists."""
    groupe, tri = (value if isinstance(value, str) else None for value in (query.get("groupe"), query.get("tri")))
    return checked_filters(warehouse, _listed(query.get("levier")), _listed(query.get("statut")), groupe, tri)


def filters_query(leviers, statuts, groupe: str, tri: str) -> str:
    """The query string that gives these (checked) filters back; defaults are left out.

    >>> filters_query(("L1", "L2"), (), "chantier", "numero")
    '?levier=L1%2CL2&groupe=chantier'
    >>> filters_query((), (), "levier", "numero")
    ''
    """
    params = {"levier": ",".join(leviers), "statut": ",".join(statuts),
              "groupe": groupe if groupe != "levier" else "", "tri": tri if tri != "numero" else ""}
    text = urlencode({k: v for k, v in params.items() if v})
    return f"?{text}" if text else ""


def measures_view(warehouse: Warehouse, leviers, statuts, groupe, tri=None):
    """Core of the callback: filters checked against closed lists, then the list grouped by levier
    or chantier, the count, the timeline, the regional map, its table, and the timeline's periods
    as a table (its text alternative).

    The published data does not change while a worker runs, so each combination of filters is
    built once per worker (the filters are closed lists: at most a few hundred combinations).
    """
    return _view(warehouse, warehouse.version, *checked_filters(warehouse, leviers, statuts, groupe, tri))


def checked_filters(warehouse: Warehouse, leviers, statuts, groupe, tri) -> tuple:
    """The filters of a callback checked against the closed lists: (leviers, statuts, groupe, tri)."""
    return (inputs.choices(leviers, sorted(set(measures_state(warehouse)["levier"]))), inputs.choices(statuts, STATUTS),
            inputs.choice(groupe, GROUPINGS, "levier"), inputs.choice(tri, SORTS, "numero"))


@lru_cache(maxsize=2048)
def _view(warehouse: Warehouse, version: str, leviers: tuple[str, ...], statuts: tuple[str, ...], groupe: str,
          tri: str = "numero"):
    # ``version`` (the published run) is part of the cache key: a publication gives new views
    frame = measures_state(warehouse)
    columns, ascending = _SORT_KEYS[tri]
    frame = frame.assign(rang_statut=frame["statut"].map({s: i for i, s in enumerate(STATUTS)})).sort_values(
        columns, ascending=ascending, na_position="last", kind="stable")
    if leviers:
        frame = frame[frame["levier"].isin(leviers)]
    if statuts:
        frame = frame[frame["statut"].isin(statuts)]
    other = "chantier" if groupe == "levier" else "levier"
    blocks = []
    for (key, label), group in frame.groupby([groupe, f"{groupe}_libelle"], sort=True):
        rows = [
            [dcc.Link(html.Strong(r.id), href=measure_url(r.id)), dcc.Link(r.libelle, href=measure_url(r.id)), f"{getattr(r, other)} — {getattr(r, other + '_libelle')}",
             badge(STATUT_LABELS.get(r.statut, "—"), STATUT_COULEURS.get(r.statut, "#e5e8ec")),
             progress_bar(r.avancement), indicators_text(r.indicateurs, r.taux_indicateurs), date_fr(r.derniere_maj), r.commentaire if isinstance(r.commentaire, str) else "—"]
            for r in group.itertuples(index=False)
        ]
        blocks.append(html.Div(
            [html.H3(f"{key} — {label}"),
             table(["Mesure", "Intitulé", "Chantier" if other == "chantier" else "Levier", "Statut", "Avancement",
                    "Indicateurs", "Dernière mise à jour", "Dernier commentaire"], rows, class_name="tableau mesures")],
            className="mesures-groupe",
        ))
    count = f"{entier(len(frame))} mesure{'s' if len(frame) > 1 else ''} affichée{'s' if len(frame) > 1 else ''} sur {entier(len(warehouse.measures))}."
    reviews = warehouse.measure_reviews
    national = reviews[reviews["region"].isna() & reviews["mesure"].isin(frame["id"])]
    end = max(pd.Timestamp(reviews["date_point"].max()).date(), SINCE) if len(reviews) else SINCE
    segments = status_segments(national, end)
    timeline = timeline_figure(segments, STATUT_LABELS, sorted(frame["id"]), SINCE)
    periods = table(["Mesure", "Statut", "Du", "Au"],
                    [[r.mesure, STATUT_LABELS.get(r.statut, r.statut), date_fr(max(r.debut, SINCE)), date_fr(r.fin)]
                     for r in segments.itertuples(index=False) if r.fin >= SINCE],
                    empty="Aucun point d'étape national pour ces mesures.")
    progress = regional_progress(warehouse, frame["id"].tolist())
    # the France-wide geometry, as on a mesure's page: the overseas régions in boxes beside the mainland
    frames = [frame_id(code) for code in OUTRE_MER if warehouse.exists("departement", code)]
    deployment = deployment_map_figure(progress, geo_url(warehouse, "region", france=True), FRANCE,
                                       regions=list(warehouse.codes("region")), frames=frames)
    regions_rows = [[warehouse.name("region", r.code), f"{r.avancement:.0f} %".replace(".", ","), entier(r.mesures)]
                    for r in progress.sort_values("avancement", ascending=False).itertuples(index=False)]
    regions_table = table([LEVELS["region"].title, "Avancement moyen", "Mesures suivies"], regions_rows,
                          empty="Aucun suivi régional pour ces mesures.")
    if not blocks:
        blocks = [html.P("Aucune mesure ne correspond à ces filtres.", className="vide")]
    return blocks, count, timeline, deployment, regions_table, periods
