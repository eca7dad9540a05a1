"""The mesures_indicateurs file: indicators of the mesures, with an initial value, a current
value and a target, nationally or by région (the Baromètre des résultats de l'action
publique's shape)."""

from __future__ import annotations

from datetime import date

from .common import DEMO
from .spec import ColumnSpec, EntitySpec, RuleSpec

__all__ = ["MESURES_INDICATEURS"]


def _value(name: str, what: str, example: str) -> ColumnSpec:
    return ColumnSpec(name, "float", False, f"{what}, dans l'unité de l'indicateur.", example)


MESURES_INDICATEURS = EntitySpec(
    name="mesures_indicateurs",
    file_stem="mesures_indicateurs",
    label="Indicateurs des mesures",
    description=(
        "Les indicateurs de résultat des mesures : pour chaque indicateur, à une date, la "
        "valeur initiale, la valeur actuelle et la cible, au niveau national (région vide) ou "
        "pour une région. Une ligne par indicateur, région et date."
    ),
    primary_key=("indicateur", "region", "date_valeur"),
    columns=(
        ColumnSpec("mesure", "str", True, "Identifiant de la mesure, tel que dans le fichier mesures.", "M07",
                   references="mesures.id"),
        ColumnSpec("indicateur", "str", True,
                   "Identifiant de l'indicateur, stable d'une livraison à l'autre (celui du Baromètre s'il en a un).",
                   "IND-200"),
        ColumnSpec("libelle", "str", True, "Libellé de l'indicateur ; identique sur toutes ses lignes.",
                   "Départements dotés d'un guichet d'appui aux alliances"),
        ColumnSpec("unite", "str", False, "Unité des valeurs (%, nombre, jours…).", "nombre"),
        ColumnSpec("region", "code_region", False, "Région concernée ; vide pour une valeur nationale.", "53"),
        ColumnSpec("date_valeur", "date", True, "Date à laquelle la valeur actuelle est mesurée.", "2023-10-31",
                   minimum=date(2019, 1, 1)),
        _value("valeur_initiale", "Valeur au lancement de la mesure", "12"),
        _value("valeur_actuelle", "Valeur à la date", "57,5"),
        _value("cible", "Valeur visée", "101"),
        DEMO,
    ),
    rules=(
        RuleSpec("valeur_renseignee", "at_least_one_of", ("valeur_initiale", "valeur_actuelle", "cible"),
                 "aucune des valeurs initiale, actuelle ou cible n'est renseignée"),
        RuleSpec("mesure_unique", "same_value_per_key", ("indicateur", "mesure"),
                 "indicateur déjà rattaché à une autre mesure"),
        RuleSpec("libelle_unique", "same_value_per_key", ("indicateur", "libelle"),
                 "libellé d'indicateur différent de celui déjà lu pour cet indicateur"),
    ),
)
