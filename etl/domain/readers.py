"""Read one domain input file (CSV, XLSX or Parquet) into header and rows of raw cells.

Nothing here knows the column types: cells come back as the file holds them (text for
CSV, the cell's own Python value for XLSX and Parquet) and the loader turns them into
text before parsing. Every problem that makes a file unusable raises
:class:`~etl.domain.errors.DomainFileError` with a French message naming the file.

Line numbers are those a user sees in a spreadsheet: the header is line 1 when it is
the first line, a CSV record spanning several physical lines (a quoted cell with a line
break) counts as one line, an XLSX row keeps its sheet row number, and the Parquet row
of index ``i`` is line ``i + 2``. Rows whose cells are all empty are skipped and only
counted in :attr:`RawTable.blank_rows`.

One rule for NUL characters, whatever the format and wherever they are: a file holding
one is unusable (a CSV is then binary, UTF-16 or damaged; a workbook or Parquet cell that
holds one is damaged), and the message gives the line, and the column when the format
tells it.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DomainFileError
from atlas.entities import CSV_ENCODINGS, CSV_SEPARATORS, EntitySpec, choice_key

__all__ = ["RawTable", "read_table", "is_empty_cell", "ENCODING_LABELS"]

#: French names of the encodings of :data:`CSV_ENCODINGS`, for messages.
ENCODING_LABELS: dict[str, str] = {
    "utf-8-sig": "UTF-8 (avec ou sans BOM)",
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252 (cp1252)",
    "latin-1": "Latin-1 (ISO-8859-1)",
}

_SEPARATOR_LABELS = {";": "point-virgule « ; »", ",": "virgule « , »", "\t": "tabulation"}


@dataclass
class RawTable:
    """The header and the non-blank rows of one file."""

    file: str
    format: str
    header: list[str]
    header_line: int
    rows: list[tuple[int, list[object]]]
    blank_rows: int = 0
    separator: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)
    #: line of a CSV record whose quoted cell is never closed (it swallows the end of the file)
    unclosed_quote_line: int | None = None


def is_empty_cell(value: object) -> bool:
    """True for a cell holding nothing: None, blank text or a float NaN."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return False


def _header_text(value: object) -> str:
    if is_empty_cell(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _split(file: str, records, first_line: int = 1) -> tuple[list[str], int, list, int]:
    """Header (first non-blank record), its line, the non-blank data rows, the blank count."""
    header: list[str] | None = None
    header_line = 0
    rows: list[tuple[int, list[object]]] = []
    blank = 0
    for line, cells in enumerate(records, start=first_line):
        cells = list(cells)
        if not any(c.strip() if isinstance(c, str) else not is_empty_cell(c) for c in cells):
            if header is not None:
                blank += 1
            continue
        if header is None:
            header = [_header_text(c) for c in cells]
            header_line = line
        else:
            rows.append((line, cells))
    if header is None:
        raise DomainFileError(
            f"fichier {file} : fichier vide, aucune ligne d'en-tête ; attendu une première "
            "ligne donnant les noms des colonnes",
            files=(file,),
        )
    return header, header_line, rows, blank


# --------------------------------------------------------------------------- CSV


_SAVE_AS_CSV = "enregistrer le fichier au format CSV en UTF-8 (ou Windows-1252)"


def _nul_error(file: str, line: int, column: str | None, what: str, hint: str) -> DomainFileError:
    where = f"ligne {line}" + (f", colonne « {column} »" if column else "")
    return DomainFileError(
        f"fichier {file} : caractère nul (octet 0x00) {where} ; {what} ; {hint}", files=(file,)
    )


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, bytes):
        return b"\x00" in value
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    return False


def _refuse_nul(table: RawTable) -> None:
    """Raise when a header or cell of ``table`` (a workbook or Parquet file) holds a NUL."""
    what = "une cellule d'un fichier de données n'en contient jamais (cellule abîmée)"
    hint = "retirer ce caractère de la cellule"
    for index, title in enumerate(table.header):
        if _has_nul(title):
            raise _nul_error(table.file, table.header_line, f"n° {index + 1}", what, hint)
    for line, cells in table.rows:
        for index, value in enumerate(cells):
            if _has_nul(value):
                column = table.header[index] if index < len(table.header) else f"n° {index + 1}"
                raise _nul_error(table.file, line, column, what, hint)


