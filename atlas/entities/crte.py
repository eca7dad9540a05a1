"""The CRTE file: one row per contrat de relance et de transition écologique."""

from __future__ import annotations

from datetime import date

from .common import DEMO, closed_list, id_column
from .spec import ColumnSpec, Condition, EntitySpec, RuleSpec

__all__ = ["CRTE"]

CRTE = EntitySpec(
    name="crte",
    file_stem="crte",
    label="Contrats de relance et de transition écologique (CRTE)",
    description=(
        "Une ligne par contrat. Le périmètre est la liste des EPCI signataires, dans la "
        "colonne perimetre_epci (pas de fichier de périmètre séparé). Un EPCI appartient "
        "à un seul CRTE."
    ),
    primary_key=("id",),
    columns=(
        id_column("CRTE-012-03", "du contrat"),
        ColumnSpec(
            "nom",
            "str",
            True,
            "Nom du contrat ou du territoire contractant.",
            "CRTE du Pays de Millau",
        ),
        ColumnSpec(
            "date_signature",
            "date",
            False,
            "Date de signature ; obligatoire dès que le contrat est signé.",
            "2021-12-15",
            minimum=date(2020, 1, 1),
        ),
        ColumnSpec(
            "statut",
            "enum",
            True,
            "Situation du contrat ; « non renseigné » quand la source ne la donne pas (les "
            "fichiers de l'ANCT n'ont pas de colonne de statut).",
            "signe",
            choices=closed_list(
                ("en_preparation", "En préparation"),
                ("signe", "Signé"),
                ("en_renouvellement", "En renouvellement"),
                ("termine", "Terminé"),
                ("non_renseigne", "Non renseigné"),
            ),
        ),
        ColumnSpec(
            "perimetre_epci",
            "list_of:code_epci",
            True,
            "EPCI couverts par le contrat (SIREN), au moins un.",
            "200066637|241200567",
        ),
        DEMO,
    ),
    rules=(
        RuleSpec(
            "date_si_signe",
            "required",
            ("date_signature",),
            "un contrat signé doit avoir une date de signature",
            when=Condition("statut", ("signe", "en_renouvellement", "termine")),
        ),
    ),
)
