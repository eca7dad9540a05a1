"""The catalyseurs file: one row per catalyseur territorial of the network."""

from __future__ import annotations

from .common import DEMO, closed_list, id_column, mesure_column
from .spec import ColumnSpec, EntitySpec, RuleSpec

__all__ = ["CATALYSEURS"]

CATALYSEURS = EntitySpec(
    name="catalyseurs",
    file_stem="catalyseurs",
    label="Catalyseurs territoriaux",
    description=(
        "Une ligne par catalyseur territorial du réseau des pionniers des alliances en "
        "territoire : sa commune d'implantation, éventuellement ses coordonnées, et le "
        "territoire qu'il couvre (réunion des communes, EPCI et départements indiqués), "
        "éventuellement son contact."
    ),
    primary_key=("id",),
    columns=(
        id_column("CAT-0101", "du catalyseur"),
        ColumnSpec(
            "nom",
            "str",
            True,
            "Nom de la structure.",
            "Maison des coopérations du Sud-Aveyron",
        ),
        ColumnSpec(
            "type_structure",
            "enum",
            True,
            "Nature juridique ou type de la structure.",
            "association",
            choices=closed_list(
                ("association", "Association"),
                ("collectivite", "Collectivité"),
                ("entreprise", "Entreprise"),
                ("fondation", "Fondation"),
                ("etablissement_public", "Établissement public"),
                ("academique", "Établissement académique"),
                ("tiers_lieu", "Tiers-lieu"),
                ("autre", "Autre"),
            ),
        ),
        ColumnSpec(
            "commune",
            "code_commune",
            True,
            "Commune d'implantation (code INSEE).",
            "12208",
        ),
        ColumnSpec(
            "latitude",
            "float",
            False,
            "Latitude WGS84 en degrés décimaux ; à défaut, le centre de la commune est utilisé.",
            "43.9481",
            minimum=-22.0,
            maximum=52.0,
        ),
        ColumnSpec(
            "longitude",
            "float",
            False,
            "Longitude WGS84 en degrés décimaux ; à renseigner avec la latitude.",
            "2.8897",
            minimum=-63.0,
            maximum=57.0,
        ),
        ColumnSpec(
            "territoire_communes",
            "list_of:code_commune",
            False,
            "Communes couvertes (codes INSEE).",
            "12208|12145|12225",
        ),
        ColumnSpec(
            "territoire_epci",
            "list_of:code_epci",
            False,
            "EPCI couverts (SIREN).",
            "200066637",
        ),
        ColumnSpec(
            "territoire_departements",
            "list_of:code_departement",
            False,
            "Départements couverts.",
            "12|81",
        ),
        ColumnSpec(
            "annee_adhesion",
            "int",
            True,
            "Année d'entrée dans le réseau (créé en 2014).",
            "2016",
            minimum=2014,
            year=True,
        ),
        ColumnSpec(
            "email",
            "str",
            False,
            "Adresse électronique de contact de la structure.",
            "contact@cooperations-sud-aveyron.fr",
        ),
        ColumnSpec(
            "telephone",
            "str",
            False,
            "Téléphone de contact, tel qu'il doit s'afficher.",
            "05 65 00 00 00",
        ),
        ColumnSpec(
            "site",
            "str",
            False,
            "Site internet de la structure (adresse complète).",
            "https://cooperations-sud-aveyron.fr",
        ),
        mesure_column("le catalyseur"),
        DEMO,
    ),
    rules=(
        RuleSpec(
            "coordonnees_completes",
            "all_or_none",
            ("latitude", "longitude"),
            "latitude et longitude vont ensemble : renseigner les deux ou aucune",
        ),
        RuleSpec(
            "territoire_couvert",
            "at_least_one_of",
            ("territoire_communes", "territoire_epci", "territoire_departements"),
            "indiquer le territoire couvert : communes, EPCI ou départements",
        ),
    ),
)
