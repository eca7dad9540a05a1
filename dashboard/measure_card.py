"""The card of one mesure, pure builders of its :class:`~dashboard.measure_detail.MeasureView`:
identity, status and progress, indicators with their rates, the history of its points
d'étape and its deployment by région (the page and its callbacks: ``dashboard.pages.mesure``)."""

from __future__ import annotations

from dash import dcc, html

from atlas.format import date_courte, date_fr
from atlas.vocabulary import LEVELS
from dashboard.components import badge, kv, section, table
from dashboard.figures.mesures import STATUT_COULEURS, progress_figure
from atlas.mesure_links import MeasureLinks
from dashboard.measure_detail import (RATE_EXPLANATION, MeasureView, deployment_matrix, latest_indicators, rate_note,
                                      value_text)
from dashboard.measure_links import links_block
from dashboard.measures import STATUT_LABELS, progress_bar

__all__ = ["measure_layout", "progress_text", "rate_cell"]


def _status(statut) -> html.Span:
    if statut not in STATUT_LABELS:
        return html.Span("—")
    return badge(STATUT_LABELS[statut], STATUT_COULEURS[statut])


def _comment(value) -> str:
    return value if isinstance(value, str) and value else "—"


def _identity(view: MeasureView) -> html.Dl:
    latest = view.latest or {}
    return html.Dl(
        [kv("Chantier", f"{view.chantier} — {view.chantier_libelle}"),
         kv("Levier de déploiement", f"{view.levier} — {view.levier_libelle}"),
         kv("Statut", _status(latest.get("statut"))),
         kv("Avancement", progress_bar(latest.get("avancement"))),
         kv("Dernier point d'étape national", date_fr(latest.get("date_point"))),
         kv("Points d'étape", f"{len(view.history)} nationaux, {len(view.regional)} régionaux")],
        className="scores", id="mesure-identite", style={"maxWidth": "40rem"},
    )


def _history(view: MeasureView) -> html.Section:
    if view.history.empty:
        return section("Historique des points d'étape", html.P("Aucun point d'étape national.", className="vide"),
                       id="bloc-historique")
    steps = [
        html.Li([html.Time(date_fr(r.date_point), dateTime=str(r.date_point)[:10], className="etape-date"), " ",
                 _status(r.statut), " ", progress_bar(r.avancement),
                 html.P(_comment(r.commentaire), className="etape-commentaire")],
                className="etape")
        for r in view.history.itertuples(index=False)
    ]
    return section(
        "Historique des points d'étape",
        dcc.Graph(id="mesure-avancement", figure=progress_figure(view.history, STATUT_LABELS),
                  config={"displaylogo": False, "displayModeBar": False}),
        html.Ol(list(reversed(steps)), className="frise-etapes", id="mesure-etapes",
                **{"aria-label": "Points d'étape nationaux, du plus récent au plus ancien"}),
        id="bloc-historique",
    )


def _deployment_table(view: MeasureView) -> html.Div:
    """Région × date: the 31 December of each year and the latest date."""
    dates = [d for d in view.dates if (d.month, d.day) == (12, 31)] + list(view.dates[-1:])
    matrix = deployment_matrix(view.regional, dates)
    rows = [[row["nom"], *[progress_text(row[d.isoformat()]) for d in dates]]
            for _, row in matrix.sort_values("nom").iterrows()]
    return table([LEVELS["region"].title, *[date_courte(d) for d in dates]], rows, class_name="tableau nombres",
                  caption="Avancement de la mesure dans chaque région, à chaque date", row_headers=True,
                  id="mesure-regions")


def progress_text(value) -> str:
    """``45.0`` -> ``45 %``; ``—`` before the région's first point d'étape."""
    return "—" if value != value or value is None else f"{int(value)}\u00a0%"


