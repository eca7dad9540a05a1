"""XLSX templates of the domain input files, generated from :data:`atlas.entities.ENTITIES`.

One workbook per entity, named like the file the ETL expects (``alliances.xlsx``…), so a
filled template goes straight into ``territoires etl --data`` or the « Importer » page:

- sheet ``<entity>`` (the sheet the loader reads): the header row with the documented
  columns, preceded by the :data:`~atlas.entities.EXAMPLE_COLUMN` column; three example
  rows marked « oui » in that column (the loader skips them and says so); number, date and
  text formats set on the columns (codes and lists are text, so leading zeros survive);
  drop-down lists (Excel data validation) for every closed vocabulary, numeric bounds
  checked on entry, and in a filled template the published ids for a column referencing
  another file (the ``mesure`` columns: :func:`reference_values`);
- sheet ``colonnes``: each column explained in French (type, required or not, example,
  allowed values, bounds), then the rules spanning several columns;
- hidden sheet ``listes``: the closed lists the drop-downs refer to by range.

:func:`warehouse_rows` reads the published data of an entity back in the file's shape
(``queries/exports/modeles/``): :func:`render_template` with those rows is the starting
point of an update.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from atlas.entities import (
    DATE_FORMATS,
    ENTITIES,
    ENTITY_TABLES,
    EXAMPLE_COLUMN,
    LIST_SEPARATOR,
    ColumnSpec,
    EntitySpec,
    type_label,
)
from atlas.warehouse import fetch_df

from .values import looks_like_formula

__all__ = [
    "EXAMPLE_MARK",
    "EXAMPLE_ROWS",
    "HELP_SHEET",
    "LISTS_SHEET",
    "template_name",
    "closed_values",
    "cell_value",
    "example_rows",
    "warehouse_rows",
    "reference_values",
    "published_counts",
    "PUBLISHED_TABLES",
    "render_template",
    "write_templates",
]

#: Value of the ``exemple`` cell of the example rows (a true value for the loader).
EXAMPLE_MARK = "oui"
#: Number of example rows of a blank template.
EXAMPLE_ROWS = 3
#: Title of the sheet explaining the columns.
HELP_SHEET = "colonnes"
#: Title of the hidden sheet holding the closed lists.
LISTS_SHEET = "listes"
#: Rows below the header that carry the column formats in a new workbook.
_FORMATTED_ROWS = 500
#: Drop-down and entry checks apply down to this row.
_LAST_ROW = 10000
#: The largest bounded integer range offered as a drop-down (ODD 1 to 17).
_MAX_RANGE_CHOICES = 31
_BOOL_CHOICES = ("oui", "non")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_EXAMPLE_FONT = Font(italic=True, color="7F7F7F")
_WRAP = Alignment(wrap_text=True, vertical="top")

#: Excel number format of each scalar type (codes, texts, lists: text « @ »).
_NUMBER_FORMATS = {"int": "0", "float": "#,##0.##", "date": "DD/MM/YYYY"}
_TEXT_FORMAT = "@"

#: The published data of each entity, in its file's shape.
_QUERIES = "exports/modeles"

#: The values a reference column may take (``"mesures.id"`` -> the published mesure ids).
References = Mapping[str, Sequence[str]]


def template_name(spec: EntitySpec) -> str:
    """File name of the template of ``spec``: the name the ETL expects (``alliances.xlsx``)."""
    return f"{spec.file_stem}.xlsx"


def _number_format(column: ColumnSpec) -> str:
    if column.is_list:
        return _TEXT_FORMAT
    return _NUMBER_FORMATS.get(column.item_type, _TEXT_FORMAT)


def closed_values(column: ColumnSpec, references: References | None = None) -> tuple[str, ...]:
    """What the drop-down of ``column`` offers, () for none: the French labels of a closed
    list (the loader accepts a label as well as its code), oui/non for a boolean, every
    integer of a small bounded range (ODD 1 to 17), the published values a reference column
    points to when ``references`` gives them (the mesure ids, see :func:`reference_values`).

    >>> from atlas.entities import ENTITIES
    >>> closed_values(ENTITIES["alliances"].column("odd"))[:3]
    ('1', '2', '3')
    >>> closed_values(ENTITIES["alliances"].column("forme"))[0]
    'Mécénat'
    """
    if column.item_type == "enum":
        return tuple(c.label for c in column.choices)
    if column.item_type == "bool":
        return _BOOL_CHOICES
    if column.references:
        return tuple((references or {}).get(column.references, ()))
    lo, hi = column.minimum, column.maximum
    if column.item_type == "int" and isinstance(lo, int) and isinstance(hi, int):
        if hi - lo < _MAX_RANGE_CHOICES:
            return tuple(str(i) for i in range(lo, hi + 1))
    return ()


def _bounds_text(column: ColumnSpec) -> str:
    lo, hi = column.bounds()
    parts = []
    if isinstance(lo, dt.date):
        lo, hi = lo.strftime("%d/%m/%Y"), hi.strftime("%d/%m/%Y")
    if lo is not None:
        parts.append(f"au moins {lo}")
    if hi is not None:
        parts.append(f"au plus {hi}")
    text = " et ".join(parts)
    if column.unit:
        text = f"{text} ({column.unit})" if text else f"en {column.unit}"
    return text


def _allowed_text(column: ColumnSpec) -> str:
    if column.item_type == "enum":
        return "\n".join(f"{c.label} (code {c.value})" for c in column.choices)
    if column.item_type == "bool":
        return "oui ou non (vide = non)" if column.default == "false" else "oui ou non"
    return ""


def _prompt(column: ColumnSpec) -> str:
    """The help shown when a cell of the column is selected (at most 255 characters)."""
    text = column.description
    if column.is_list:
        text += f" Plusieurs valeurs séparées par « {LIST_SEPARATOR} »."
    return text if len(text) <= 255 else text[:254] + "…"


# --------------------------------------------------------------------------- rows


def cell_value(column: ColumnSpec, value: object) -> object:
    """A value of the loaded shape as the template cell holds it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column.is_list:
        items = list(value) if not isinstance(value, str) else value.split(LIST_SEPARATOR)
        if column.item_type == "enum":
            items = [column.label_of(str(i)) for i in items]
        return LIST_SEPARATOR.join(str(i) for i in items) or None
    kind = column.item_type
    if kind == "enum":
        return column.label_of(str(value))
    if kind == "bool":
        return _BOOL_CHOICES[0] if value in (True, "true") else _BOOL_CHOICES[1]
    if kind == "date" and isinstance(value, str):
        return _parse_date(value)
    if kind == "date" and isinstance(value, dt.datetime):
        return value.date()
    if kind == "date" and isinstance(value, dt.date):
        return value
    if kind in ("int", "float"):
        return _number(value, kind == "int")
    return str(value)


