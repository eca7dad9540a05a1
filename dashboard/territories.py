"""The table of the territories the map shows: the keyboard and screen-reader path to what
the map does (each territory's values and class, its card, and the drill-down a click on
its shape performs). No Dash callback here (see ``pages/accueil.py``)."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from .components import sortable_table
from .data import Warehouse
from .figures.carte import BIVARIEE_LABELS
from atlas.format import decimal, entier, pourcentage, score
from atlas.vocabulary import LEVELS
from .labels import CLASSE_LABELS, COUCHE_LABELS
from .mapstate import MapState
from .mapview import cuts_for

__all__ = ["MAX_ROWS", "visible_territories", "territory_table"]

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
    """The indicators of the territories of ``state.level`` the map shows (indexed by code)."""
    frame = warehouse.indicators(state.level)
    if state.departement:
        return frame[frame["departement"] == state.departement]
    if state.region:
        return frame[frame["region"] == state.region]
    if state.vue != "metropole":
        if state.level == "region":
            return frame[frame.index == warehouse.territory("departement", state.vue)["region"]]
        return frame[frame["departement"] == state.vue]
    return frame


def _value(row, couche: str, cuts: dict) -> tuple[str, float | str | None]:
    if couche == "bivariee":
        m, f = row.maturite_score, row.fragilite_score
        if pd.isna(m) or pd.isna(f):
            return "—", None
        index = 3 * sum(m >= c for c in cuts["maturite_score"]) + sum(f >= c for c in cuts["fragilite_score"])
        return BIVARIEE_LABELS[index], index
    column, show = _VALUE[couche]
    value = getattr(row, column)
    return show(value), None if pd.isna(value) else float(value)


def _name(level: str, code: str, nom: str):
    return dcc.Link(nom, href=f"/{level}/{code}") if level in _CARDS else nom


def territory_table(state: MapState, warehouse: Warehouse) -> list:
    """A heading, a short help and the sortable table of the territories ``state`` shows."""
    level = LEVELS[state.level]
    frame = visible_territories(state, warehouse).sort_index()
    title = html.H2(f"{level.title_plural} affichées" if level.feminine else f"{level.title_plural} affichés",
                    id="carte-territoires-titre")
    if len(frame) > MAX_ROWS:
        return [title, html.P(f"La carte montre {entier(len(frame))} {level.plural} : choisissez une région ou un "
                              "département (par la carte, le tableau d'une échelle plus large ou la recherche) pour "
                              "en afficher le tableau.", className="aide")]
    cuts = cuts_for(warehouse, state.level) if state.couche == "bivariee" else {}
    rows = []
    for row in frame.itertuples():
        code = str(row.Index)
        drilled = state.drill(code, warehouse)
        classe = row.maturite_classe if isinstance(row.maturite_classe, str) else None
        rows.append([
            (code, code),
            (_name(state.level, code, row.nom), row.nom),
            _value(row, state.couche, cuts),
            (CLASSE_LABELS.get(classe, "—"), CLASSE_LABELS.get(classe, "")),
            (html.A(f"{LEVELS[drilled.level].title_plural}", href=drilled.to_fragment(),
                    **{"aria-label": f"Afficher sur la carte : {LEVELS[drilled.level].plural} de {row.nom}"})
             if drilled != state else "—", ""),
        ])
    value_label = "Score de maturité" if state.couche == "maturite" else COUCHE_LABELS[state.couche]
    columns = [("Code", False), ("Nom", False), (value_label, True),
               ("Classe de maturité", False), ("Sur la carte", False)]
    return [
        title,
        html.P("Les territoires de la carte, avec leur valeur et leur classe ; le nom ouvre la fiche, la dernière "
               "colonne descend d'un niveau comme un clic sur la carte. Les en-têtes trient le tableau.", className="aide"),
        sortable_table(columns, rows, caption=f"{level.title_plural} de la carte : {COUCHE_LABELS[state.couche]}",
                       key=state.to_fragment()),
    ]
