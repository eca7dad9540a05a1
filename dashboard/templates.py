"""The « Données » page and its downloads: the XLSX template of each input file, blank or
filled with the published data (:mod:`exports.templates`).

``/modeles/<entité>.xlsx`` is the blank template (three example rows);
``/modeles/remplis/<entité>.xlsx`` the same template holding the published rows, the
starting point of an update. Both are built once per worker and data version, and sent
under the file name the ETL expects (``alliances.xlsx``…).
"""

from __future__ import annotations

import threading

from dash import html
from flask import Flask, Response, abort

from atlas.entities import ENTITIES, LIST_SEPARATOR, EntitySpec
from exports.templates import (EXAMPLE_COLUMN, EXAMPLE_MARK, reference_values, render_template, template_name,
                               warehouse_rows)

from .data import Warehouse

__all__ = ["XLSX_MIMETYPE", "template_url", "donnees_layout", "register_templates"]

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_url(spec: EntitySpec, filled: bool = False) -> str:
    """Download URL of the template of ``spec`` (filled with the published data if asked)."""
    return f"/modeles/{'remplis/' if filled else ''}{spec.name}.xlsx"


def _count(counts: dict[str, int], spec: EntitySpec) -> str:
    n = counts.get(spec.name, 0)
    return f"{n:,}".replace(",", "\u202f") + (" ligne" if n <= 1 else " lignes")


def donnees_layout(counts: dict[str, int]) -> html.Div:
    """The page (pure): one row per input file with its two downloads; ``counts`` gives the
    published rows of each entity."""
    items = [
        html.Li([
            html.H3(spec.label),
            html.P(["Fichier attendu : ", html.Code(template_name(spec))]),
            html.P([
                html.A("Modèle vide", href=template_url(spec), download=template_name(spec)),
                " · ",
                html.A(f"Modèle rempli des données publiées ({_count(counts, spec)})",
                       href=template_url(spec, True), download=template_name(spec)),
            ]),
        ])
        for spec in ENTITIES.values()
    ]
    return html.Div(
        [
            html.H1("Données : modèles à remplir"),
            html.P(
                "Chaque fichier de l'Atlas a son modèle de tableur (Excel ou LibreOffice) : une ligne d'en-tête, "
                "des listes déroulantes pour les valeurs permises, les dates et les codes déjà mis en forme, "
                "et une feuille « colonnes » qui explique chaque colonne."
            ),
            html.P("Le modèle rempli des données publiées est le point de départ d'une mise à jour : "
                   "corriger ou ajouter des lignes, puis déposer le fichier."),
            html.Ul(items, id="donnees-modeles", className="modeles"),
            html.H2("Remplir un modèle"),
            html.Ul([
                html.Li(f"Les trois premières lignes, marquées « {EXAMPLE_MARK} » dans la colonne « {EXAMPLE_COLUMN} », "
                        "sont des exemples : elles ne sont jamais chargées. Les supprimer ou les laisser."),
                html.Li("Les colonnes sur fond orangé sont obligatoires. Dates au format JJ/MM/AAAA ; codes INSEE "
                        "et SIREN avec leurs zéros en tête."),
                html.Li(f"Une cellule de liste reçoit plusieurs valeurs séparées par « {LIST_SEPARATOR} » "
                        "(par exemple 12145|12208)."),
                html.Li("Garder le nom du fichier : c'est lui qui dit à l'Atlas ce que le fichier contient."),
            ]),
            html.H2("Déposer les fichiers remplis"),
            html.P(["La page ", html.A("Importer", href="/importer"), " (compte requis) vérifie les fichiers et dit "
                    "ligne par ligne ce qui serait chargé, rejeté et changé ; un administrateur publie ensuite."]),
        ],
        className="page-donnees",
    )


def register_templates(server: Flask, warehouse: Warehouse) -> None:
    """Add the template downloads to ``server`` (rendered once per worker and data version)."""
    cache: dict[tuple[str, str | None], bytes] = {}
    lock = threading.Lock()

    def send(name: str, filled: bool) -> Response:
        spec = ENTITIES.get(name)
        if spec is None:
            abort(404)
        key = (name, warehouse.version if filled else None)
        with lock:
            content = cache.get(key)
            if content is None:
                rows = warehouse.read(lambda cursor: warehouse_rows(cursor, spec)) if filled else None
                references = warehouse.read(reference_values) if filled else None
                content = cache[key] = render_template(spec, rows, references)
        headers = {"Content-Disposition": f'attachment; filename="{template_name(spec)}"',
                   "Cache-Control": "no-store" if filled else "public, max-age=3600"}
        return Response(content, content_type=XLSX_MIMETYPE, headers=headers)

    @server.route("/modeles/<name>.xlsx")
    def blank_template(name: str):
        return send(name, filled=False)

    @server.route("/modeles/remplis/<name>.xlsx")
    def filled_template(name: str):
        return send(name, filled=True)
