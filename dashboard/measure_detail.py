"""One mesure, as the /mesures/<id> page shows it: identity, latest national status,
history of its points d'étape and its deployment by région over time (no Dash callback here).

:func:`measure_view` reads everything once (from the warehouse frames each worker keeps
in memory); the other functions are pure functions of that view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from atlas.format import decimal, entier

__all__ = ["MeasureView", "measure_view", "deployment_dates", "deployment_at", "deployment_matrix",
           "latest_indicators", "rate_note", "value_text", "RATE_EXPLANATION"]

#: How the progress rate of an indicator reads (the computation is in queries/core/mesure_indicateur.sql).
RATE_EXPLANATION = (
    "Taux d'avancement = (valeur actuelle − valeur initiale) / (cible − valeur initiale), borné entre 0 % et "
    "100 % : 100 % quand la cible est atteinte ou dépassée, 0 % quand la valeur s'est éloignée de la cible. "
    "Il n'est pas calculable quand une valeur manque ou quand la cible est égale à la valeur initiale."
)


@dataclass(frozen=True)
class MeasureView:
    """A mesure of the referential, its national history and its regional reviews."""

    id: str
    libelle: str
    chantier: str
    chantier_libelle: str
    levier: str
    levier_libelle: str
    demo: bool
    #: National points d'étape in date order: date_point, statut, avancement, commentaire.
    history: pd.DataFrame
    #: Regional points d'étape in date order: region, region_nom, date_point, statut, avancement, commentaire.
    regional: pd.DataFrame
    #: The dates the deployment map and table show (see :func:`deployment_dates`).
    dates: tuple[dt.date, ...]
    #: Values of its indicators (app/mesures_indicateurs rows), national and regional.
    indicators: pd.DataFrame

    @property
    def latest(self) -> dict | None:
        """The last national point d'étape (statut, avancement, date_point, commentaire), if any."""
        return None if self.history.empty else self.history.iloc[-1].to_dict()


def _as_date(value) -> dt.date:
    return pd.Timestamp(value).date()


def deployment_dates(regional: pd.DataFrame, end: dt.date) -> tuple[dt.date, ...]:
    """The 30 June and 31 December from the first regional point d'étape on, then ``end``.

    >>> frame = pd.DataFrame({"date_point": [pd.Timestamp("2021-03-10"), pd.Timestamp("2022-02-01")]})
    >>> [d.isoformat() for d in deployment_dates(frame, dt.date(2022, 8, 1))]
    ['2021-06-30', '2021-12-31', '2022-06-30', '2022-08-01']
    >>> deployment_dates(frame.iloc[:0], dt.date(2022, 8, 1))
    ()
    """
    if regional.empty:
        return ()
    first = min(_as_date(d) for d in regional["date_point"])
    dates = []
    for year in range(first.year, end.year + 1):
        for month, day in ((6, 30), (12, 31)):
            when = dt.date(year, month, day)
            if first <= when < end:
                dates.append(when)
    return (*dates, end)


def deployment_at(regional: pd.DataFrame, when: dt.date) -> pd.DataFrame:
    """Per région, the latest point d'étape on or before ``when``: code, nom, statut, avancement.

    A région whose first point d'étape comes later is not in the result (not yet followed).
    """
    dates = pd.to_datetime(regional["date_point"])
    known = regional[dates <= pd.Timestamp(when)].sort_values("date_point")
    latest = known.groupby("region", sort=True).tail(1).sort_values("region")
    return pd.DataFrame({
        "code": latest["region"].astype(str).tolist(),
        "nom": latest["region_nom"].tolist(),
        "statut": latest["statut"].tolist(),
        "avancement": latest["avancement"].astype(float).tolist(),
    })


