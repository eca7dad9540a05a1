"""French labels shown to users: levels, map layers, maturity classes, closed lists.

Levels, classes and components come from :mod:`atlas.vocabulary`, closed-list labels from
the input specification (:mod:`atlas.entities`), so the dashboard, the exports and the
documentation never disagree.
"""

from __future__ import annotations

from atlas.entities import ENTITIES
from atlas.vocabulary import (
    FRAGILITY_BASE_LABELS, FRAGILITY_INDICATORS, LEVELS, MATURITY_COMPONENTS, MATURITY_LABELS, MATURITY_ORDER_ASCENDING,
)

__all__ = [
    "NIVEAUX",
    "NIVEAU_LABELS",
    "CLASSES",
    "CLASSE_LABELS",
    "COUCHES",
    "COUCHE_LABELS",
    "MATURITE_COMPOSANTES",
    "FRAGILITE_COMPOSANTES",
    "choice_label",
]

#: Levels of the map and of the territory pages, from the largest.
NIVEAUX = tuple(LEVELS)
NIVEAU_LABELS = {code: lv.title_plural for code, lv in LEVELS.items()}

#: Maturity classes, from the least to the most mature, then "not enough data".
CLASSES = MATURITY_ORDER_ASCENDING
CLASSE_LABELS = MATURITY_LABELS

#: Map layers (closed list, checked before any query).
COUCHES = ("maturite", "fragilite", "alliances", "crte", "bivariee")
COUCHE_LABELS = {
    "maturite": "Maturité (classes)",
    "fragilite": "Fragilité",
    "alliances": "Alliances pour 10 000 habitants",
    "crte": "Couverture par un CRTE signé",
    "bivariee": "Maturité × fragilité",
}

#: Components of the scores, with their French labels (columns of indicateur_territoire).
MATURITE_COMPOSANTES = {f"maturite_{k}": label for k, label in MATURITY_COMPONENTS.items()}
FRAGILITE_COMPOSANTES = {
    **{f"fragilite_{k}": label.format(seuil_pole_habitants="10\u202f000") for k, label in FRAGILITY_BASE_LABELS.items()},
    **{f"fragilite_{code}": spec.label for code, spec in FRAGILITY_INDICATORS.items()},
}


def choice_label(entity: str, column: str, value) -> str:
    """French label of a closed-list value of an input file (the value itself if unknown)."""
    if value is None or value != value:
        return "—"
    return ENTITIES[entity].column(column).label_of(str(value))
