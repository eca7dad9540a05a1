"""Column declarations shared by the input files: the ``id`` column, the demo flag, closed lists."""

from __future__ import annotations

from .spec import DEMO_COLUMN, Choice, ColumnSpec

__all__ = ["DEMO", "closed_list", "id_column", "mesure_column"]


def closed_list(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    """The choices of a closed list from ``(value, label)`` pairs, in that order."""
    return tuple(Choice(value, label) for value, label in pairs)


def id_column(example: str, what: str) -> ColumnSpec:
    """The required ``id`` column of an entity; ``what`` completes « Identifiant unique … »."""
    return ColumnSpec(
        "id",
        "str",
        True,
        f"Identifiant unique {what}, stable d'une livraison à l'autre.",
        example,
    )


def mesure_column(what: str) -> ColumnSpec:
    """The optional ``mesure`` column linking a row to mesures of the roadmap; ``what``
    completes « Mesures de la feuille de route auxquelles … contribue »."""
    return ColumnSpec(
        "mesure",
        "list_of:str",
        False,
        f"Mesures de la feuille de route auxquelles {what} contribue (identifiants du fichier "
        "mesures). Colonne facultative.",
        "M07",
        references="mesures.id",
    )


#: The optional demonstration flag every file ends with (:data:`DEMO_COLUMN`).
DEMO = ColumnSpec(
    DEMO_COLUMN,
    "bool",
    False,
    "Vrai pour une ligne de démonstration (jeu généré) ; les tableaux de bord et les exports "
    "l'affichent alors comme « données de démonstration ». Vide = faux.",
    "true",
    default="false",
)
