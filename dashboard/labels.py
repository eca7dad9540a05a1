"""French labels shown to users: levels, map layers, maturity classes, closed lists.

Closed-list labels come from the input specification (``etl.domain.schemas``) so the
dashboard and the documentation never disagree.
"""

from __future__ import annotations

from etl.domain.schemas import ENTITIES, FRAGILITY_INDICATORS
from etl.scores.config import MATURITY_CLASSES

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
NIVEAUX = ("region", "departement", "epci", "commune")
NIVEAU_LABELS = {
    "region": "Régions",
    "departement": "Départements",
    "epci": "EPCI",
    "commune": "Communes",
}

#: Maturity classes, from the least to the most mature, then "not enough data".
CLASSES = ("en_questionnement", "premiers_pas", "actif", "pionnier", "donnees_insuffisantes")
CLASSE_LABELS = dict(MATURITY_CLASSES)

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
MATURITE_COMPOSANTES = {
    "maturite_alliances": "Alliances pour 10 000 habitants",
    "maturite_diversite": "Diversité des partenaires et des formes",
    "maturite_recence": "Alliances en cours ou récentes",
    "maturite_crte": "Couverture et ancienneté du CRTE",
    "maturite_experimentations": "Expérimentations du Fonds ODD 17 à proximité",
    "maturite_catalyseurs": "Présence ou proximité d'un catalyseur",
}
FRAGILITE_COMPOSANTES = {
    "fragilite_densite": "Faible densité de population",
    "fragilite_population": "Petite population",
    "fragilite_isolement": "Isolement (distance à un pôle de 10 000 habitants)",
    **{f"fragilite_{code}": spec.label for code, spec in FRAGILITY_INDICATORS.items()},
}


def choice_label(entity: str, column: str, value) -> str:
    """French label of a closed-list value of an input file (the value itself if unknown)."""
    if value is None or value != value:
        return "—"
    return ENTITIES[entity].column(column).label_of(str(value))