def _number(value: object, integer: bool) -> object:
    """A number from a loaded value or a documented example (« 14,2 », « 45 000 »)."""
    if isinstance(value, str):
        text = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            return value
    return int(value) if integer else float(value)


def _parse_date(text: str) -> dt.date | str:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return text


def _varied(spec: EntitySpec, column: ColumnSpec, k: int) -> str:
    """The documented example of ``column``, varied for the ``k``-th example row so that the
    examples have distinct keys: another value of a closed list, a suffixed ``id``, a key
    date or year ``k`` years later."""
    example = column.example
    if k == 0 or not example or column.is_list:
        return example
    if column.item_type == "enum":
        return column.choices[k % len(column.choices)].value
    if column.name == "id":
        return f"{example}-{k + 1}"
    if column.name in spec.primary_key and (column.year or column.item_type == "date"):
        return str(int(example[:4]) + k) + example[4:]
    return example


def _left_empty(spec: EntitySpec, k: int) -> set[str]:
    """Columns the ``k``-th example leaves empty: of « exactly one of » columns, it fills one
    in turn; the demo flag keeps its default."""
    empty = {c.name for c in spec.columns if c.item_type == "bool" and c.default is not None}
    for rule in spec.rules:
        if rule.kind == "exactly_one_of":
            empty |= set(rule.columns) - {rule.columns[k % len(rule.columns)]}
    return empty


def example_rows(spec: EntitySpec) -> list[dict[str, object]]:
    """The :data:`EXAMPLE_ROWS` example rows of ``spec``, from the documented examples."""
    rows = []
    for k in range(EXAMPLE_ROWS):
        empty = _left_empty(spec, k)
        rows.append({
            c.name: None if c.name in empty else cell_value(c, _varied(spec, c, k) or None)
            for c in spec.columns
        })
    return rows


