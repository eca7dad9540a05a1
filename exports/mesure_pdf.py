"""The one-page PDF of a mesure: identity, latest national status, latest value of each
indicator with its progress rate, latest regional points, the national history and the
alliances, experimentations and catalyseurs linked to it. The
page is shrunk to fit when a mesure has many rows (always one A4 page)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepInFrame, SimpleDocTemplate, Spacer

from atlas.mesure_links import LINKS_TITLE
from atlas.vocabulary import DEMO_TITLE

from .mesure import RATE_NOTE, MeasureExport
from .pdf import CONTENT_W, MARGIN, PAGE_H, _bar, _p, _register_fonts, _styles, _table
from .values import date_courte, decimal, is_missing

__all__ = ["measure_pdf"]

_HISTORY_ROWS = 12
_LINKS_PER_KIND = 4


def _number(value, unit) -> str:
    if is_missing(value):
        return "—"
    text = decimal(value, 0 if float(value).is_integer() else 1)
    return f"{text}\u00a0{unit}" if isinstance(unit, str) and unit else text


def _rate(value, style):
    if is_missing(value):
        return "—"
    return [_bar(float(value), width=2.0 * 28.35), _p(f"{round(100 * float(value))}\u00a0%", style)]


def _links(measure: MeasureExport, s) -> list:
    """The linked alliances, experimentations and catalyseurs (the first :data:`_LINKS_PER_KIND` of each kind), or
    why there are none."""
    title = _p(LINKS_TITLE, s["h2"])
    rows = measure.link_rows()
    if not rows:
        return [title, _p(measure.links.empty_text(), s["body"])]
    kinds = list(dict.fromkeys(r[0] for r in rows))
    shown = [r for kind in kinds for r in [r for r in rows if r[0] == kind][:_LINKS_PER_KIND]]
    more = (f" ({_LINKS_PER_KIND} au plus de chaque type ; la liste complète est dans le tableur)"
            if len(rows) > len(shown) else "")
    table = [["Type", "Intitulé", "Lieu", "Situation"]] + [
        [kind, _p(f"{label} ({ident})", s["cell"]), _p(place, s["cell"]), _p(situation, s["cell"])]
        for kind, ident, label, place, situation in shown]
    widths = [0.16 * CONTENT_W, 0.40 * CONTENT_W, 0.22 * CONTENT_W, 0.22 * CONTENT_W]
    return [title, _p(f"{measure.links.counts_text()}{more}.", s["body"]), _table(table, widths)]


def measure_pdf(measure: MeasureExport) -> bytes:
    """The A4 page of ``measure``."""
    _register_fonts()
    s = _styles()
    row, points, values = measure.identity, measure.points, measure.values
    national = points[points["echelon"] == "France"]
    latest = national.iloc[-1] if len(national) else None
    story = []
    if measure.demo:
        story.append(_p(f"{DEMO_TITLE} — générées pour la démonstration, sans portée réelle.", s["demo"]))
    story += [_p(f"{row['id']} — {row['libelle']}", s["title"]),
              _p(f"Chantier {row['chantier']} — {row['chantier_libelle']} · levier {row['levier']} — "
                 f"{row['levier_libelle']}", s["subtitle"])]
    if latest is not None:
        story.append(_p(f"Statut au {date_courte(latest['date_point'])} : {latest['statut']}, avancement "
                        f"{int(latest['avancement'])} %.", s["body"]))
    story.append(_p("Indicateurs de résultat (dernière valeur nationale)", s["h2"]))
    last = values[values["echelon"] == "France"].groupby("indicateur").tail(1)
    rows = [["Indicateur", "Initiale", "Actuelle", "Date", "Cible", "Taux"]] + [
        [_p(r.libelle, s["cell"]), *[_p(_number(v, r.unite), s["cell"]) for v in (r.valeur_initiale, r.valeur_actuelle)],
         date_courte(r.date_valeur), _p(_number(r.cible, r.unite), s["cell"]), _rate(r.taux, s["cell"])] for r in last.itertuples(index=False)]
    story += [_table(rows, [0.36 * CONTENT_W] + [0.128 * CONTENT_W] * 5) if len(rows) > 1
              else _p("Aucun indicateur.", s["body"]), _p(f"Taux d'avancement : {RATE_NOTE}.", s["small"])]
    regional = points[points["echelon"] != "France"].groupby("echelon").tail(1)
    if len(regional):
        story.append(_p("Déploiement par région (dernier point d'étape)", s["h2"]))
        cells = [f"{r.echelon} : {r.statut}, {int(r.avancement)} % ({date_courte(r.date_point)})"
                 for r in regional.itertuples(index=False)]
        half = (len(cells) + 1) // 2
        pairs = [[_p(a, s["cell"]), _p(b, s["cell"]) if b else ""]
                 for a, b in zip(cells[:half], cells[half:] + [""] * (2 * half - len(cells)))]
        story.append(_table(pairs, [CONTENT_W / 2] * 2, header=False))
    story.append(_p(f"Points d'étape nationaux ({min(len(national), _HISTORY_ROWS)} plus récents "
                    f"sur {len(national)})", s["h2"]))
    history = national.iloc[::-1].head(_HISTORY_ROWS)
    rows = [["Date", "Statut", "Avancement", "Commentaire"]] + [
        [date_courte(r.date_point), r.statut, f"{int(r.avancement)} %", _p(r.commentaire, s["cell"])]
        for r in history.itertuples(index=False)]
    story += [_table(rows, [0.14 * CONTENT_W, 0.16 * CONTENT_W, 0.14 * CONTENT_W, 0.56 * CONTENT_W]), Spacer(1, 4)]
    story += _links(measure, s)
    buffer = io.BytesIO()
    top = 1.5 * 28.35
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=top,
                            bottomMargin=MARGIN, title=f"Mesure {row['id']} — {row['libelle']}",
                            author="Atlas des alliances territoriales", lang="fr-FR")
    doc.build([KeepInFrame(CONTENT_W, PAGE_H - top - MARGIN - 12, story, mode="shrink")])
    return buffer.getvalue()
