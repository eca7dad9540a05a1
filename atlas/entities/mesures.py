"""The mesures file (the 21 measures of the roadmap) and mesures_suivi (their dated progress)."""

from __future__ import annotations

from datetime import date

from .common import DEMO, closed_list, id_column
from .spec import ColumnSpec, EntitySpec, RuleSpec

__all__ = ["MESURES", "MESURES_SUIVI"]

_CHANTIERS = closed_list(
    ("C1", "Chantier 1"),
    ("C2", "Chantier 2"),
    ("C3", "Chantier 3"),
    ("C4", "Chantier 4"),
)
_LEVIERS = closed_list(*[(f"L{i}", f"Levier {i}") for i in range(1, 8)])

MESURES = EntitySpec(
    name="mesures",
    file_stem="mesures",
    label="Référentiel des 21 mesures",
    description=(
        "Le référentiel des mesures de la feuille de route : une ligne par mesure, "
        "rattachée à l'un des 4 chantiers et à l'un des 7 leviers de déploiement. Les "
        "codes de chantier et de levier sont fixes ; leurs libellés sont des données."
    ),
    primary_key=("id",),
    columns=(
        id_column("M07", "de la mesure"),
        ColumnSpec(
            "libelle",
            "str",
            True,
            "Libellé de la mesure.",
            "Créer un guichet d'appui aux alliances dans chaque département",
        ),
        ColumnSpec(
            "chantier",
            "enum",
            True,
            "Code du chantier structurant (C1 à C4).",
            "C2",
            choices=_CHANTIERS,
        ),
        ColumnSpec(
            "chantier_libelle",
            "str",
            True,
            "Libellé du chantier ; identique sur toutes les lignes d'un même chantier.",
            "Outiller les acteurs des territoires",
        ),
        ColumnSpec(
            "levier",
            "enum",
            True,
            "Code du levier de déploiement (L1 à L7).",
            "L4",
            choices=_LEVIERS,
        ),
        ColumnSpec(
            "levier_libelle",
            "str",
            True,
            "Libellé du levier ; identique sur toutes les lignes d'un même levier.",
            "Animation des réseaux territoriaux",
        ),
        DEMO,
    ),
    rules=(
        RuleSpec(
            "libelle_chantier_unique",
            "same_value_per_key",
            ("chantier", "chantier_libelle"),
            "libellé de chantier différent de celui déjà lu pour ce chantier",
        ),
        RuleSpec(
            "libelle_levier_unique",
            "same_value_per_key",
            ("levier", "levier_libelle"),
            "libellé de levier différent de celui déjà lu pour ce levier",
        ),
    ),
)

MESURES_SUIVI = EntitySpec(
    name="mesures_suivi",
    file_stem="mesures_suivi",
    label="Suivi des mesures",
    description=(
        "Les points d'étape datés de chaque mesure : statut, avancement et commentaire, "
        "au niveau national (région vide) ou pour une région. Une ligne par mesure, date "
        "et région."
    ),
    primary_key=("mesure", "date_point", "region"),
    columns=(
        ColumnSpec(
            "mesure",
            "str",
            True,
            "Identifiant de la mesure, tel que dans le fichier mesures.",
            "M07",
            references="mesures.id",
        ),
        ColumnSpec(
            "date_point",
            "date",
            True,
            "Date du point d'étape.",
            "2021-06-30",
            minimum=date(2019, 1, 1),
        ),
        ColumnSpec(
            "statut",
            "enum",
            True,
            "Statut de la mesure à cette date.",
            "en_cours",
            choices=closed_list(
                ("non_demarree", "Non démarrée"),
                ("en_cours", "En cours"),
                ("realisee", "Réalisée"),
                ("suspendue", "Suspendue"),
                ("abandonnee", "Abandonnée"),
            ),
        ),
        ColumnSpec(
            "avancement",
            "int",
            True,
            "Avancement estimé, en pourcentage (0 à 100).",
            "45",
            minimum=0,
            maximum=100,
            unit="%",
        ),
        ColumnSpec(
            "region",
            "code_region",
            False,
            "Région concernée ; vide pour un point d'étape national.",
            "76",
        ),
        ColumnSpec(
            "commentaire",
            "str",
            False,
            "Commentaire libre du point d'étape.",
            "Point d'étape à un an : trois régions pilotes engagées.",
        ),
        DEMO,
    ),
)