def deployment_matrix(regional: pd.DataFrame, dates) -> pd.DataFrame:
    """Région × date table of the progress (%) known at each date (NaN before the first point).

    Index: région code; a ``nom`` column, then one column per date (ISO text).
    """
    regions = regional.drop_duplicates("region").set_index("region")["region_nom"].sort_index()
    out = pd.DataFrame({"nom": regions})
    for when in dates:
        state = deployment_at(regional, when).set_index("code")["avancement"]
        out[when.isoformat()] = state.reindex(out.index)
    return out


def measure_view(warehouse, mesure_id) -> MeasureView | None:
    """The view of mesure ``mesure_id``; None when the referential has no such mesure."""
    measures = warehouse.measures
    if not isinstance(mesure_id, str) or mesure_id not in set(measures["id"]):
        return None
    row = measures[measures["id"] == mesure_id].iloc[0]
    reviews = warehouse.measure_reviews
    own = reviews[reviews["mesure"] == mesure_id].sort_values("date_point", kind="stable")
    history = own[own["region"].isna()][["date_point", "statut", "avancement", "commentaire"]].reset_index(drop=True)
    regional = own[own["region"].notna()][
        ["region", "region_nom", "date_point", "statut", "avancement", "commentaire"]].reset_index(drop=True)
    end = _as_date(reviews["date_point"].max()) if len(reviews) else dt.date.today()
    return MeasureView(
        id=mesure_id, libelle=row["libelle"], chantier=row["chantier"], chantier_libelle=row["chantier_libelle"],
        levier=row["levier"], levier_libelle=row["levier_libelle"], demo=bool(row["demo"]),
        history=history, regional=regional, dates=deployment_dates(regional, end),
        indicators=warehouse.measure_indicators[warehouse.measure_indicators["mesure"] == mesure_id],
    )


def latest_indicators(values: pd.DataFrame, regional: bool = False) -> pd.DataFrame:
    """The latest value of each indicator: national ones, or (``regional``) one per indicator and région."""
    part = values[values["region"].notna() if regional else values["region"].isna()]
    keys = ["indicateur", "region"] if regional else ["indicateur"]
    return part.sort_values("date_valeur", kind="stable").groupby(keys, sort=True).tail(1).sort_values(keys)


def rate_note(row) -> str:
    """Why a progress rate reads as it does: « cible dépassée », « non calculable : … » or ``""``.

    >>> rate_note({"taux_brut": 1.2, "valeur_initiale": 0, "valeur_actuelle": 6, "cible": 5})
    'cible dépassée'
    >>> rate_note({"taux_brut": None, "valeur_initiale": 5, "valeur_actuelle": 6, "cible": 5})
    'non calculable : la cible est égale à la valeur initiale'
    >>> rate_note({"taux_brut": None, "valeur_initiale": None, "valeur_actuelle": 6, "cible": 5})
    'non calculable : valeur initiale, actuelle ou cible manquante'
    >>> rate_note({"taux_brut": -0.5, "valeur_initiale": 5, "valeur_actuelle": 4, "cible": 7})
    'éloignée de la cible'
    """
    raw = row["taux_brut"]
    if raw is None or raw != raw:
        values = [row["valeur_initiale"], row["valeur_actuelle"], row["cible"]]
        if any(v is None or v != v for v in values):
            return "non calculable : valeur initiale, actuelle ou cible manquante"
        return "non calculable : la cible est égale à la valeur initiale"
    if raw > 1:
        return "cible dépassée"
    if raw < 0:
        return "éloignée de la cible"
    return ""


def value_text(value, unit) -> str:
    """A value in its unit: ``57.5, "%"`` -> ``57,5 %``; whole numbers without decimals.

    >>> value_text(5000.0, "élus"), value_text(57.5, "%"), value_text(None, "%")
    ('5\u202f000 élus', '57,5 %', '—')
    """
    if value is None or value != value:
        return "—"
    number = entier(value) if float(value).is_integer() else decimal(value, 1)
    return f"{number} {unit}" if isinstance(unit, str) and unit else number
