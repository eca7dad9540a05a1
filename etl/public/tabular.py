"""Read a public CSV or XLSX file whose header may follow title rows.

Insee and the Observatoire des territoires publish workbooks with a few title rows above
the header (5 for the base comparateur, 4 for OT exports). The header is the first row
holding the key column (``CODGEO``, ``codgeo``, ``GEO``); rows above it are titles, never
data. Line numbers are those a user sees: the CSV record number, the sheet row.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from etl.domain.errors import DomainFileError
from etl.domain.readers import _decode, is_empty_cell

__all__ = ["Table", "read_csv_table", "read_xlsx_table", "csv_header", "xlsx_sheet_headers", "cell_text"]

#: Rows looked at for the header, from the top of a file or sheet.
HEADER_SEARCH_ROWS = 12


@dataclass
class Table:
    """Header and non-blank data rows (line, cells as text) of one file or sheet; ``rows`` is
    read once, as it is iterated (a Melodi file holds millions of rows)."""

    file: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    sheet: str | None = None


def cell_text(value: object) -> str:
    """A cell as text: ``''`` when empty, integers of a workbook without ``.0``."""
    if isinstance(value, str):  # every CSV cell: the fast path
        return value.strip()
    if is_empty_cell(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _data_rows(records: Iterator[tuple[int, list]], width: int) -> Iterator[tuple[int, list[str]]]:
    for line, cells in records:
        texts = [cell_text(c) for c in cells]
        if any(texts):
            yield line, texts + [""] * (width - len(texts))


def _find_header(file: str, records, key: str, where: str = "") -> Table:
    """The table whose header is the first row (within :data:`HEADER_SEARCH_ROWS`) holding ``key``."""
    numbered = enumerate(records, start=1)
    for line, cells in numbered:
        texts = [cell_text(c) for c in cells]
        if key.lower() in (t.lower() for t in texts):
            return Table(file, texts, _data_rows(numbered, len(texts)))
        if line >= HEADER_SEARCH_ROWS:
            break
    raise DomainFileError(
        f"fichier {file}{where} : colonne « {key} » introuvable dans les {HEADER_SEARCH_ROWS} "
        "premières lignes ; attendu la ligne d'en-tête du fichier tel que publié",
        files=(file,),
    )


def _separator(first_line: str) -> str:
    """``;`` (Insee, OT) unless the line has more commas."""
    return "," if first_line.count(",") > first_line.count(";") else ";"


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DomainFileError(f"fichier {path.name} : lecture impossible ({exc.strerror or exc})",
                              files=(path.name,)) from exc
    return _decode(path.name, data)[0]


def csv_header(path: Path, limit: int = 4096) -> list[str]:
    """The cells of the first non-blank line of a CSV (for detection; empty when unreadable)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(limit).decode("utf-8-sig", errors="replace")
    except OSError:
        return []
    first = next((line for line in head.splitlines() if line.strip(" ;,\t")), "")
    try:
        return [c.strip() for c in next(csv.reader([first], delimiter=_separator(first)))]
    except (csv.Error, StopIteration):
        return []


def _checked(path: Path, records) -> Iterator[list[str]]:
    """``records``, a damaged CSV raising the French :class:`DomainFileError` (even mid-file)."""
    try:
        yield from records
    except csv.Error as exc:
        raise DomainFileError(f"fichier {path.name} : CSV illisible ({exc}) ; vérifier les guillemets",
                              files=(path.name,)) from exc


def read_csv_table(path: Path, key: str) -> Table:
    """The table of a CSV (``;`` or ``,``) whose header holds ``key``."""
    text = _text(path)
    first = next((line for line in text.splitlines() if line.strip(" ;,\t")), "")
    return _find_header(path.name, _checked(path, csv.reader(io.StringIO(text, newline=""),
                                                             delimiter=_separator(first))), key)


def _workbook(path: Path):
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged workbooks
        raise DomainFileError(
            f"fichier {path.name} : classeur XLSX illisible ({type(exc).__name__}: {exc})", files=(path.name,)
        ) from exc


def xlsx_sheet_headers(path: Path) -> dict[str, list[list[str]]]:
    """The first rows (as text) of every sheet, for detection; empty when unreadable."""
    try:
        workbook = _workbook(path)
    except DomainFileError:
        return {}
    try:
        return {
            sheet.title: [[cell_text(c) for c in row]
                          for row in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)]
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()


def read_xlsx_table(path: Path, sheet_name: str, key: str) -> Table:
    """The table of sheet ``sheet_name`` whose header (after title rows) holds ``key``."""
    workbook = _workbook(path)
    try:
        sheet = next((s for s in workbook.worksheets if s.title.lower() == sheet_name.lower()), None)
        if sheet is None:
            raise DomainFileError(
                f"fichier {path.name} : feuille « {sheet_name} » absente ; feuilles : "
                + ", ".join(s.title for s in workbook.worksheets),
                files=(path.name,),
            )
        sheet.reset_dimensions()
        table = _find_header(path.name, sheet.iter_rows(values_only=True), key, where=f", feuille « {sheet.title} »")
        table.rows = iter(list(table.rows))  # read before the workbook closes
        table.sheet = sheet.title
        return table
    finally:
        workbook.close()