def reference_values(con) -> dict[str, tuple[str, ...]]:
    """The published values of every column a reference column points to (``"mesures.id"``):
    what the drop-down of a filled template offers."""
    targets = sorted({c.references for s in ENTITIES.values() for c in s.columns if c.references})
    out: dict[str, tuple[str, ...]] = {}
    for target in targets:
        entity, column = target.split(".", 1)
        frame = fetch_df(con, f"{_QUERIES}/{entity}")
        out[target] = tuple(str(v) for v in frame[column].dropna())
    return out


def warehouse_rows(con, spec: EntitySpec) -> list[dict[str, object]]:
    """The published rows of ``spec`` in its file's shape (lists as Python lists)."""
    frame = fetch_df(con, f"{_QUERIES}/{spec.name}")
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{c.name: cell_value(c, row.get(c.name)) for c in spec.columns} for row in records]


#: The published table holding the rows of each input entity.
PUBLISHED_TABLES = ENTITY_TABLES


def published_counts(con) -> dict[str, int]:
    """Published rows of each input entity, by entity name."""
    frame = fetch_df(con, "etl/nombre_lignes")
    rows = dict(zip(frame["table_name"], frame["lignes"], strict=True))
    return {entity: int(rows.get(table, 0)) for entity, table in PUBLISHED_TABLES.items()}


# --------------------------------------------------------------------------- workbook


