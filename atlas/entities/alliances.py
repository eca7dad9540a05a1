"""The alliances file: one row per alliance d'intérêt général."""

from __future__ import annotations

from .common import DEMO, closed_list, id_column, mesure_column
from .spec import ColumnSpec, Condition, EntitySpec, RuleSpec

__all__ = ["ALLIANCES"]

_PARTNER_KINDS = closed_list(
    ("collectivite", "Collectivité"),
    ("association", "Association"),
    ("entreprise", "Entreprise"),
    ("academique", "Acteur académique"),
    ("citoyens", "Initiative citoyenne"),
)

_FORMS = closed_list(
    ("mecenat", "Mécénat"),
    ("pratiques_responsables", "Pratiques responsables"),
    ("cooperation_economique", "Coopération économique"),
    ("innovation_societale", "Innovation sociétale"),
    ("autre", "Autre"),
)

ALLIANCES = EntitySpec(
    name="alliances",
    file_stem="alliances",
    label="Alliances d'intérêt général",
    description=(
        "Une ligne par alliance : un partenariat entre au moins deux types d'acteurs "
        "agissant ensemble sur un besoin local, soit sur une ou plusieurs communes, "
        "soit sur un EPCI entier."
    ),
    primary_key=("id",),
    columns=(
        id_column("AL-00042", "de l'alliance"),
        ColumnSpec(
            "intitule",
            "str",
            True,
            "Intitulé court de l'alliance.",
            "Épicerie solidaire – Millau",
        ),
        ColumnSpec("date_debut", "date", True, "Date de début de l'alliance.", "2019-09-01"),
        ColumnSpec(
            "date_fin",
            "date",
            False,
            "Date de fin, si l'alliance est terminée ou a une échéance ; "
            "pas avant la date de début.",
            "2023-06-30",
        ),
        ColumnSpec(
            "statut",
            "enum",
            True,
            "Situation de l'alliance.",
            "active",
            choices=closed_list(
                ("en_preparation", "En préparation"),
                ("active", "Active"),
                ("suspendue", "Suspendue"),
                ("terminee", "Terminée"),
            ),
        ),
        ColumnSpec(
            "communes",
            "list_of:code_commune",
            False,
            "Communes où agit l'alliance (codes INSEE). "
            "À remplir si l'alliance n'agit pas sur un EPCI entier.",
            "12145|12208",
        ),
        ColumnSpec(
            "epci",
            "code_epci",
            False,
            "EPCI sur lequel agit l'alliance (SIREN). À remplir si la colonne communes est vide.",
            "200066637",
        ),
        ColumnSpec(
            "types_partenaires",
            "list_of:enum",
            True,
            "Types d'acteurs engagés dans l'alliance : au moins deux types différents.",
            "association|entreprise|collectivite",
            choices=_PARTNER_KINDS,
        ),
        ColumnSpec(
            "forme",
            "enum",
            True,
            "Forme principale de la relation entre les partenaires.",
            "mecenat",
            choices=_FORMS,
        ),
        ColumnSpec(
            "odd",
            "list_of:int",
            False,
            "Objectifs de développement durable servis (numéros 1 à 17).",
            "2|10|17",
            minimum=1,
            maximum=17,
        ),
        ColumnSpec(
            "budget",
            "float",
            False,
            "Budget annuel de l'alliance, en euros.",
            "45000",
            minimum=0,
            unit="€",
        ),
        mesure_column("l'alliance"),
        DEMO,
    ),
    rules=(
        RuleSpec(
            "deux_types_partenaires",
            "min_distinct",
            ("types_partenaires",),
            "une alliance réunit au moins deux types de partenaires différents",
            value=2,
        ),
        RuleSpec(
            "communes_ou_epci",
            "exactly_one_of",
            ("communes", "epci"),
            "renseigner soit les communes, soit l'EPCI (l'un des deux, pas les deux)",
        ),
        RuleSpec(
            "fin_apres_debut",
            "not_before",
            ("date_fin", "date_debut"),
            "la date de fin précède la date de début",
        ),
        RuleSpec(
            "fin_si_terminee",
            "required",
            ("date_fin",),
            "une alliance terminée doit avoir une date de fin",
            when=Condition("statut", ("terminee",)),
        ),
    ),
)
