"""The « fiche commune »: one A4 portrait page on a commune, for a council meeting.

The commune and its neighbours on a map, its maturity and fragility scores with their
components (explained as on the card, :mod:`atlas.explain`), its peers, what would move it
up, the nearest catalyseurs, CRTE and State programmes, the mairie's contact, the sources
and, while the warehouse holds some, the demo label. Built with the report's tools
(:mod:`.pdf`: reportlab, DejaVu Sans embedded, greyscale-safe tables; :mod:`.fiche_map`);
long lists end with « … et N autres » and the page is shrunk to fit when it must: the fiche
is always exactly one page. Classes are written next to every coloured mark.
"""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Image, KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from atlas.explain import FRAGILITY_HELP, MATURITY_COMPONENT_COLUMNS, fragility_component_columns, maturity_help, \
    rank_sentence
from atlas.format import decimal, entier, km, score
from atlas.mairie import email_href, site_href
from atlas.vocabulary import INSUFFICIENT, MATURITY_LABELS

from .fiche_data import Fiche
from .fiche_map import neighbours_map
from .labels import CRTE_STATUTS, FRAGILITE_CLASSES, STRUCTURES
from .maps import figure_png, maturity_palette
from .pdf import FONT, FONT_BOLD, GREY_LINE, _p, _register_fonts, _styles, _table, demo_box, draw_demo_label, \
    published_text
from .values import date_courte, date_longue, is_missing

__all__ = ["SECTIONS", "render_fiche", "more_text"]

PAGE_W, PAGE_H = A4
MARGIN = 1.2 * cm
TOP, BOTTOM = 1.3 * cm, 1.1 * cm
CONTENT_W = PAGE_W - 2 * MARGIN
FRAME_H = PAGE_H - TOP - BOTTOM - 12  # the frame's own padding
LEFT_W = 8.4 * cm
RIGHT_W = CONTENT_W - LEFT_W
MAP_DPI = 220

#: Section titles, in page order.
SECTIONS = {
    "voisines": "La commune et ses voisines",
    "maturite": "Maturité : pourquoi cette classe ?",
    "fragilite": "Fragilité : de quoi est-elle faite ?",
    "progression": "Ce qui ferait progresser",
    "pairs": "Territoires qui me ressemblent",
    "catalyseurs": "Catalyseurs territoriaux les plus proches",
    "contrats": "CRTE et programmes de l'État",
    "mairie": "Contact de la mairie",
    "sources": "Sources",
}
#: Rows shown at most in each list (the rest is counted: « … et N autres »).
LIMITS = {"actions": 5, "pairs": 10, "catalyseurs": 4, "crte": 3, "programmes": 5}


def more_text(hidden: int) -> str:
    """« … et 3 autres » for the rows a list leaves out.

    >>> more_text(1), more_text(4)
    ('… et 1 autre', '… et 4 autres')
    """
    return f"… et {hidden} autre{'s' if hidden > 1 else ''}"


def _more_row(total: int, limit: int, columns: int, at: int, style: ParagraphStyle) -> list[list]:
    """``[]``, or the last row of a table cut at ``limit`` rows of ``total``: « … et N autres » in column ``at``."""
    if total <= limit:
        return []
    row: list = [""] * columns
    row[at] = _p(more_text(total - limit), style)
    return [row]


def _styles_fiche() -> dict[str, ParagraphStyle]:
    base = _styles()
    body = ParagraphStyle("fiche-body", parent=base["body"], fontSize=8, leading=10)
    return {
        **base,
        "body": body,
        "small": ParagraphStyle("fiche-small", parent=body, fontSize=6.8, leading=8.2,
                                textColor=colors.HexColor("#333333")),
        "cell": ParagraphStyle("fiche-cell", parent=body, fontSize=7, leading=8.4),
        "title": ParagraphStyle("fiche-title", parent=base["title"], fontSize=19, leading=22, spaceAfter=1),
        "subtitle": ParagraphStyle("fiche-subtitle", parent=body, fontSize=8.5, leading=11, spaceAfter=3),
        "kicker": ParagraphStyle("fiche-kicker", parent=base["kicker"], fontSize=7.5, leading=9),
        "h2": ParagraphStyle("fiche-h2", parent=body, fontName=FONT_BOLD, fontSize=10, leading=12, spaceBefore=4,
                             spaceAfter=2),
        "big": ParagraphStyle("fiche-big", parent=body, fontName=FONT_BOLD, fontSize=10, leading=13),
        "demo": ParagraphStyle("fiche-demo", parent=base["demo"], fontSize=7.5, leading=9),
    }