def _decode(file: str, data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DomainFileError(
            f"fichier {file} : fichier binaire ou encodé en UTF-16, illisible comme CSV ; {_SAVE_AS_CSV}",
            files=(file,),
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise _nul_error(file, line, None, "fichier binaire, encodé en UTF-16 ou abîmé", _SAVE_AS_CSV)
    failures: list[str] = []
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            byte = data[exc.start : exc.start + 1].hex().upper()
            failures.append(
                f"{ENCODING_LABELS.get(encoding, encoding)} (octet 0x{byte} ligne {line})"
            )
    raise DomainFileError(
        f"fichier {file} : encodage non reconnu ; encodages essayés : "
        + ", ".join(failures)
        + " ; enregistrer le fichier en CSV UTF-8",
        files=(file,),
    )


def _sniff(first_line: str, spec: EntitySpec) -> str:
    """The separator of :data:`CSV_SEPARATORS` under which the header names most spec columns.

    Ties go to the separator giving more cells, then to the first of the list.
    """
    known = set(spec.column_names)
    best: tuple[int, int, int] | None = None
    chosen = CSV_SEPARATORS[0]
    for rank, sep in enumerate(CSV_SEPARATORS):
        try:
            cells = next(csv.reader([first_line], delimiter=sep))
        except (csv.Error, StopIteration):
            continue
        score = (sum(choice_key(c) in known for c in cells), len(cells), -rank)
        if best is None or score > best:
            best, chosen = score, sep
    return chosen


def _unclosed_quote(tail: list[str], sep: str) -> bool:
    """True when the last record (physical lines ``tail``) opens a quote it never closes.

    The lenient reader then reads the rest of the file into one cell; a strict reader
    reports the end of data inside a quoted cell.
    """
    if '"' not in "".join(tail):
        return False
    try:
        for _ in csv.reader(tail, delimiter=sep, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def read_csv(path: Path, file: str, spec: EntitySpec) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DomainFileError(
            f"fichier {file} : lecture impossible ({exc.strerror or exc})", files=(file,)
        ) from exc
    text, encoding = _decode(file, data)
    # The header is the first line holding something else than separators and spaces.
    first = next((line for line in text.splitlines() if line.strip(" \t;,")), None)
    if first is None:
        raise DomainFileError(
            f"fichier {file} : fichier vide, aucune ligne d'en-tête ; attendu une première "
            "ligne donnant les noms des colonnes",
            files=(file,),
        )
    sep = _sniff(first, spec)
    physical = io.StringIO(text, newline="").readlines()
    reader = csv.reader(physical, delimiter=sep)
    records: list[list[str]] = []
    last_start = end = 0  # physical lines (0-based) where the last record starts and ends
    # A cell may be as long as the file (an unclosed quote swallows the rest of it): lift
    # the module's field size limit while reading, so that case stays a rejected row.
    limit = csv.field_size_limit(max(len(text) + 1, csv.field_size_limit()))
    try:
        for record in reader:
            records.append(record)
            last_start, end = end, reader.line_num
        unclosed = bool(records) and _unclosed_quote(physical[last_start:], sep)
    except csv.Error as exc:
        raise DomainFileError(
            f"fichier {file} : CSV illisible vers la ligne {reader.line_num + 1} ({exc}) ; "
            "vérifier les guillemets",
            files=(file,),
        ) from exc
    finally:
        csv.field_size_limit(limit)
    header, header_line, rows, blank = _split(file, records)
    table = RawTable(
        file, "csv", header, header_line, rows, blank, separator=sep, encoding=encoding
    )
    if unclosed:
        table.unclosed_quote_line = len(records)
    if encoding != CSV_ENCODINGS[0]:
        table.notes.append(f"fichier {file} : lu en {ENCODING_LABELS.get(encoding, encoding)}")
    return table


# --------------------------------------------------------------------------- XLSX


def read_xlsx(path: Path, file: str, spec: EntitySpec) -> RawTable:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged workbooks
        raise DomainFileError(
            f"fichier {file} : classeur XLSX illisible ({type(exc).__name__}: {exc}) ; "
            "attendu un classeur Excel .xlsx",
            files=(file,),
        ) from exc
    notes: list[str] = []
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise DomainFileError(
                f"fichier {file} : le classeur ne contient aucune feuille", files=(file,)
            )
        wanted = choice_key(spec.name)
        sheet = next((s for s in sheets if choice_key(s.title) == wanted), None)
        if sheet is None:
            sheet = sheets[0]
            if len(sheets) > 1:
                notes.append(
                    f"fichier {file} : pas de feuille « {spec.name} », lecture de la première "
                    f"feuille « {sheet.title} »"
                )
        try:
            sheet.reset_dimensions()
            records = list(sheet.iter_rows(values_only=True))
        except Exception as exc:  # damaged sheet XML
            raise DomainFileError(
                f"fichier {file} : feuille « {sheet.title} » illisible "
                f"({type(exc).__name__}: {exc})",
                files=(file,),
            ) from exc
        title = sheet.title
    finally:
        workbook.close()
    header, header_line, rows, blank = _split(file, records)
    return RawTable(file, "xlsx", header, header_line, rows, blank, sheet=title, notes=notes)


# --------------------------------------------------------------------------- Parquet


def read_parquet(path: Path, file: str, spec: EntitySpec) -> RawTable:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise DomainFileError(
            f"fichier {file} : fichier Parquet illisible ({exc}) ; "
            "attendu un fichier Apache Parquet",
            files=(file,),
        ) from exc
    if table.num_columns == 0:
        raise DomainFileError(f"fichier {file} : fichier vide, aucune colonne", files=(file,))
    header = [str(name).strip() for name in table.column_names]
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    rows: list[tuple[int, list[object]]] = []
    blank = 0
    for index, cells in enumerate(zip(*columns, strict=True)):
        cells = list(cells)
        if all(is_empty_cell(c) for c in cells):
            blank += 1
            continue
        rows.append((index + 2, cells))
    return RawTable(file, "parquet", header, 1, rows, blank)


_READERS = {".csv": read_csv, ".xlsx": read_xlsx, ".parquet": read_parquet}


def read_table(path: Path, spec: EntitySpec) -> RawTable:
    """Read ``path`` (its extension chooses the reader) for the entity ``spec``."""
    reader = _READERS[path.suffix.lower()]
    table = reader(path, path.name, spec)
    if table.format != "csv":  # a CSV's bytes were checked before decoding
        _refuse_nul(table)
    return table
