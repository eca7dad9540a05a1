"""The ``/sources`` page as a pure function of the last run and the warehouse's demo status:
what the published warehouse was built from (every file read, with its publisher, date,
licence, rows and checksum) and which entities are demonstration data."""

from __future__ import annotations

from dataclasses import astuple

from dash import html

from atlas.provenance import ENTITY_COLUMNS, SOURCE_COLUMNS, DemoStatus, entity_rows, published_text, source_rows

from .components import table

__all__ = ["sources_layout"]


def sources_layout(run: dict | None, status: DemoStatus) -> html.Div:
    """The page: the run's date, what is demo, the entities and the sources (pure)."""
    demo = (
        html.P([html.Strong(f"{status.label()}."), f" Données réelles : {status.real_list()}."], id="sources-demo")
        if status.any else
        html.P("Aucune donnée de démonstration : toutes les données de l'entrepôt sont réelles.", id="sources-demo")
    )
    rows = [list(astuple(r)) for r in source_rows((run or {}).get("sources", []))]
    return html.Div(
        [
            html.H1("Sources des données"),
            html.P(published_text(run), id="sources-publication"),
            demo,
            html.H2("Données par entité"),
            table(list(ENTITY_COLUMNS), entity_rows(status),
                  empty="Aucune donnée des alliances dans cet entrepôt : seulement les limites administratives.",
                  class_name="tableau nombres", caption="Lignes de chaque entité de l'entrepôt publié",
                  row_headers=True, id="sources-entites"),
            html.H2("Fichiers lus par la dernière exécution"),
            table(list(SOURCE_COLUMNS), rows, empty="Aucune source enregistrée pour cette exécution.",
                  class_name="tableau sources", caption="Sources de l'entrepôt publié, dans l'ordre de lecture",
                  row_headers=True, id="sources-fichiers"),
            html.P("Empreinte : les 12 premiers caractères de la somme sha256 du fichier lu. Lignes lues = "
                   "chargées + rejetées ; les rejets et leur raison sont dans la table etl_rejects de l'entrepôt.",
                   className="aide"),
        ],
        className="page-sources",
    )
