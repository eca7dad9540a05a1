"""French labels shown to users: levels, map layers, maturity classes, closed lists.

Levels, classes and components come from :mod:`atlas.vocabulary`, closed-list labels from
the input specification (:mod:`atlas.entities`), so the dashboard, the exports and the
documentation never disagree.
"""

from __future__ import annotations

from atlas.entities import ENTITIES
from atlas.vocabulary import LEVELS, MATURITY_LABELS, MATURITY_ORDER_ASCENDING

__all__ = [
    "NIVEAUX",
    "NIVEAU_LABELS",
    "CLASSES",
    "CLASSE_LABELS",
    "COUCHES",
    "COUCHE_LABELS",
    "PROGRAMME_COUNT",
    "PROGRAMME_COUNT_LABEL",
    "choice_label",
    "APP_NAME",
    "page_title",
]

#: The application's name, last part of every page title.
APP_NAME = "Atlas des alliances territoriales"


def page_title(*parts: str) -> str:
    """A document title, from the most specific part to the application's name (read first by
    screen readers and shown in tabs): « Morlaix — commune — Atlas des alliances territoriales »."""
    return " — ".join([*parts, APP_NAME])


#: Levels of the map and of the territory pages, from the largest.
NIVEAUX = tuple(LEVELS)
NIVEAU_LABELS = {code: lv.title_plural for code, lv in LEVELS.items()}

#: Maturity classes, from the least to the most mature, then "not enough data".
CLASSES = MATURITY_ORDER_ASCENDING
CLASSE_LABELS = MATURITY_LABELS

#: Map layers (closed list, checked before any query).
COUCHES = ("maturite", "fragilite", "alliances", "crte", "bivariee", "programmes")
COUCHE_LABELS = {
    "maturite": "Maturité (classes)",
    "fragilite": "Fragilité",
    "alliances": "Alliances pour 10 000 habitants",
    "crte": "Couverture par un CRTE signé",
    "bivariee": "Maturité × fragilité",
    "programmes": "Programmes de l'État",
}

#: Choice of the map's programme selector meaning « the number of programmes per territory »
#: (every other choice is a programme code of the warehouse).
PROGRAMME_COUNT = "nombre"
PROGRAMME_COUNT_LABEL = "Nombre de programmes"

def choice_label(entity: str, column: str, value) -> str:
    """French label of a closed-list value of an input file (the value itself if unknown)."""
    if value is None or value != value:
        return "—"
    return ENTITIES[entity].column(column).label_of(str(value))
