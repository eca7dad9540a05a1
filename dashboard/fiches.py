"""Blocks shared by the territory cards (commune, département, région).

Pure functions of what :mod:`dashboard.views` read: no block reads the warehouse.
"""

from __future__ import annotations

from dash import dcc, html

from .components import chart, class_badge, kv, section, table
from .figures.fiche import comparison_figure
from atlas.format import decimal, entier, is_missing, pourcentage, score
from atlas.explain import FRAGILITY_HELP, MATURITY_COMPONENT_COLUMNS, fragility_component_columns, maturity_help
from atlas.parameters import RunParameters
from atlas.vocabulary import INDICATORS, SECRET_LABEL, indicator_source_label
from .views import Activity, IndicatorValue

__all__ = ["scores_block", "components_block", "export_block", "activity_block", "population_items",
           "indicators_block", "indicator_text"]

#: Units whose values are counts or euros, shown without decimals.
_WHOLE_UNITS = ("€", "habitants")


def scores_block(row: dict | None) -> html.Div:
    row = row or {}
    return html.Div(
        [
            html.Div([html.Div(class_badge(row.get("maturite_classe")), className="kpi-value"),
                      html.Div(f"maturité ({score(row.get('maturite_score'))})", className="kpi-label")],
                     className="kpi", id="fiche-maturite"),
            html.Div([html.Div(score(row.get("fragilite_score")), className="kpi-value"),
                      html.Div("fragilité", className="kpi-label")], className="kpi", id="fiche-fragilite"),
            html.Div([html.Div(entier(row.get("alliances_nombre")), className="kpi-value"),
                      html.Div(f"alliances ({decimal(row.get('alliances_pour_10000'), 2)} pour 10 000 hab.)",
                               className="kpi-label")], className="kpi"),
            html.Div([html.Div(pourcentage(row.get("crte_couverture")), className="kpi-value"),
                      html.Div("de la population couverte par un CRTE signé", className="kpi-label")], className="kpi"),
        ],
        className="kpis",
    )


def _comparison_table(rows: list[tuple[str, dict | None]], components: dict[str, str], total: str, total_label: str):
    header = ["Composante"] + [label.split(" : ")[0] if " : " in label else label for label, _ in rows]
    body = [[html.Strong(total_label)] + [html.Strong(score((r or {}).get(total))) for _, r in rows]]
    for column, label in components.items():
        if not any(r and r.get(column) is not None and r.get(column) == r.get(column) for _, r in rows):
            continue
        body.append([label] + [score((r or {}).get(column)) for _, r in rows])
    return table(header, body)


def _components_section(rows, title: str, help_text: str | list, labels: dict, score_key: str, score_label: str,
                        figure_title: str, block_id: str) -> html.Section:
    return section(
        title,
        html.P(help_text, className="aide"),
        _comparison_table(rows, labels, score_key, score_label),
        chart(dcc.Graph(figure=comparison_figure(rows, labels, figure_title),
                        config={"displaylogo": False, "displayModeBar": False}),
              f"{figure_title} : les valeurs du tableau ci-dessus en barres."),
        id=block_id,
    )


def components_block(rows: list[tuple[str, dict | None]], parameters: RunParameters) -> html.Div:
    """Maturity and fragility, their components, compared across the levels.

    ``parameters`` are the run's (``Warehouse.parameters``): the help texts state its thresholds.
    """
    return html.Div(
        [
            _components_section(
                rows, "Maturité : pourquoi cette classe ?",
                [f"{maturity_help(parameters)} (", dcc.Link("méthodologie", href="/methodologie"), ")."],
                MATURITY_COMPONENT_COLUMNS, "maturite_score", "Score de maturité", "Composantes de la maturité",
                "bloc-maturite",
            ),
            _components_section(
                rows, "Fragilité : de quoi est-elle faite ?",
                FRAGILITY_HELP,
                fragility_component_columns(parameters), "fragilite_score", "Score de fragilité", "Composantes de la fragilité",
                "bloc-fragilite",
            ),
        ],
        className="fiche-grille",
    )


EXPORT_LABELS = {
    "pdf": "Rapport PDF",
    "xlsx": "Tableur (XLSX)",
    "gpkg": "Couches SIG (GeoPackage)",
    "geojson": "GeoJSON",
    "csv": "Tableau CSV",
    "png": "Carte (PNG)",
}


