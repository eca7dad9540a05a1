"""How the scores are explained in French, once for the commune card and the exports.

The components of each score (columns of ``indicateur_territoire`` with their labels),
the sentence that says how a score is made, and where a territory ranks among its peers.

>>> MATURITY_COMPONENT_COLUMNS["maturite_crte"]
'Couverture et ancienneté du CRTE'
>>> rank_sentence("Brest", "commune", 40.0, [50.0, 30.0, None]).replace("\\xa0", " ")
'Par son score de maturité (40 / 100), Brest se classe 2e sur 3 (elle et ses pairs ayant un score).'
"""

from __future__ import annotations

from atlas.format import score
from atlas.parameters import RunParameters, class_thresholds_text, fragility_labels
from atlas.vocabulary import LEVELS, MATURITY_COMPONENTS

__all__ = [
    "MATURITY_COMPONENT_COLUMNS",
    "fragility_component_columns",
    "maturity_help",
    "FRAGILITY_HELP",
    "rank_among",
    "rank_sentence",
]

#: Components of the maturity score (columns of indicateur_territoire), with their French labels.
MATURITY_COMPONENT_COLUMNS: dict[str, str] = {f"maturite_{k}": label for k, label in MATURITY_COMPONENTS.items()}

#: How the fragility score is made (the card's and the fiche's help text).
FRAGILITY_HELP = ("Chaque composante est un rang parmi les communes de France, de 0 (peu fragile) à 100 "
                  "(très fragile) ; un indicateur absent est ignoré.")


def fragility_component_columns(parameters: RunParameters) -> dict[str, str]:
    """Fragility components (columns of indicateur_territoire) with labels stating the run's numbers."""
    return {f"fragilite_{k}": label for k, label in fragility_labels(parameters).items()}


def maturity_help(parameters: RunParameters) -> str:
    """How the maturity score and its classes are made, with the run's thresholds (no final stop)."""
    return ("Chaque composante vaut de 0 à 100 ; le score de maturité en est la moyenne pondérée. Classes : "
            f"{class_thresholds_text(parameters)}")


def rank_among(own: float | None, others: list[float | None]) -> tuple[int, int] | None:
    """``(rang, sur)``: the place of ``own`` among itself and the scored ``others``, highest first.

    Ties share the better place; None when ``own`` has no score.

    >>> rank_among(40.0, [50.0, 30.0, None, 40.0])
    (2, 4)
    >>> rank_among(None, [50.0]) is None
    True
    """
    if own is None:
        return None
    scored = [s for s in others if s is not None]
    return 1 + sum(1 for s in scored if s > own), len(scored) + 1


def rank_sentence(nom: str, level: str, own: float | None, others: list[float | None]) -> str:
    """Where territory ``nom`` (of ``level``, maturity score ``own``) ranks among its peers' scores."""
    place = rank_among(own, others)
    she = LEVELS[level].feminine
    if place is None:
        return (f"{nom} n'a pas de score de maturité (données insuffisantes) : {'elle' if she else 'il'} "
                f"ne peut pas être {'classée' if she else 'classé'} parmi ses pairs.")
    rang, sur = place
    ordinal = ("1re" if she else "1er") if rang == 1 else f"{rang}e"
    return (f"Par son score de maturité ({score(own)}), {nom} se classe {ordinal} sur {sur} "
            f"({'elle' if she else 'lui'} et ses pairs ayant un score).")
