"""The export of one mesure: its identity, every point d'étape (national and by région),
every value of its indicators with the progress rate and the alliances, experimentations and
catalyseurs linked to it, read once (:func:`load_measure`) and
rendered as a workbook (XLSX, here; text that would run as a formula is written as text,
:func:`exports.xlsx._styled`) or a one-page PDF (:mod:`exports.mesure_pdf`)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from atlas.mesure_links import MeasureLinks, kind_label, place_text, read_links, situation_text
from atlas.vocabulary import DEMO_TITLE
from atlas.warehouse import fetch_df

from .labels import MESURE_STATUTS
from .xlsx import _styled

__all__ = ["MeasureExport", "MEASURE_FORMATS", "LINK_HEADER", "load_measure", "measure_workbook", "measure_file_name",
           "render_measure", "RATE_NOTE"]

#: Formats of a mesure's export.
MEASURE_FORMATS = ("xlsx", "pdf")
#: How the rate reads, in the exports.
RATE_NOTE = ("(valeur actuelle − valeur initiale) / (cible − valeur initiale), borné entre 0 % et 100 % ; "
             "vide quand une valeur manque ou que la cible égale la valeur initiale")


@dataclass(frozen=True)
class MeasureExport:
    """What a mesure's export shows."""

    identity: pd.Series
    points: pd.DataFrame  # date_point, echelon, statut (label), avancement, commentaire, demo
    values: pd.DataFrame  # indicateur, libelle, unite, echelon, date_valeur, valeurs, taux, demo
    links: MeasureLinks  # the alliances, experimentations and catalyseurs linked to it

    @property
    def demo(self) -> bool:
        return bool(self.identity["demo"] or self.points["demo"].any() or self.values["demo"].any()
                    or self.links.rows["demo"].any())

    def link_rows(self) -> list[tuple[str, str, str, str, str]]:
        """The linked rows as the exports write them: type, id, title, place, situation."""
        return [(kind_label(r["entite"]), r["id"], r["intitule"], place_text(r), situation_text(r))
                for r in self.links.rows.to_dict("records")]


def load_measure(con, mesure_id: str) -> MeasureExport | None:
    """The mesure ``mesure_id`` and its rows; None when the referential has no such mesure."""
    identity = fetch_df(con, "exports/mesure", mesure=mesure_id)
    if identity.empty:
        return None
    points = fetch_df(con, "exports/mesure_points", mesure=mesure_id)
    points["statut"] = points["statut"].map(lambda s: MESURE_STATUTS.get(s, s))
    return MeasureExport(identity.iloc[0], points, fetch_df(con, "exports/mesure_indicateurs", mesure=mesure_id),
                         read_links(con, mesure_id))


def render_measure(con, mesure_id: str, fmt: str) -> bytes | None:
    """The export of ``mesure_id`` in ``fmt`` (:data:`MEASURE_FORMATS`); None for an unknown mesure."""
    measure = load_measure(con, mesure_id)
    if measure is None:
        return None
    if fmt == "pdf":
        from .mesure_pdf import measure_pdf

        return measure_pdf(measure)
    return measure_workbook(measure)

_BOLD = Font(bold=True)
_POINTS = ("Date", "Échelon", "Statut", "Avancement (%)", "Commentaire")
_INDICATORS = ("Indicateur", "Libellé", "Unité", "Échelon", "Date", "Valeur initiale", "Valeur actuelle", "Cible",
               "Taux d'avancement")
#: Header of the sheet of the linked rows (:meth:`MeasureExport.link_rows`).
LINK_HEADER = ("Type", "Identifiant", "Intitulé", "Lieu", "Situation")


def measure_file_name(mesure_id: str, fmt: str) -> str:
    """``mesure-M05.xlsx`` (the id is one of the referential's, checked before)."""
    return f"mesure-{mesure_id}.{fmt}"


def _value(value):
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _sheet(wb: Workbook, title: str, header, frame: pd.DataFrame, columns, formats: dict[int, str]) -> None:
    ws = wb.create_sheet(title)
    ws.append([_styled(ws, h, font=_BOLD) for h in header])
    for row in frame[list(columns)].itertuples(index=False):
        ws.append([_styled(ws, _value(v), number_format=formats.get(i)) for i, v in enumerate(row)])


def _links_sheet(wb: Workbook, measure: MeasureExport) -> None:
    """Sheet « Liens »: one row per linked alliance, experimentation or catalyseur, or the sentence saying why none."""
    ws = wb.create_sheet("Liens")
    ws.append([_styled(ws, h, font=_BOLD) for h in LINK_HEADER])
    for row in measure.link_rows():
        ws.append([_styled(ws, v) for v in row])
    if not len(measure.links.rows):
        ws.append([_styled(ws, measure.links.empty_text())])


def measure_workbook(measure: MeasureExport) -> bytes:
    """The workbook of a mesure: « Mesure », « Points d'étape », « Indicateurs », « Liens »."""
    row, points, values, demo = measure.identity, measure.points, measure.values, measure.demo
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Mesure")
    lines = [("Mesure", f"{row['id']} — {row['libelle']}"), ("Chantier", f"{row['chantier']} — {row['chantier_libelle']}"),
             ("Levier de déploiement", f"{row['levier']} — {row['levier_libelle']}"),
             ("Points d'étape", len(points)), ("Valeurs d'indicateurs", len(values)),
             ("Alliances, expérimentations et catalyseurs liés", measure.links.counts_text()
              or measure.links.empty_text()),
             ("Taux d'avancement", RATE_NOTE)]
    if demo:
        lines.insert(0, (DEMO_TITLE, "générées pour la démonstration, sans portée réelle"))
    for label, value in lines:
        ws.append([_styled(ws, label, font=_BOLD), _styled(ws, value)])
    _sheet(wb, "Points d'étape", _POINTS, points, ("date_point", "echelon", "statut", "avancement", "commentaire"),
           {0: "DD/MM/YYYY"})
    _sheet(wb, "Indicateurs", _INDICATORS, values, ("indicateur", "libelle", "unite", "echelon", "date_valeur",
                                                    "valeur_initiale", "valeur_actuelle", "cible", "taux"),
           {4: "DD/MM/YYYY", 8: "0.0%"})
    _links_sheet(wb, measure)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