def _cell(ws, value: object, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if looks_like_formula(value):
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
    for name, setting in style.items():
        if setting is not None:
            setattr(cell, name, setting)
    return cell


def _list_ranges(spec: EntitySpec, references: References | None) -> dict[str, str]:
    """Column name -> absolute range of its closed list on the hidden sheet."""
    ranges: dict[str, str] = {}
    for index, column in enumerate(c for c in spec.columns if closed_values(c, references)):
        letter = get_column_letter(index + 1)
        count = len(closed_values(column, references))
        ranges[column.name] = (
            f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${count + 1}"
        )
    return ranges


def _validations(spec: EntitySpec, ranges: Mapping[str, str]) -> list[DataValidation]:
    """One data validation per column that has a drop-down or bounds."""
    out: list[DataValidation] = []
    for index, column in enumerate(spec.columns, start=2):
        letter = get_column_letter(index)
        area = f"{letter}2:{letter}{_LAST_ROW}"
        if column.name in ranges:
            # A list cell holds several values, a reference may name a row added beside: the
            # drop-down helps, other text is allowed.
            dv = DataValidation(
                type="list",
                formula1=f"={ranges[column.name]}",
                allow_blank=True,
                errorStyle="information" if column.is_list or column.references else "stop",
                errorTitle="Valeur hors liste",
                error="Choisir une valeur de la liste (voir la feuille « colonnes »).",
            )
        elif column.item_type in ("int", "float") and not column.is_list and (
            column.minimum is not None or column.maximum is not None
        ):
            lo, hi = column.bounds()
            dv = DataValidation(
                type="whole" if column.item_type == "int" else "decimal",
                operator="between",
                formula1=str(lo if lo is not None else -1e15),
                formula2=str(hi if hi is not None else 1e15),
                allow_blank=True,
                errorStyle="stop",
                errorTitle="Nombre hors bornes",
                error=f"Attendu un nombre {_bounds_text(column)}.",
            )
        else:
            dv = DataValidation(allow_blank=True)
        dv.showInputMessage = True
        dv.promptTitle = column.name[:32]
        dv.prompt = _prompt(column)
        dv.add(area)
        out.append(dv)
    return out


def _data_sheet(wb: Workbook, spec: EntitySpec, rows: Sequence[Mapping[str, object]],
                examples: int, references: References | None) -> None:
    ws = wb.create_sheet(spec.name)
    ranges = _list_ranges(spec, references)
    for dv in _validations(spec, ranges):
        ws.data_validations.append(dv)
    widths = [10] + [max(12, min(40, len(c.name) + 4, len(c.example) + 4)) for c in spec.columns]
    formats = [_TEXT_FORMAT] + [_number_format(c) for c in spec.columns]
    for index, (width, fmt) in enumerate(zip(widths, formats, strict=True), start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = width
        dimension.number_format = fmt
    ws.freeze_panes = "C2"
    header = [_cell(ws, EXAMPLE_COLUMN, font=_HEADER_FONT, fill=_HEADER_FILL)]
    header += [
        _cell(ws, c.name, font=_HEADER_FONT, fill=_REQUIRED_FILL if c.required else _HEADER_FILL)
        for c in spec.columns
    ]
    ws.append(header)
    for k, row in enumerate(rows):
        example = k < examples
        font = _EXAMPLE_FONT if example else None
        cells = [_cell(ws, EXAMPLE_MARK if example else None, font=font, number_format=_TEXT_FORMAT)]
        cells += [
            _cell(ws, row.get(c.name), font=font, number_format=fmt)
            for c, fmt in zip(spec.columns, formats[1:], strict=True)
        ]
        ws.append(cells)
    for _ in range(_FORMATTED_ROWS):
        ws.append([_cell(ws, None, number_format=fmt) for fmt in formats])


def _help_sheet(wb: Workbook, spec: EntitySpec) -> None:
    ws = wb.create_sheet(HELP_SHEET)
    for letter, width in zip("ABCDEFG", (22, 12, 24, 60, 28, 40, 28), strict=True):
        ws.column_dimensions[letter].width = width
    bold = {"font": _HEADER_FONT}
    ws.append([_cell(ws, f"{spec.label} — fichier {template_name(spec)}", **bold)])
    ws.append([_cell(ws, spec.description, alignment=_WRAP)])
    for line in (
        f"Une ligne par enregistrement, sous la ligne d'en-tête de la feuille « {spec.name} ». "
        "Les colonnes en orange sont obligatoires.",
        f"Les lignes marquées « {EXAMPLE_MARK} » dans la colonne « {EXAMPLE_COLUMN} » sont des "
        "exemples : elles ne sont jamais chargées (les supprimer ou les laisser).",
        f"Dates au format JJ/MM/AAAA ; listes : valeurs séparées par « {LIST_SEPARATOR} » "
        "(ex. 12145|12208) ; codes INSEE et SIREN saisis comme du texte (zéros en tête gardés).",
        "Listes fermées : choisir dans la liste déroulante ; le libellé ou le code est accepté.",
    ):
        ws.append([_cell(ws, line)])
    ws.append([])
    titles = ("colonne", "obligatoire", "type", "description", "exemple", "valeurs permises",
              "bornes")
    ws.append([_cell(ws, t, font=_HEADER_FONT, fill=_HEADER_FILL) for t in titles])
    for column in spec.columns:
        values = (
            column.name,
            "oui" if column.required else "non",
            type_label(column.type),
            column.description,
            column.example,
            _allowed_text(column),
            _bounds_text(column),
        )
        ws.append([_cell(ws, v, alignment=_WRAP) for v in values])
    if spec.rules:
        ws.append([])
        ws.append([_cell(ws, "Règles entre colonnes", **bold)])
        for rule in spec.rules:
            ws.append([_cell(ws, ", ".join(rule.columns)), None, None,
                       _cell(ws, rule.message, alignment=_WRAP)])


def _lists_sheet(wb: Workbook, spec: EntitySpec, references: References | None) -> None:
    ws = wb.create_sheet(LISTS_SHEET)
    lists = [(c.name, closed_values(c, references)) for c in spec.columns if closed_values(c, references)]
    ws.append([c for c, _ in lists] or [None])
    depth = max((len(v) for _, v in lists), default=0)
    for k in range(depth):
        ws.append([values[k] if k < len(values) else None for _, values in lists])
    ws.sheet_state = "hidden"


def render_template(spec: EntitySpec, rows: Iterable[Mapping[str, object]] | None = None,
                    references: References | None = None) -> bytes:
    """The XLSX template of ``spec``: with ``rows`` (:func:`warehouse_rows`) filled with
    them, else blank with :data:`EXAMPLE_ROWS` example rows; ``references``
    (:func:`reference_values`) gives the drop-downs of its reference columns."""
    data = list(rows) if rows is not None else example_rows(spec)
    wb = Workbook(write_only=True)
    _data_sheet(wb, spec, data, examples=0 if rows is not None else len(data), references=references)
    _help_sheet(wb, spec)
    _lists_sheet(wb, spec, references)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_templates(out: Path, con=None, names: Iterable[str] | None = None) -> list[Path]:
    """Write the template of every entity (or of those ``names``) into ``out``; filled with
    the published data of the warehouse ``con`` when given. Returns the paths written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    wanted = set(ENTITIES if names is None else names)
    references = reference_values(con) if con is not None else None
    for spec in (s for s in ENTITIES.values() if s.name in wanted):
        rows = warehouse_rows(con, spec) if con is not None else None
        path = out / template_name(spec)
        path.write_bytes(render_template(spec, rows, references))
        written.append(path)
    return written