#: The link to a commune's one-page fiche, beside its exports.
FICHE_LABEL = "Fiche pour le conseil municipal (PDF, 1 page)"


def export_block(level: str, code: str) -> html.Section:
    """Download links of the territory's snapshot, one per format (rendered on request), and
    for a commune its one-page fiche."""
    from dashboard.routes import export_url, fiche_url

    links = [
        html.A(label, href=export_url(level, code, fmt), className="bouton", id=f"export-{fmt}",
               download="", target="_blank")
        for fmt, label in EXPORT_LABELS.items()
    ]
    if level == "commune":
        links.insert(0, html.A(FICHE_LABEL, href=fiche_url(code), className="bouton", id="export-fiche",
                               download="", target="_blank"))
    return section(
        "Exporter",
        html.Div(links, className="exports"),
        html.P("Le fichier est préparé à la demande (quelques secondes pour le PDF) ; tant que l'entrepôt contient "
               "des données de démonstration, il nomme celles qui le sont.", className="aide", id="export-note"),
        id="bloc-export",
    )


def activity_block(activity: Activity) -> html.Dl:
    """Counts of alliances, CRTE, experiments and catalyseurs on the territory."""
    return html.Dl(
        [
            kv("Alliances", entier(activity.alliances)),
            kv("dont actives", entier(activity.alliances_actives)),
            kv("CRTE signés", entier(activity.crte_signes)),
            kv("Expérimentations du Fonds ODD 17", entier(activity.experimentations)),
            kv("Catalyseurs implantés", entier(activity.catalyseurs)),
        ],
        className="scores",
    )


def population_items(population, vintage: dict) -> list:
    """Card lines for the population, its census year and its mean annual change, saying
    which vintages the change comes from (or that the indicators file gives it)."""
    year = vintage.get("population_annee")
    change = vintage.get("evolution_population")
    if is_missing(change):
        evolution = "non calculée (il faut deux millésimes)"
    else:
        evolution = f"{decimal(change, 2).replace('-', '−')} % par an"
        if vintage.get("evolution_source") == "millesimes":
            evolution += (f" de {int(vintage['annee_debut'])} à {int(vintage['annee_fin'])} "
                          f"({entier(vintage['population_debut'])} → {entier(vintage['population_fin'])} habitants)")
        elif not is_missing(vintage.get("annee_fin")):
            evolution += f" (fichier indicateurs, {int(vintage['annee_fin'])})"
    return [
        kv("Population", [html.Span(f"{entier(population)} habitants", id="fiche-population"),
                          "" if is_missing(year) else f" (millésime {int(year)})"]),
        kv("Évolution de la population", html.Span(evolution, id="fiche-evolution-population")),
    ]


def indicator_text(value: IndicatorValue) -> str:
    """« 14,2 % », « 21 340 € », or « secret statistique » (never a number for a secret)."""
    if value.secret:
        return SECRET_LABEL
    unit = INDICATORS[value.indicateur].unit
    number = entier(value.valeur) if unit in _WHOLE_UNITS else decimal(value.valeur, 1)
    return f"{number} {unit}".replace("-", "−")


def indicators_block(values: tuple[IndicatorValue, ...]) -> html.Section:
    """The commune's indicators: the latest year of each, its value or « secret statistique »,
    and the file it comes from."""
    rows = [[INDICATORS[v.indicateur].label,
             html.Strong(indicator_text(v), className="secret" if v.secret else None),
             str(v.annee), indicator_source_label(v.source, v.demo)]
            for v in values if v.indicateur in INDICATORS]
    children = [table(["Indicateur", "Valeur", "Année", "Source"], rows,
                      empty="Aucun indicateur pour cette commune (ni fichier indicateurs ni fichier public).")]
    if any(v.secret for v in values):
        children.append(html.P(
            f"« {SECRET_LABEL[:1].upper() + SECRET_LABEL[1:]} » : valeur couverte par le secret statistique "
            "(trop peu de ménages ou d'entreprises) ; elle n'est ni nulle ni manquante et n'entre pas dans "
            "l'indice de fragilité.", className="aide"))
    return section("Indicateurs de la commune", *children, id="bloc-indicateurs")