def _compact(table: Table) -> Table:
    table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 7), ("LEADING", (0, 0), (-1, -1), 8.4),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _columns(left: list, right: list, left_w: float = LEFT_W) -> Table:
    """Two columns of flowables side by side, top-aligned."""
    table = Table([[left, right]], colWidths=[left_w, CONTENT_W - left_w], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (0, -1), 8), ("RIGHTPADDING", (1, 0), (1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _swatch(classe: str | None) -> Drawing:
    """A small square of the class's map colour (white and outlined for « données insuffisantes »)."""
    colour = maturity_palette().get(classe or INSUFFICIENT)
    drawing = Drawing(7, 7)
    fill = colors.white if colour is None else colors.Color(*colour[:3])
    drawing.add(Rect(0, 0, 7, 7, fillColor=fill, strokeColor=colors.HexColor("#555555"), strokeWidth=0.4))
    return drawing


def _class_cell(classe: str | None, style: ParagraphStyle) -> Table:
    """The class's colour mark followed by its name (the name carries the information)."""
    cell = Table([[_swatch(classe), _p(MATURITY_LABELS.get(classe or INSUFFICIENT, "—"), style)]],
                 colWidths=[10, None], hAlign="LEFT")
    cell.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return cell


def _contact_markup(telephone, email, site) -> list[tuple[str, str]]:
    """``(label, paragraph markup)`` of the phone, e-mail and site given (escaped; e-mail and site
    are links in the PDF when their target is safe, :mod:`atlas.mairie`)."""
    out = []
    for label, value, href in (("Téléphone", telephone, None), ("Courriel", email, email_href),
                               ("Site", site, site_href)):
        if is_missing(value) or not str(value).strip():
            continue
        text, target = escape(str(value).strip()), href(str(value)) if href else None
        out.append((label, f'<a href="{escape(target, {chr(34): "&quot;"})}">{text}</a>' if target else text))
    return out


def _nobreak(text: str) -> str:
    """Digits grouped with no-break spaces (reportlab wraps lines at a narrow no-break space)."""
    return text.replace("\u202f", "\u00a0")


def _value(value) -> str:
    return "—" if is_missing(value) else decimal(value, 0)


def _fragility_bin(value) -> str:
    if is_missing(value):
        return "non calculée"
    return next((label for low, high, label in FRAGILITE_CLASSES if low <= value < high), "—")


class _Page:
    def __init__(self, fiche: Fiche):
        self.f = fiche
        self.c = fiche.commune
        self.st = _styles_fiche()

    def h2(self, key: str):
        return _p(SECTIONS[key], self.st["h2"])

    # ------------------------------------------------------------------ sections
    def header(self) -> list:
        c, st = self.c, self.st
        where = [f"code INSEE {c['code']}"]
        if c.get("epci"):
            where.append(f"EPCI {c['epci_nom']} ({c['epci']})")
        where.append(f"département {c['departement_nom']} ({c['departement']})")
        where.append(f"région {c['region_nom']}")
        population = f"{_nobreak(entier(c['population']))} habitants" if not is_missing(c.get("population")) else "population inconnue"
        if not is_missing(c.get("population_annee")):
            population += f" ({int(c['population_annee'])})"
        out = [
            _p("Atlas des alliances territoriales · fiche commune pour le conseil municipal", st["kicker"]),
            _p(c["nom"], st["title"]),
            _p(" · ".join(where) + f" · {population} · édité le {date_longue(self.f.generated_on)}", st["subtitle"]),
        ]
        if self.f.demo_label:
            out += [demo_box(self.f.vintage, st["demo"], CONTENT_W, padding=3), Spacer(1, 3)]
        return out

    def map(self) -> list:
        out = [self.h2("voisines")]
        neighbours = self.f.neighbours
        if neighbours.empty or not neighbours.geometry.notna().any():
            return out + [_p("Le contour de la commune n'est pas connu de l'entrepôt : pas de carte.", self.st["body"])]
        fig = neighbours_map(neighbours, width_in=LEFT_W / 72 - 0.12)
        width_in, height_in = fig.get_size_inches()
        out.append(Image(io.BytesIO(figure_png(fig, MAP_DPI)), width=width_in * 72, height=height_in * 72))
        others = int((~neighbours["est_la_commune"].astype(bool)).sum())
        out.append(_p(f"{others} commune{'s' if others > 1 else ''} voisine{'s' if others > 1 else ''}, "
                      "colorées selon leur classe de maturité.", self.st["small"]))
        return out

    def _components(self, columns: dict[str, str], total: str, total_label: str) -> Table:
        rows_in = [("Commune", self.f.indicators), ("EPCI", self.f.epci_indicators), ("France", self.f.france)]
        rows_in = [(label, row) for label, row in rows_in if row is not None]
        header = ["Composante (sur 100)"] + [label for label, _ in rows_in]
        body = [[_p(total_label, self.st["cell"])] + [_value(row.get(total)) for _, row in rows_in]]
        for column, label in columns.items():
            if all(is_missing(row.get(column)) for _, row in rows_in):
                continue
            body.append([_p(label, self.st["cell"])] + [_value(row.get(column)) for _, row in rows_in])
        n = len(rows_in)
        table = _compact(_table([header] + body, [RIGHT_W - n * 1.1 * cm] + [1.1 * cm] * n,
                                align_right=tuple(range(1, n + 1))))
        table.setStyle(TableStyle([("FONTNAME", (0, 1), (-1, 1), FONT_BOLD)]))
        return table

    def scores(self) -> list:
        ind, st = self.f.indicators or {}, self.st
        classe = ind.get("maturite_classe") or INSUFFICIENT
        maturite = "non calculé" if is_missing(ind.get("maturite_score")) else score(ind["maturite_score"])
        fragilite = "non calculé" if is_missing(ind.get("fragilite_score")) else score(ind["fragilite_score"])
        big = Table([[_p(f"Maturité : {maturite}", st["big"]), _class_cell(classe, st["big"])],
                     [_p(f"Fragilité : {fragilite}", st["big"]), _p(_fragility_bin(ind.get("fragilite_score")), st["big"])]],
                    colWidths=[4.6 * cm, RIGHT_W - 4.6 * cm], hAlign="LEFT")
        big.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("LINEBELOW", (0, 0), (-1, 0), 0.3, GREY_LINE)]))
        return [
            big,
            self.h2("maturite"),
            _p(f"{maturity_help(self.f.parameters)}.", st["small"]),
            Spacer(1, 2),
            self._components(MATURITY_COMPONENT_COLUMNS, "maturite_score", "Score de maturité"),
            self.h2("fragilite"),
            _p(FRAGILITY_HELP, st["small"]),
            Spacer(1, 2),
            self._components(fragility_component_columns(self.f.parameters), "fragilite_score", "Score de fragilité"),
        ]

    def progression(self) -> list:
        st, p = self.st, self.f.progression
        out = [self.h2("progression")]
        if p is None:
            return out + [_p("Les actions qui feraient passer la commune à la classe suivante ne sont pas calculées "
                             "pour cette commune.", st["body"])]
        out.append(_p(p.phrase, st["body"]))
        if p.actions:
            rows = [["Action", "Points ajoutés"]] + [
                [_p(a.libelle, st["cell"]), f"+{decimal(a.points)}"] for a in p.actions[:LIMITS["actions"]]]
            rows += _more_row(len(p.actions), LIMITS["actions"], 2, 0, st["cell"])
            out.append(_compact(_table(rows, [CONTENT_W - 2.6 * cm, 2.6 * cm], align_right=(1,))))
        return out

    def peers(self) -> list:
        st, frame = self.st, self.f.peers
        out = [self.h2("pairs")]
        if frame.empty:
            return out + [_p("Aucun pair : aucune variable du profil de cette commune n'est connue.", st["body"])]
        own = (self.f.indicators or {}).get("maturite_score")
        scores = [None if is_missing(s) else float(s) for s in frame["maturite_score"]]
        out.append(_p(rank_sentence(self.c["nom"], "commune", None if is_missing(own) else float(own), scores),
                      st["small"]))
        rows = [["", "Commune", "Classe", "Maturité"]] + [
            [str(r.rang), _p(f"{r.nom} ({r.code})", st["cell"]), _class_cell(r.maturite_classe, st["cell"]),
             _value(r.maturite_score)] for r in frame.head(LIMITS["pairs"]).itertuples(index=False)]
        rows += _more_row(len(frame), LIMITS["pairs"], 4, 1, st["cell"])
        out.append(_compact(_table(rows, [0.6 * cm, LEFT_W - 4.6 * cm, 2.7 * cm, 1.3 * cm], align_right=(0, 3))))
        return out

    def catalysts(self) -> list:
        st, frame = self.st, self.f.catalysts
        out = [self.h2("catalyseurs")]
        if frame.empty:
            return out + [_p("Aucun catalyseur connu dans cette zone.", st["body"])]
        rows = [["Catalyseur", "Implanté à", "Distance", "Contact"]]
        contacts = 0
        for r in frame.itertuples(index=False):
            what = f"<b>{escape(r.nom)}</b> — {escape(STRUCTURES.get(r.type_structure, r.type_structure))}"
            if r.couvre_la_commune:
                what += " ; couvre la commune"
            contact = _contact_markup(r.telephone, r.email, r.site)
            contacts += bool(contact)
            rows.append([Paragraph(what, st["cell"]), _p(f"{r.commune_nom} ({r.commune})", st["cell"]),
                         km(r.distance_km), Paragraph(" · ".join(v for _, v in contact) or "non renseigné", st["cell"])])
        out.append(_compact(_table(rows, [5.6 * cm, 3.2 * cm, 1.6 * cm, CONTENT_W - 10.4 * cm], align_right=(2,))))
        note = "Distance à vol d'oiseau entre les communes."
        if contacts < len(frame):
            note += " Contact : tel que le fichier des catalyseurs le donne (absent pour certains)."
        out.append(_p(note, st["small"]))
        return out

    def contracts(self) -> list:
        st = self.st
        lines: list[str] = []
        crte = self.f.crte
        for r in crte.head(LIMITS["crte"]).itertuples(index=False):
            signed = f", signé le {date_courte(r.date_signature)}" if not is_missing(r.date_signature) else ""
            lines.append(f"{r.nom} : {CRTE_STATUTS.get(r.statut, r.statut).lower()}{signed}")
        if len(crte) > LIMITS["crte"]:
            lines.append(f"{more_text(len(crte) - LIMITS['crte'])} CRTE")
        if crte.empty:
            lines.append("Aucun CRTE connu ne couvre la commune.")
        programmes = self.f.programmes
        for r in programmes.head(LIMITS["programmes"]).itertuples(index=False):
            name = r.nom if not is_missing(r.nom) else r.id
            signed = f" (signé le {date_courte(r.date_signature)})" if not is_missing(r.date_signature) else ""
            lines.append(f"{r.libelle} : {name}{signed}")
        if len(programmes) > LIMITS["programmes"]:
            lines.append(f"{more_text(len(programmes) - LIMITS['programmes'])} contrats ou sites de programmes")
        if programmes.empty:
            lines.append("Aucun programme de l'État chargé ne couvre la commune.")
        return [self.h2("contrats"), *[_p(f"• {line}", st["body"]) for line in lines]]

    def mairie(self) -> list:
        m, st = self.f.mairie, self.st
        out = [self.h2("mairie")]
        if not m:
            return out + [_p("Coordonnées de la mairie non connues de l'entrepôt.", st["body"])]
        lines = [("Adresse", escape((m.get("adresse") or "").replace("\n", ", ")))] if m.get("adresse") else []
        lines += _contact_markup(m.get("telephone"), m.get("email"), m.get("site"))
        return out + [Paragraph(f"{label} : {value}", st["body"]) for label, value in lines]

    def sources(self) -> list:
        v = self.f.vintage
        return [Spacer(1, 4), _p(f"{SECTIONS['sources']} : {v.describe()}. Millésime des données : {published_text(v)}. "
                                 "Méthode des scores : page « Méthodologie » de l'Atlas.", self.st["small"])]

    # ------------------------------------------------------------------ page
    def story(self) -> list:
        return [
            *self.header(),
            _columns(self.map(), self.scores()),
            *self.progression(),
            _columns(self.peers(), [*self.contracts(), *self.mairie()]),
            *self.catalysts(),
            *self.sources(),
        ]

    def decorate(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(MARGIN, 0.7 * cm, f"Atlas des alliances territoriales · fiche de {self.c['nom']} "
                                            f"({self.c['code']}) · {date_courte(self.f.generated_on)}")
        canvas.restoreState()
        draw_demo_label(canvas, self.f.demo_label, MARGIN)


def render_fiche(fiche: Fiche) -> bytes:
    """The one-page A4 PDF of ``fiche`` (shrunk to fit if its content would overflow)."""
    _register_fonts()
    page = _Page(fiche)
    buffer = io.BytesIO()
    subject = "Cartes, scores de maturité et de fragilité, pairs, catalyseurs, CRTE et programmes"
    if fiche.demo_label:
        subject += f" ({fiche.demo_label})"
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP, bottomMargin=BOTTOM,
        title=f"Fiche commune — {fiche.commune['nom']} ({fiche.commune['code']})",
        author="Atlas des alliances territoriales", subject=subject, creator="Atlas des alliances territoriales",
        lang="fr-FR",
    )
    doc.build([KeepInFrame(CONTENT_W, FRAME_H, page.story(), mode="shrink")], onFirstPage=page.decorate)
    return buffer.getvalue()
