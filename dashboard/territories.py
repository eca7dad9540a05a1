"""The table of the territories the map shows: the keyboard and screen-reader path to what
the map does (each territory's value and class, its card, and the drill-down a click on its
shape performs). No Dash callback here (see ``pages/accueil.py``).

The server sends the rows as plain values (a few dozen bytes a row, even for the 890
communes of a département); ``assets/tableaux.js`` builds the table in the browser.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .annees import year_frame, year_text
from .data import Warehouse
from .figures.carte import BIVARIEE_LABELS
from atlas.format import decimal, entier, pourcentage, score
from atlas.vocabulary import LEVELS
from .labels import CLASSE_LABELS, COUCHE_LABELS
from .mapstate import MapState
from .mapview import cuts_for

__all__ = ["MAX_ROWS", "visible_territories", "territory_rows"]

#: Beyond this many territories (France by commune) the table is not built: the map's
#: drill-down, the search and the smaller scales lead to them.
MAX_ROWS = 1500
#: Levels that have a card of their own.
_CARDS = ("commune", "departement", "region")
_VALUE = {
    "maturite": ("maturite_score", score),
    "fragilite": ("fragilite_score", score),
    "alliances": ("alliances_pour_10000", lambda v: decimal(v, 2)),
    "crte": ("crte_couverture", pourcentage),
}


def visible_territories(state: MapState, warehouse: Warehouse) -> pd.DataFrame:
    """The indicators of the territories of ``state.level`` the map shows (indexed by code); with
    a year (maturity layer), the maturity score and class at 31 December of that year."""
    frame = warehouse.indicators(state.level)
    if state.annee is not None and state.couche == "maturite":
        past = year_frame(warehouse, state.level, state.annee)
        frame = frame.drop(columns=["maturite_score", "maturite_classe"]).join(past[["maturite_score", "maturite_classe"]])
    if state.departement:
        return frame[frame["departement"] == state.departement]
    if state.region:
        return frame[frame["region"] == state.region]
    if state.vue != "metropole":
        if state.level == "region":
            return frame[frame.index == warehouse.territory("departement", state.vue)["region"]]
        return frame[frame["departement"] == state.vue]
    return frame


def _values(frame: pd.DataFrame, couche: str, cuts: dict) -> tuple[list[str], list[float | None]]:
    """The shown value of ``couche`` for each row, and the number it sorts by (None: no value)."""
    if couche == "bivariee":
        m, f = frame["maturite_score"].to_numpy(dtype=float), frame["fragilite_score"].to_numpy(dtype=float)
        known = ~(np.isnan(m) | np.isnan(f))
        index = 3 * np.digitize(m, cuts["maturite_score"]) + np.digitize(f, cuts["fragilite_score"])
        return ([BIVARIEE_LABELS[i] if k else "—" for i, k in zip(index, known)],
                [int(i) if k else None for i, k in zip(index, known)])
    column, show = _VALUE[couche]
    values = frame[column].to_numpy(dtype=float)
    return [show(v) for v in values], [None if np.isnan(v) else round(float(v), 6) for v in values]


def territory_rows(state: MapState, warehouse: Warehouse) -> dict:
    """What the table of the territories ``state`` shows, as plain values for the browser.

    ``titre``, ``aide``; then either ``message`` (too many territories) or ``colonnes``
    (labels; the third is numeric; a fifth when the rows drill down), ``legende`` (caption), ``cle`` (changes with the rows)
    and ``lignes``: code, name, card address (or None), shown value, sort value, class label,
    drill-down address and its label (or None).
    """
    level = LEVELS[state.level]
    frame = visible_territories(state, warehouse).sort_index()
    title = f"{level.title_plural} affichées" if level.feminine else f"{level.title_plural} affichés"
    when = f" au {year_text(state.annee)}" if state.annee is not None and state.couche == "maturite" else ""
    if when:
        title += f" — maturité{when}"
    if len(frame) > MAX_ROWS:
        return {"titre": title, "message": (
            f"La carte montre {entier(len(frame))} {level.plural} : choisissez une région ou un département (par la "
            "carte, le tableau d'une échelle plus large ou la recherche) pour en afficher le tableau.")}
    cuts = cuts_for(warehouse, state.level) if state.couche == "bivariee" else {}
    shown, sort_keys = _values(frame, state.couche, cuts)
    rows = []
    for code, nom, classe, value, key in zip(frame.index.astype(str), frame["nom"], frame["maturite_classe"],
                                             shown, sort_keys):
        drilled = state.drill(code, warehouse)
        down = (drilled.to_fragment(), f"Afficher sur la carte : {LEVELS[drilled.level].plural} de {nom}",
                LEVELS[drilled.level].title_plural) if drilled != state else (None, None, None)
        rows.append([code, nom, f"/{state.level}/{code}" if state.level in _CARDS else None, value, key,
                     CLASSE_LABELS.get(classe, "—") if isinstance(classe, str) else "—", *down])
    value_label = "Score de maturité" if state.couche == "maturite" else COUCHE_LABELS[state.couche]
    short = f" ({state.annee})" if when else ""
    drills = any(row[6] for row in rows)  # a column « Sur la carte » only when a click would drill down
    return {
        "titre": title,
        "aide": "Les territoires de la carte, avec leur valeur et leur classe ; " + (
            "le nom ouvre la fiche, la dernière colonne descend d'un niveau comme un clic sur la carte."
            if drills else "le nom ouvre la fiche.") + " Les en-têtes trient le tableau.",
        "legende": f"{level.title_plural} de la carte : {COUCHE_LABELS[state.couche]}{when}",
        "colonnes": ["Code", "Nom", value_label + short, "Classe de maturité" + short] + (["Sur la carte"] if drills else []),
        "cle": state.to_fragment(),
        "lignes": rows,
    }
