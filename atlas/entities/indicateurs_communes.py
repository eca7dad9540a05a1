"""The optional indicateurs file: numeric values by commune, indicator and year."""

from __future__ import annotations

from .common import DEMO
from .indicateurs import INDICATEURS
from .spec import Choice, ColumnSpec, Condition, EntitySpec, RuleSpec

__all__ = ["INDICATEURS_COMMUNES"]

INDICATEURS_COMMUNES = EntitySpec(
    name="indicateurs",
    file_stem="indicateurs",
    label="Indicateurs communaux",
    description=(
        "Fichier facultatif : valeurs numériques par commune, indicateur et année, "
        "utilisées par l'indice de fragilité. Seuls les indicateurs de la liste sont acceptés."
    ),
    primary_key=("commune", "indicateur", "annee"),
    columns=(
        ColumnSpec("commune", "code_commune", True, "Commune (code INSEE).", "12208"),
        ColumnSpec(
            "indicateur",
            "enum",
            True,
            "Code de l'indicateur.",
            "taux_pauvrete",
            choices=tuple(Choice(s.code, s.label) for s in INDICATEURS.values()),
        ),
        ColumnSpec(
            "annee",
            "int",
            True,
            "Année de référence de la valeur.",
            "2021",
            year=True,
        ),
        ColumnSpec(
            "valeur",
            "float",
            True,
            "Valeur, dans l'unité de l'indicateur (bornes propres à chaque indicateur).",
            "14,2",
        ),
        DEMO,
    ),
    rules=(
        RuleSpec(
            "valeur_dans_les_bornes",
            "bounds_from_indicator",
            ("valeur", "indicateur"),
            "valeur hors des bornes de l'indicateur",
        ),
    ),
    additive_when=Condition("indicateur", tuple(s.code for s in INDICATEURS.values() if s.additive)),
)
