"""The validation report of an upload: the ETL's own loader over what would be published.

What would be published is a folder composed of the current data (:func:`compose`): the
files of the last publication from the web (``<data>/courant``), or, before any, the
published warehouse written as filled templates; the uploaded files replace the files of
the same entity (and a public file replaces the domain file of the entities it provides).
:func:`validate` loads that folder with :func:`etl.domain.loader.load_domain_dir` and
:func:`etl.public.folder.load_public_dir` against the boundaries of the published
warehouse, and reports for each uploaded file the rows read, loaded and rejected, its
rejects and warnings, and for each uploaded entity the rows added, removed and changed
compared with the published warehouse.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from atlas.entities import ENTITIES, choice_key
from etl.domain.errors import DomainFileError
from etl.domain.loader import Reject, load_domain_dir
from etl.domain.readers import read_table
from etl.domain.register import references_from_warehouse
from etl.public import READERS
from etl.public.folder import load_public_dir, public_files
from exports.templates import cell_value, warehouse_rows, write_templates
from exports.values import looks_like_formula

__all__ = ["FileReport", "EntityChange", "Report", "compose", "validate", "rejects_workbook", "REASON_COLUMN"]

#: Column added to the rejected rows in the downloadable workbook (ignored when re-uploaded).
REASON_COLUMN = "motif_du_rejet"


@dataclass(frozen=True)
class FileReport:
    """One uploaded file: rows read = would be loaded + rejected."""

    name: str
    entity: str
    read: int
    loaded: int
    rejected: int


@dataclass(frozen=True)
class EntityChange:
    """What publishing would change in one entity, compared with the published warehouse."""

    entity: str
    label: str
    published: int
    after: int
    added: int
    removed: int
    changed: int


@dataclass
class Report:
    """The validation report of an upload (``error``: the files are unusable as a whole)."""

    files: list[FileReport] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[EntityChange] = field(default_factory=list)
    error: str | None = None

    @property
    def publishable(self) -> bool:
        """True when the upload can be published (no unusable file; rejected rows are allowed)."""
        return self.error is None and bool(self.files)


def _entities_replaced(path: Path) -> set[str]:
    """Domain entities a public file provides (its reader's ``replaces``)."""
    found = public_files(path.parent)
    readers = {r.name: r for r in READERS}
    return {e for f in found if f.path.name == path.name for e in readers[f.reader].replaces}


def compose(upload: Path, base: Path | None, con, target: Path, entities: set[str] | None = None) -> None:
    """Write into ``target`` what publishing ``upload`` would load: the files of ``base`` (or,
    without one, the warehouse ``con`` as filled templates), the uploaded files replacing
    those of the same entity. ``entities``: take from the current data only the files of
    these entities (what a validation needs), not every file."""
    target.mkdir(parents=True, exist_ok=True)
    stems = {spec.file_stem: name for name, spec in ENTITIES.items()}
    if base is not None and base.is_dir():
        for path in base.iterdir():
            if path.is_file() and (entities is None or stems.get(path.stem) in entities):
                shutil.copy2(path, target / path.name)
    else:
        write_templates(target, con, entities)
    uploaded = [p for p in sorted(upload.iterdir()) if p.is_file()]
    replaced = {stems[p.stem] for p in uploaded if p.stem in stems}
    for path in uploaded:
        if path.stem not in stems:
            replaced |= _entities_replaced(path)
    for path in list(target.iterdir()):
        if path.stem in stems and stems[path.stem] in replaced:
            path.unlink()
    for path in uploaded:
        shutil.copy2(path, target / path.name)


def _shape(spec, rows, shaped: bool = False) -> dict[tuple, tuple]:
    """Rows keyed by primary key, in file shape (``shaped``: they already are, as
    :func:`~exports.templates.warehouse_rows` gives them)."""
    out: dict[tuple, tuple] = {}
    for row in rows:
        values = tuple(row.get(c.name) if shaped else cell_value(c, row.get(c.name)) for c in spec.columns)
        key = tuple(values[spec.column_names.index(k)] for k in spec.primary_key)
        out[key] = values
    return out


def _change(spec, loaded, published) -> EntityChange:
    after = _shape(spec, loaded.astype(object).where(loaded.notna(), None).to_dict("records"))
    before = _shape(spec, published, shaped=True)
    common = after.keys() & before.keys()
    return EntityChange(
        spec.name, spec.label, len(before), len(after),
        added=len(after.keys() - before.keys()),
        removed=len(before.keys() - after.keys()),
        changed=sum(after[k] != before[k] for k in common),
    )


def _needed(upload: Path) -> set[str]:
    """The entities a validation of ``upload`` loads: those uploaded and those they reference."""
    stems = {spec.file_stem: name for name, spec in ENTITIES.items()}
    names = {stems[p.stem] for p in upload.iterdir() if p.stem in stems}
    return names | {d for n in names for d in ENTITIES[n].depends_on}


def validate(upload: Path, base: Path | None, con, scratch: Path) -> Report:
    """The report of the files of ``upload`` (see the module); ``scratch`` is an empty folder."""
    uploaded = {p.name for p in upload.iterdir() if p.is_file()}
    compose(upload, base, con, scratch, _needed(upload))
    refs = references_from_warehouse(con)
    report = Report()
    try:
        ignored = frozenset(f.path.name for f in public_files(scratch))
        load = load_domain_dir(scratch, refs, ignored)
        public = load_public_dir(scratch, refs, load.sources)
    except DomainFileError as exc:
        report.error = str(exc)
        return report
    counts = load.file_counts + public.file_counts
    report.files = [FileReport(c.file, c.entity, c.read, c.loaded, c.rejected) for c in counts if c.file in uploaded]
    report.rejects = [r for r in load.rejects + public.rejects if r.file in uploaded]
    report.warnings = [n.message for n in load.notes + public.notes if n.file in uploaded]
    for name, spec in ENTITIES.items():
        path = load.sources.get(name)
        if path is not None and path.name in uploaded:
            report.changes.append(_change(spec, load.tables[name], warehouse_rows(con, spec)))
    return report


# --------------------------------------------------------------------------- rejects


def _text(value) -> object:
    """A raw cell as the rejects workbook writes it (a whole float as an integer text)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def rejects_workbook(report: Report, upload: Path) -> bytes:
    """The rejects as an XLSX: a sheet « rejets » (file, line, column, value, reason), then
    for each uploaded input file with rejects, a sheet named by its entity holding the
    rejected rows as read, with their reason in a last column: fixed and saved under the
    file's name, the sheet loads again (the extra column is ignored)."""
    wb = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")

    def cells(ws, values, header=False):
        out = []
        for value in values:
            cell = WriteOnlyCell(ws, value=_text(value))
            if looks_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
            cell.number_format = "DD/MM/YYYY" if isinstance(cell.value, (dt.date, dt.datetime)) else "@"
            if header:
                cell.font, cell.fill = bold, fill
            out.append(cell)
        return out

    summary = wb.create_sheet("rejets")
    summary.append(cells(summary, ("fichier", "ligne", "colonne", "valeur", "raison"), header=True))
    for r in report.rejects:
        summary.append(cells(summary, (r.file, r.line, r.column, r.value, r.reason)))
    by_file: dict[str, list[Reject]] = {}
    for r in report.rejects:
        by_file.setdefault(r.file, []).append(r)
    stems = {spec.file_stem: spec for spec in ENTITIES.values()}
    for file, rejects in by_file.items():
        spec = stems.get(Path(file).stem)
        if spec is None or not (upload / file).is_file():
            continue
        raw = read_table(upload / file, spec)
        reasons: dict[int, list[str]] = {}
        for r in rejects:
            where = f"{r.column} : " if r.column else ""
            reasons.setdefault(r.line or 0, []).append(where + r.reason)
        ws = wb.create_sheet(spec.name)
        header = [h for h in raw.header if choice_key(h) != REASON_COLUMN]
        ws.append(cells(ws, [*header, REASON_COLUMN], header=True))
        for line, row in raw.rows:
            if line in reasons:
                ws.append(cells(ws, [*row[: len(header)], " ; ".join(reasons[line])]))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