def _deployment(view: MeasureView) -> html.Section:
    if not view.dates:
        return section("Déploiement par région",
                       html.P("Cette mesure n'a pas de suivi régional.", className="vide"), id="bloc-deploiement")
    last = len(view.dates) - 1
    marks = {i: str(d.year) for i, d in enumerate(view.dates) if (d.month, d.day) == (12, 31)}
    return section(
        "Déploiement par région",
        html.P("Avancement de la mesure dans chaque région au dernier point d'étape régional connu à la date "
               "choisie ; une région grisée n'avait pas encore de suivi. Les régions d'outre-mer sont dans les "
               "cadres à gauche de la carte ; le tableau donne les mêmes valeurs.", className="aide"),
        html.Label("Date", htmlFor="mesure-date", className="controle-titre"),
        dcc.Slider(id="mesure-date", min=0, max=last, step=1, value=last, marks=marks, included=False,
                   allow_direct_input=False),
        html.P(id="mesure-date-texte", className="muted", **{"aria-live": "polite"}),
        dcc.Store(id="mesure-carte-donnees"),
        dcc.Graph(id="mesure-carte", config={"displaylogo": False, "scrollZoom": True}),
        _deployment_table(view),
        id="bloc-deploiement",
    )


def rate_cell(row) -> list:
    """The progress bar of an indicator's rate and, when it says more, why it reads so."""
    rate = row["taux"]
    note = rate_note(row)
    bar = progress_bar(None if rate is None or rate != rate else 100 * rate)
    return [bar, html.Br(), html.Small(note, className="muted")] if note else [bar]


def _indicators(view: MeasureView) -> html.Section:
    national = latest_indicators(view.indicators)
    rows = [[html.Span([html.Strong(r["libelle"]), html.Br(), html.Small(r["indicateur"], className="muted")]),
             value_text(r["valeur_initiale"], r["unite"]),
             html.Span([value_text(r["valeur_actuelle"], r["unite"]), html.Br(),
                        html.Small(f"au {date_courte(r['date_valeur'])}", className="muted")]),
             value_text(r["cible"], r["unite"]), rate_cell(r)]
            for _, r in national.iterrows()]
    regional = latest_indicators(view.indicators, regional=True)
    regional_rows = [[r["region_nom"], r["libelle"], html.Span([value_text(r["valeur_actuelle"], r["unite"]), html.Br(),
                      html.Small(f"au {date_courte(r['date_valeur'])}", className="muted")]),
                      value_text(r["cible"], r["unite"]), rate_cell(r)]
                     for _, r in regional.sort_values(["indicateur", "region_nom"]).iterrows()]
    return section(
        "Indicateurs de résultat",
        html.P(RATE_EXPLANATION, className="aide"),
        table(["Indicateur", "Valeur initiale", "Valeur actuelle", "Cible", "Taux d'avancement"], rows,
              empty="Aucun indicateur national n'est suivi pour cette mesure.", id="mesure-indicateurs",
              caption="Dernière valeur nationale de chaque indicateur"),
        html.Details([
            html.Summary(f"Par région ({len(regional_rows)} valeurs)"),
            table([LEVELS["region"].title, "Indicateur", "Valeur actuelle", "Cible", "Taux d'avancement"], regional_rows,
                  id="mesure-indicateurs-regions", caption="Dernière valeur de chaque indicateur par région"),
        ], id="mesure-indicateurs-details") if regional_rows else None,
        id="bloc-indicateurs",
    )


def measure_layout(view: MeasureView, links: MeasureLinks) -> html.Div:
    """The whole page of a known mesure; ``links``: the rows linked to it (:func:`atlas.mesure_links.read_links`)."""
    return html.Div(
        [
            html.Nav([dcc.Link("Les 21 mesures", href="/mesures"), " › ",
                      html.Span(view.id, **{"aria-current": "page"})],
                     className="ariane", **{"aria-label": "Fil d'Ariane"}),
            html.H1(f"{view.id} — {view.libelle}"),
            _identity(view),
            html.P([html.A("Exporter la fiche (PDF, une page)", href=f"/exporter/mesure/{view.id}/pdf",
                           className="bouton", download=""),
                    html.A("Exporter les données (XLSX : points d'étape, indicateurs, liens)",
                           href=f"/exporter/mesure/{view.id}/xlsx", className="bouton", download="")],
                   className="exports"),
            dcc.Store(id="mesure-id", data=view.id),
            _indicators(view),
            _history(view),
            _deployment(view),
            links_block(links),
        ],
        className="page-mesure",
    )
