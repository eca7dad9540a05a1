"""PDF: the A4 report of one territory, in French, readable printed in greyscale.

Built with reportlab's platypus; the text font is DejaVu Sans, shipped with matplotlib
and embedded in the file (accents, narrow no-break spaces, « guillemets »). Maps are
rendered by :mod:`.maps` at 200 dpi. Nothing is fetched from the network.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import matplotlib
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from xml.sax.saxutils import escape

from atlas.format import score
from atlas.parameters import class_thresholds_text
from atlas.vocabulary import INDICATORS, INSUFFICIENT, LEVELS, MATURITY_LABELS, SECRET_LABEL

from .labels import (
    CRTE_STATUTS,
    ECHELONS,
    EVALUATIONS,
    EXPERIMENTATION_STATUTS,
    EXPORTED_INDICATORS,
    FORMES,
    MESURE_STATUTS,
    ODD,
)
from .maps import figure_png, fragility_figure, maturity_figure
from .snapshot import PRIORITY_LIMIT, Snapshot, Vintage
from .values import date_courte, date_longue, decimal, entier, is_missing, pourcentage

__all__ = ["render_pdf", "published_text", "demo_box", "draw_demo_label"]

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_fonts_lock = threading.Lock()

PAGE_W, PAGE_H = A4
MARGIN = 1.6 * cm
CONTENT_W = PAGE_W - 2 * MARGIN
MAP_DPI = 200
GREY_HEADER = colors.HexColor("#d9d9d9")
GREY_ROW = colors.HexColor("#f2f2f2")
GREY_LINE = colors.HexColor("#9a9a9a")


def _register_fonts() -> None:
    with _fonts_lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=9, textColor=colors.HexColor("#444444")),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=22, leading=27, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=14, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16, spaceBefore=10,
                             spaceAfter=5),
        "demo": ParagraphStyle("demo", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13),
    }


def _table(rows: list[list], widths: list[float], *, header: bool = True, align_right: tuple[int, ...] = ()) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("LEADING", (0, 0), (-1, -1), 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, GREY_LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style += [
            ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
            ("BACKGROUND", (0, 0), (-1, 0), GREY_HEADER),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ]
        for i in range(2, len(rows), 2):
            style.append(("BACKGROUND", (0, i), (-1, i), GREY_ROW))
    for column in align_right:
        style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


def _bar(share: float, width: float = 3.2 * cm, height: float = 0.28 * cm) -> Drawing:
    """A horizontal bar proportional to ``share`` (0–1), dark on light: reads in greyscale."""
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.HexColor("#eeeeee"), strokeColor=GREY_LINE,
                     strokeWidth=0.3))
    if share > 0:
        drawing.add(Rect(0, 0, width * min(share, 1.0), height, fillColor=colors.HexColor("#404040"),
                         strokeColor=None))
    return drawing


def _map_image(fig) -> Image:
    png = figure_png(fig, MAP_DPI)
    width_in, height_in = fig.get_size_inches()
    scale = CONTENT_W / (width_in * 72)
    return Image(io.BytesIO(png), width=CONTENT_W, height=height_in * 72 * scale)


def _unit(text: str, unit: str) -> str:
    """``12,3`` -> ``12,3 km``; a missing value stays a bare dash."""
    return text if text == "—" else f"{text}\u00a0{unit}"


def _p(text, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped); a missing value shows as a dash."""
    return Paragraph(escape("—" if is_missing(text) else str(text)), style)


def published_text(vintage: Vintage) -> str:
    """« entrepôt publié le 23/11/2026 à 14 h 05 (exécution n° 3) »: the data's vintage."""
    if not vintage.published_at:
        return "entrepôt sans journal de publication"
    at = vintage.published_at
    return f"entrepôt publié le {date_courte(at)} à {at:%H} h {at:%M} (exécution n° {vintage.run_id})"


