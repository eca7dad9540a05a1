"""The experimentations file: one row per experiment funded by the Fonds ODD 17."""

from __future__ import annotations

from .common import DEMO, closed_list, id_column, mesure_column
from .spec import ColumnSpec, Condition, EntitySpec, RuleSpec

__all__ = ["EXPERIMENTATIONS"]

EXPERIMENTATIONS = EntitySpec(
    name="experimentations",
    file_stem="experimentations",
    label="Expérimentations du Fonds ODD 17",
    description=(
        "Une ligne par expérimentation financée par le Fonds ODD 17 (ingénierie "
        "d'alliance). Une expérimentation territoriale est localisée par une commune ou "
        "un département ; une expérimentation nationale peut ne pas l'être."
    ),
    primary_key=("id",),
    columns=(
        id_column("EXP-007", "de l'expérimentation"),
        ColumnSpec(
            "intitule",
            "str",
            True,
            "Intitulé de l'expérimentation.",
            "Ingénierie d'alliance pour la mobilité rurale",
        ),
        ColumnSpec(
            "porteur",
            "str",
            True,
            "Structure qui porte l'expérimentation.",
            "Association Territoires en commun",
        ),
        ColumnSpec(
            "echelle",
            "enum",
            True,
            "Échelle de l'expérimentation.",
            "territoriale",
            choices=closed_list(("territoriale", "Territoriale"), ("nationale", "Nationale")),
        ),
        ColumnSpec(
            "commune",
            "code_commune",
            False,
            "Commune où se déroule l'expérimentation (code INSEE).",
            "12145",
        ),
        ColumnSpec(
            "departement",
            "code_departement",
            False,
            "Département de l'expérimentation, si elle n'est pas rattachée à une commune.",
            "12",
        ),
        ColumnSpec(
            "montant",
            "float",
            True,
            "Montant accordé par le fonds, en euros.",
            "80000",
            minimum=0,
            unit="€",
        ),
        ColumnSpec(
            "annee",
            "int",
            True,
            "Année de sélection par le fonds.",
            "2021",
            minimum=2015,
            year=True,
        ),
        ColumnSpec(
            "statut",
            "enum",
            True,
            "Situation de l'expérimentation.",
            "en_cours",
            choices=closed_list(
                ("selectionnee", "Sélectionnée"),
                ("en_cours", "En cours"),
                ("terminee", "Terminée"),
                ("abandonnee", "Abandonnée"),
            ),
        ),
        ColumnSpec(
            "evaluation",
            "enum",
            True,
            "Résultat de l'évaluation.",
            "concluante",
            choices=closed_list(
                ("a_venir", "À venir"),
                ("en_cours", "En cours"),
                ("concluante", "Concluante"),
                ("mitigee", "Mitigée"),
                ("non_concluante", "Non concluante"),
            ),
        ),
        ColumnSpec(
            "commentaire",
            "str",
            False,
            "Synthèse libre de l'évaluation ou de l'avancement.",
            "Essaimage prévu dans deux EPCI voisins.",
        ),
        mesure_column("l'expérimentation"),
        DEMO,
    ),
    rules=(
        RuleSpec(
            "lieu_si_territoriale",
            "at_least_one_of",
            ("commune", "departement"),
            "une expérimentation territoriale doit indiquer une commune ou un département",
            when=Condition("echelle", ("territoriale",)),
        ),
    ),
)
