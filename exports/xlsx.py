"""XLSX: one sheet per table, typed cells, French headers, frozen header row, filters.

A first sheet, « Informations », says which territory, when, from which data, and
whether the data are demonstration data; each table sheet also carries that mention
in its printed header. Every text cell that a spreadsheet
would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) goes through
:func:`_styled`, written as text with Excel's quote prefix, never as a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from atlas.parameters import class_thresholds_text
from atlas.vocabulary import DEMO_TITLE, LEVELS

from .labels import DEMO_LABEL, SHEET_TITLES, TABLES, Column
from .snapshot import Snapshot
from .values import date_courte, looks_like_formula, rows

__all__ = ["render_xlsx", "SHEETS"]

#: Table sheets in workbook order (after « Informations »).
SHEETS = ("communes", "epci", "alliances", "crte", "programmes", "experimentations", "catalyseurs", "mesures")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_FORMATS = {
    "int": "#,##0",
    "date": "DD/MM/YYYY",
}


def _number_format(column: Column) -> str | None:
    if column.kind in ("float", "measure"):
        return "#,##0" if column.decimals == 0 else "#,##0." + "0" * column.decimals
    if column.kind == "share":
        return "0." + "0" * column.decimals + "%"
    return _FORMATS.get(column.kind)


def _frame(snapshot: Snapshot, name: str):
    if name in ("communes", "epci"):
        return getattr(snapshot, name).drop(columns="geometry")
    return getattr(snapshot, name)


def _styled(ws, value, *, font: Font | None = None, fill: PatternFill | None = None,
            number_format: str | None = None, wrap: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if looks_like_formula(value):
        cell.data_type = "s"  # openpyxl reads a text starting with "=" as a formula
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _info_sheet(wb: Workbook, snapshot: Snapshot) -> None:
    t, vintage = snapshot.territory, snapshot.vintage
    ws = wb.create_sheet("Informations")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    ws.append([_styled(ws, "Atlas des alliances territoriales : instantané territorial", font=Font(bold=True, size=14))])
    lines = [
        ("Territoire", f"{t.niveau_label} {t.nom}"),
        ("Code", t.code),
        (LEVELS["region"].title, t.region_nom),
        ("Date de l'instantané", snapshot.generated_on),
        ("Nombre de communes", t.communes),
        ("Entrepôt publié le", vintage.published_at.date() if vintage.published_at else None),
        ("Exécution n°", vintage.run_id),
    ]
    for source in vintage.sources:
        lines.append(("Source", f"{source.nom} {source.version}".strip()))
    lines.append((DEMO_TITLE, snapshot.vintage.status.demo_list() if snapshot.demo else "aucune"))
    lines.append(("Classes de maturité", class_thresholds_text(snapshot.parameters)))
    ws.append([])
    for label, value in lines:
        fmt = "DD/MM/YYYY" if hasattr(value, "year") else None
        ws.append([_styled(ws, label, font=_HEADER_FONT), _styled(ws, value, number_format=fmt)])
    if snapshot.demo:
        ws.append([])
        ws.append([_styled(
            ws,
            f"Attention : {snapshot.demo_label} ; ces données sont générées pour la démonstration. "
            f"Données réelles : {snapshot.vintage.status.real_list()}.",
            font=Font(bold=True),
        )])
    ws.append([])
    ws.append([_styled(ws, "Feuille", font=_HEADER_FONT), _styled(ws, "Contenu", font=_HEADER_FONT)])
    descriptions = {
        "communes": "communes du territoire, scores de maturité et de fragilité, rang de priorité, composantes",
        "epci": "EPCI ayant au moins une commune dans le territoire (indicateurs calculés sur tout l'EPCI)",
        "alliances": "alliances qui concernent au moins une commune du territoire",
        "crte": "contrats de relance et de transition écologique dont le périmètre touche le territoire",
        "programmes": "contrats ou sites des programmes de l'État (ANCT) qui couvrent au moins une commune du "
                      "territoire, avec le fichier publié dont ils viennent",
        "experimentations": "expérimentations du Fonds ODD 17 localisées dans le territoire",
        "catalyseurs": "catalyseurs territoriaux implantés dans le territoire ou le couvrant en partie",
        "mesures": f"dernier point d'étape de chaque mesure pour la région {t.region_nom} (régional, sinon national)",
    }
    for name in SHEETS:
        ws.append([_styled(ws, SHEET_TITLES[name]), _styled(ws, descriptions[name])])


def _table_sheet(wb: Workbook, snapshot: Snapshot, name: str) -> None:
    columns = TABLES[name]
    data = list(rows(_frame(snapshot, name), columns))
    ws = wb.create_sheet(SHEET_TITLES[name])
    # Sheet properties first: a write-only sheet writes them before its rows.
    for index, column in enumerate(columns):
        width = min(max(len(column.header) * 0.55, 10), 40)
        if column.kind == "text" and data:
            longest = max((len(row[index]) for row in data if row[index] is not None), default=0)
            width = min(max(width, longest * 1.05), 60)
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(data) + 1}"
    ws.print_title_rows = "1:1"
    ws.oddFooter.left.text = (
        f"{snapshot.territory.niveau_label} {snapshot.territory.label} · {date_courte(snapshot.generated_on)}"
    )
    if snapshot.demo:
        ws.oddHeader.center.text = snapshot.demo_label
    ws.row_dimensions[1].height = 45
    ws.append([_styled(ws, c.header, font=_HEADER_FONT, fill=_HEADER_FILL, wrap=True) for c in columns])
    formats = [_number_format(c) for c in columns]
    for row in data:
        ws.append([
            _styled(ws, value, number_format=fmt)
            if (fmt and value is not None) or looks_like_formula(value) else value
            for value, fmt in zip(row, formats)
        ])


def render_xlsx(snapshot: Snapshot) -> bytes:
    """The workbook of ``snapshot``."""
    wb = Workbook(write_only=True)
    _info_sheet(wb, snapshot)
    for name in SHEETS:
        _table_sheet(wb, snapshot, name)
    t = snapshot.territory
    wb.properties.title = f"Instantané territorial — {t.niveau_label} {t.label}"
    wb.properties.creator = "Atlas des alliances territoriales"
    wb.properties.language = "fr-FR"
    if snapshot.demo:
        wb.properties.subject = snapshot.demo_label
        wb.properties.keywords = DEMO_LABEL
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