def demo_box(vintage: Vintage, style: ParagraphStyle, width: float, padding: float = 6) -> Table:
    """The framed warning of a warehouse holding demonstration data: what is demo, what is real."""
    box = Table(
        hAlign="LEFT",
        data=[[Paragraph(
            escape(f"{vintage.status.label()} : générées pour la démonstration, ces données n'ont aucune portée "
                   f"réelle. Données réelles : {vintage.status.real_list()}."),
            style,
        )]],
        colWidths=[width],
    )
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#e6e6e6")),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]))
    return box


def draw_demo_label(canvas, label: str | None, margin: float) -> None:
    """The demo label at the top right of a page (nothing when ``label`` is None)."""
    if not label:
        return
    canvas.saveState()
    canvas.setFont(FONT_BOLD, 7)
    canvas.setFillColor(colors.black)
    for line, text in enumerate(simpleSplit(label, FONT_BOLD, 7, PAGE_W - 2 * margin)):
        canvas.drawRightString(PAGE_W - margin, PAGE_H - 0.7 * cm - line * 8.5, text)
    canvas.restoreState()


class _Report:
    def __init__(self, snapshot: Snapshot):
        self.s = snapshot
        self.t = snapshot.territory
        self.st = _styles()

    # ------------------------------------------------------------------ sections
    def title(self) -> list:
        t, s = self.t, self.s
        where = t.niveau_label
        if t.niveau == "departement":
            where += f" de la région {t.region_nom}"
        out = [
            _p("Atlas des alliances territoriales · instantané territorial", self.st["kicker"]),
            _p(t.nom, self.st["title"]),
            _p(f"{where} · code {t.code} · édité le {date_longue(s.generated_on)}", self.st["subtitle"]),
        ]
        if s.demo:
            out += [demo_box(s.vintage, self.st["demo"], CONTENT_W), Spacer(1, 6)]
        vintage = s.vintage
        out.append(_p(f"Millésime des données : {published_text(vintage)}.", self.st["body"]))
        sources = [[_p("Source", self.st["cell"]), _p("Version", self.st["cell"])]]
        for source in vintage.sources:
            sources.append([_p(source.nom, self.st["cell"]), _p(source.version or "—", self.st["cell"])])
        if len(sources) > 1:
            out += [Spacer(1, 3), _table(sources, [9 * cm, 5 * cm])]
        return out

    def key_figures(self) -> list:
        t, s, ind = self.t, self.s, self.t.indicators
        classe = MATURITY_LABELS.get(ind.get("maturite_classe") or "", "—")
        maturite = "—" if is_missing(ind.get("maturite_score")) else f"{score(ind['maturite_score'])} ({classe})"
        fragilite = score(ind.get("fragilite_score"))
        pairs = [
            ("Population", entier(t.population)),
            ("Superficie", _unit(entier(t.superficie_km2), "km²")),
            (LEVELS["commune"].title_plural, entier(t.communes)),
            ("EPCI (au moins une commune)", entier(t.epci)),
            ("Alliances", entier(ind.get("alliances_nombre"))),
            ("Alliances pour 10 000 habitants", decimal(ind.get("alliances_pour_10000"), 2)),
            ("Score de maturité", maturite),
            ("Score de fragilité", fragilite),
            ("Population couverte par un CRTE signé", pourcentage(ind.get("crte_couverture"), 1)),
            ("CRTE concernant le territoire", entier(len(s.crte))),
            ("Catalyseurs implantés", entier(s.catalyseurs_implantes)),
            ("Expérimentations du Fonds ODD 17", entier(len(s.experimentations))),
            ("Distance moyenne au catalyseur le plus proche", _unit(decimal(ind.get("catalyseur_distance_km")), "km")),
            ("Population dont la maturité est calculée", pourcentage(ind.get("part_donnees_suffisantes"), 1)),
        ]
        if t.niveau == "region":
            pairs.insert(3, ("Départements", entier(t.departements)))
            pairs.pop()  # keep an even number of cells
        rows = []
        for i in range(0, len(pairs), 2):
            left, right = pairs[i], pairs[i + 1] if i + 1 < len(pairs) else ("", "")
            rows.append([_p(left[0], self.st["cell"]), left[1], _p(right[0], self.st["cell"]), right[1]])
        table = _table(rows, [5.2 * cm, 3.6 * cm, 5.2 * cm, 3.8 * cm], header=False)
        table.setStyle(TableStyle([("FONTNAME", (1, 0), (1, -1), FONT_BOLD), ("FONTNAME", (3, 0), (3, -1), FONT_BOLD)]))
        return [_p("Chiffres clés", self.st["h2"]), table]

    def classes(self) -> list:
        frame = self.s.classes
        total = max(int(frame["communes"].sum()), 1)
        population = max(float(frame["population"].sum()), 1.0)
        rows = [["Classe de maturité", "Communes", "Part", "Population", "Part", "Part des communes"]]
        for classe, communes, pop in zip(frame["classe"], frame["communes"], frame["population"]):
            rows.append([
                MATURITY_LABELS.get(classe, classe), entier(communes), pourcentage(communes / total, 1),
                entier(pop), pourcentage(pop / population, 1), _bar(communes / total),
            ])
        table = _table(rows, [4.4 * cm, 2 * cm, 1.8 * cm, 2.6 * cm, 1.8 * cm, 3.6 * cm], align_right=(1, 2, 3, 4))
        note = _p(
            "Classes calculées pour chaque commune (méthodologie de l'Atlas) : "
            f"{class_thresholds_text(self.s.parameters)}. "
            f"« {MATURITY_LABELS[INSUFFICIENT]} » : aucune alliance, aucun catalyseur ni aucune expérimentation connus.",
            self.st["small"],
        )
        return [KeepTogether([_p("Répartition des communes par classe de maturité", self.st["h2"]), table,
                              Spacer(1, 3), note])]

    def maps(self) -> list:
        # Two maps share one page: each at most 0.8 times as tall as wide.
        options = dict(width_in=7.0, max_ratio=0.8, font_scale=0.9)
        return [
            _p("Maturité des alliances", self.st["h2"]),
            _map_image(maturity_figure(self.s, **options)),
            _p("Fragilité", self.st["h2"]),
            _map_image(fragility_figure(self.s, **options)),
            _p(
                "Communes hachurées : score non calculé. Traits épais : limites du territoire"
                + (" et des départements." if self.t.niveau == "region" else "."),
                self.st["small"],
            ),
        ]

    def priorities(self) -> list:
        frame = self.s.priorites
        head = _p(f"Communes prioritaires ({min(len(frame), PRIORITY_LIMIT)} premières)", self.st["h2"])
        intro = _p(
            "Communes à la fois fragiles et peu mûres : score de priorité = fragilité × (100 − maturité) / 100, "
            "du plus élevé au plus faible.",
            self.st["small"],
        )
        if frame.empty:
            return [head, _p("Aucune commune n'a à la fois un score de maturité et un score de fragilité.",
                             self.st["body"])]
        rows = [["Rang", LEVELS["commune"].title, "Code", LEVELS["epci"].title, "Population", "Fragilité", "Maturité", "Priorité"]]
        for r in frame.itertuples(index=False):
            rows.append([
                str(r.rang), _p(r.nom, self.st["cell"]), r.code, _p(r.epci_nom, self.st["cell"]),
                entier(r.population), decimal(r.fragilite_score), decimal(r.maturite_score), decimal(r.priorite_score),
            ])
        widths = [1.0 * cm, 3.4 * cm, 1.3 * cm, 5.4 * cm, 1.8 * cm, 1.6 * cm, 1.6 * cm, 1.6 * cm]
        return [head, intro, Spacer(1, 3), _table(rows, widths, align_right=(0, 4, 5, 6, 7))]

    def alliances(self) -> list:
        s = self.s
        total = len(s.alliances)
        out = [
            _p("Alliances", self.st["h2"]),
            _p(f"{entier(total)} alliance{'s' if total > 1 else ''} concerne{'nt' if total > 1 else ''} "
               "au moins une commune du territoire.", self.st["body"]),
            Spacer(1, 4),
        ]
        rows = [["Forme de l'alliance", "Alliances", "Part"]]
        for forme, n in zip(s.alliances_par_forme["forme"], s.alliances_par_forme["alliances"]):
            rows.append([FORMES.get(forme, forme), entier(n), pourcentage(n / total, 1) if total else "—"])
        forms = _table(rows, [5.0 * cm, 1.8 * cm, 1.6 * cm], align_right=(1, 2))
        rows = [["ODD", "Objectif", "Alliances"]]
        for odd, n in zip(s.alliances_par_odd["odd"], s.alliances_par_odd["alliances"]):
            rows.append([str(odd), _p(ODD.get(int(odd), ""), self.st["cell"]), entier(n)])
        odds = _table(rows, [0.9 * cm, 6.0 * cm, 1.7 * cm], align_right=(0, 2))
        side = Table([[forms, odds]], colWidths=[8.8 * cm, CONTENT_W - 8.8 * cm], hAlign="LEFT")
        side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(side)
        out.append(_p("Une alliance peut servir plusieurs ODD.", self.st["small"]))
        return out

    def crte(self) -> list:
        s, ind = self.s, self.t.indicators
        frame = s.crte
        covered = set()
        for perimeter in frame["epci"]:
            covered.update(perimeter if not is_missing(perimeter) else [])
        epci_covered = len(covered & set(s.epci["code"]))
        out = [
            _p("Couverture par les CRTE", self.st["h2"]),
            _p(
                f"{pourcentage(ind.get('crte_couverture'), 1)} de la population du territoire vit dans un EPCI "
                f"couvert par un contrat de relance et de transition écologique signé ; "
                f"{entier(epci_covered)} EPCI sur {entier(len(s.epci))} sont dans le périmètre d'un CRTE, "
                "quel que soit son statut.",
                self.st["body"],
            ),
            Spacer(1, 4),
        ]
        rows = [["Statut du CRTE", "Contrats", "Communes couvertes", "Population couverte"]]
        for statut, label in CRTE_STATUTS.items():
            part = frame[frame["statut"] == statut]
            rows.append([label, entier(len(part)), entier(part["communes_couvertes"].sum()),
                         entier(part["population_couverte"].sum())])
        out.append(_table(rows, [5 * cm, 2.4 * cm, 3.6 * cm, 3.6 * cm], align_right=(1, 2, 3)))
        out.append(_p("Communes et population comptées dans le territoire exporté seulement.", self.st["small"]))
        return [KeepTogether(out)]

    def indicator_sources(self) -> list:
        """Per indicator: communes with a value, communes under statistical secret, years, sources."""
        communes = self.s.communes
        rows = [["Indicateur", "Valeurs", "Secrets", "Années", "Sources"]]
        for code in EXPORTED_INDICATORS:
            values = communes[f"{code}_valeur"]
            secret = int(values.map(lambda v: isinstance(v, str)).sum())
            if not values.notna().any():
                continue
            years = sorted({int(y) for y in communes[f"{code}_annee"].dropna()})
            sources = sorted({str(x) for x in communes[f"{code}_source"].dropna()})
            rows.append([_p(INDICATORS[code].label, self.st["cell"]), entier(int(values.notna().sum()) - secret),
                         entier(secret), _p(", ".join(map(str, years)), self.st["cell"]),
                         _p(", ".join(sources), self.st["cell"])])
        if len(rows) == 1:
            return []
        return [KeepTogether([
            _p("Indicateurs des communes : années et sources", self.st["h2"]),
            _table(rows, [4.8 * cm, 1.7 * cm, 1.7 * cm, 2.2 * cm, 7.4 * cm], align_right=(1, 2)),
            _p("Dernière année de chaque indicateur par commune. Valeurs : communes chiffrées ; secrets : "
               f"communes dont la valeur est couverte par le {SECRET_LABEL}, ni nulle ni manquante, et qui "
               "n'entre pas dans l'indice de fragilité. Le tableur et le CSV donnent la valeur, l'année et la "
               "source de chaque commune.", self.st["small"]),
        ])]

    def experiments(self) -> list:
        frame = self.s.experimentations
        out = [_p("Expérimentations du Fonds ODD 17", self.st["h2"])]
        if frame.empty:
            return out + [_p("Aucune expérimentation n'est localisée dans le territoire.", self.st["body"])]
        rows = [["Expérimentation", "Porteur", "Année", "Statut", "Évaluation", "Montant (€)"]]
        for r in frame.itertuples(index=False):
            rows.append([
                _p(r.intitule, self.st["cell"]), _p(r.porteur, self.st["cell"]), str(r.annee),
                EXPERIMENTATION_STATUTS.get(r.statut, r.statut), EVALUATIONS.get(r.evaluation, r.evaluation),
                entier(r.montant),
            ])
        widths = [5.6 * cm, 4.2 * cm, 1.2 * cm, 2.1 * cm, 2.2 * cm, 2.5 * cm]
        return out + [_table(rows, widths, align_right=(2, 5))]

    def measures(self) -> list:
        frame = self.s.mesures
        n = len(frame)
        region = self.t.region_nom
        if n == 0:
            return [_p("Les mesures de la feuille de route", self.st["h2"]),
                    _p("Aucune mesure n'est chargée dans l'entrepôt.", self.st["body"])]
        out = [
            _p(f"Les {n} mesures de la feuille de route : situation pour la région {region}", self.st["h2"]),
            _p(
                "Dernier point d'étape de chaque mesure : le point régional s'il est le plus récent, "
                "sinon le dernier point national.",
                self.st["small"],
            ),
        ]
        counts = frame["statut"].value_counts()
        summary = " · ".join(f"{label} : {int(counts.get(code, 0))}" for code, label in MESURE_STATUTS.items())
        out += [_p(summary, self.st["body"]), Spacer(1, 4)]
        rows = [["Mesure", "Libellé", "Statut", "Avancement", "Date", "Échelon"]]
        for r in frame.itertuples(index=False):
            rows.append([
                r.id, _p(r.libelle, self.st["cell"]),
                MESURE_STATUTS.get(r.statut, "Aucun point") if not is_missing(r.statut) else "Aucun point",
                "—" if is_missing(r.avancement) else f"{int(r.avancement)}\u00a0%",
                date_courte(r.date_point), ECHELONS.get(r.echelon, "—") if not is_missing(r.echelon) else "—",
            ])
        widths = [1.3 * cm, 7.9 * cm, 2.3 * cm, 1.9 * cm, 2.2 * cm, 2.0 * cm]
        out.append(_table(rows, widths, align_right=(3,)))
        return out

    # ------------------------------------------------------------------ document
    def story(self) -> list:
        return [
            *self.title(),
            *self.key_figures(),
            *self.classes(),
            *self.crte(),
            *self.indicator_sources(),
            PageBreak(),
            *self.maps(),
            PageBreak(),
            *self.priorities(),
            *self.alliances(),
            PageBreak(),
            *self.experiments(),
            CondPageBreak(8 * cm),
            *self.measures(),
        ]

    def decorate(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#333333"))
        footer = (
            f"Atlas des alliances territoriales · {self.t.niveau_label} {self.t.label} · "
            f"instantané du {date_courte(self.s.generated_on)}"
        )
        canvas.drawString(MARGIN, 0.9 * cm, footer)
        canvas.drawRightString(PAGE_W - MARGIN, 0.9 * cm, f"page {doc.page}")
        canvas.restoreState()
        draw_demo_label(canvas, self.s.demo_label, MARGIN)


def render_pdf(snapshot: Snapshot) -> bytes:
    """The A4 report of ``snapshot``."""
    _register_fonts()
    report = _Report(snapshot)
    t = snapshot.territory
    buffer = io.BytesIO()
    subject = "Maturité des alliances, fragilité, priorités, alliances, CRTE et mesures"
    if snapshot.demo:
        subject += f" ({snapshot.demo_label})"
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=1.5 * cm, bottomMargin=1.6 * cm,
        title=f"Instantané territorial — {t.niveau_label} {t.label}", author="Atlas des alliances territoriales",
        subject=subject, creator="Atlas des alliances territoriales", lang="fr-FR",
    )
    doc.build(report.story(), onFirstPage=report.decorate, onLaterPages=report.decorate)
    return buffer.getvalue()
