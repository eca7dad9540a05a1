"""Reader of the ANCT programme files (:mod:`etl.public.anct_layout` describes them).

Every row read is loaded or rejected with its reason. What a row gives:

- a contract or site (``anct_territoire``: programme, id, name, signature date, the file);
- for a communes table, the commune it covers (``anct_commune``, ``via = 'commune'``);
- for a groupements table, the EPCI whose every commune it covers (``anct_groupement``), or
  the commune itself when ``nature_juridique`` is ``COM`` (a commune that signed alone).

Quirks of the published files handled here: an id cell holding several ids joined by
``" ; "`` (a commune in two CRTE: one row, one id each), an INSEE code that lost its
leading zero (``1001``), a code of the file's older COG (a former commune, replaced by its
current commune through :meth:`References.resolve_commune` and recorded as a
:class:`CodeMapping`), dates written ``AAAA-MM-JJ``, ``JJ-MM-AAAA`` or ``JJ/MM/AAAA``, the
same EPCI on several rows (counted once by the SQL models). Files have no status column.

Two readers share this code: :class:`AnctReader` takes every programme but the CRTE, and
:class:`AnctCrteReader` the CRTE files, which replace our own ``crte.csv`` (one source per
entity): a folder may hold ``liste-pvd-…`` files beside a ``crte.csv``, never
``liste-crte-…`` ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from atlas.entities import ColumnSpec, EntitySpec, choice_key
from atlas.entities.common import DEMO
from atlas.programmes import CRTE, programme
from etl.domain.cells import cell_text, excel_serial_date
from etl.domain.errors import DomainFileError
from etl.domain.loader import CodeMapping, FileCount, LoadWarning, Reject
from etl.domain.readers import RawTable, read_table
from etl.domain.references import References
from geodata.codes import CodeError, normalize_commune, normalize_epci

from .anct_layout import DATE_FORMATS, ID_SEPARATOR, LAYOUTS, Layout, columns_of, parse_name
from .base import PublicFile, PublicLoad, PublicReader

__all__ = ["AnctReader", "AnctCrteReader", "TABLES", "parse_anct_date"]

_S = pa.string()

#: The tables the ANCT files fill (registered as ``raw_<name>``).
TABLES: dict[str, pa.Schema] = {
    "anct_programme": pa.schema([("code", _S), ("libelle", _S), ("description", _S), ("url", _S)]),
    "anct_territoire": pa.schema([("programme", _S), ("id", _S), ("nom", _S), ("date_signature", pa.date32()),
                                  ("rang", pa.int64()), ("fichier", _S), ("ligne", pa.int64())]),
    "anct_commune": pa.schema([("programme", _S), ("id", _S), ("commune", _S), ("fichier", _S),
                               ("ligne", pa.int64())]),
    "anct_groupement": pa.schema([("programme", _S), ("id", _S), ("epci", _S), ("fichier", _S),
                                  ("ligne", pa.int64())]),
}

#: ``nature_juridique`` of a commune that signed alone in a groupements table.
COMMUNE_NATURE = "COM"


class RowError(ValueError):
    """A row that cannot be loaded: the column, value and French reason of its reject."""

    def __init__(self, column: str, value: str, reason: str):
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


def parse_anct_date(value: object) -> date | None:
    """A signature date as the ANCT files write it; None for an empty cell; ValueError otherwise."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        serial = excel_serial_date(value)
        if serial is not None:
            return serial
    text = cell_text(value, date_column=True)
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"date invalide « {text} » : attendu AAAA-MM-JJ, JJ-MM-AAAA ou JJ/MM/AAAA")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(ID_SEPARATOR) if part.strip()]


def _aligned(values: str | list, count: int) -> list:
    """The values of a cell beside an id cell of ``count`` ids: one per id when the cell
    splits the same way; else none (one name or date beside two ids names neither surely)."""
    parts = _split(values) if isinstance(values, str) else values
    return list(parts) if len(parts) == count else [None] * count


def _spec(name: str, required: dict[str, str], optional: dict[str, str]) -> EntitySpec:
    """A throw-away spec so that the domain readers (separator, sheet) know the columns."""
    columns = [ColumnSpec(c, "str", True, "", "") for c in required.values()]
    columns += [ColumnSpec(c, "str", False, "", "") for c in optional.values()]
    return EntitySpec(name=name, file_stem=name, label=name, description="", primary_key=(),
                      columns=(*columns, DEMO))


@dataclass
class _Rows:
    """The rows one file gives, and its accounting."""

    territoires: list[dict] = field(default_factory=list)
    communes: list[dict] = field(default_factory=list)
    groupements: list[dict] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    mappings: list[CodeMapping] = field(default_factory=list)


class _FileReader:
    """Reads one ANCT file: header check, then every row loaded or rejected."""

    def __init__(self, file: PublicFile, refs: References):
        name = parse_name(file.path)
        assert name is not None  # detected by name
        self.file, self.refs, self.name = file.path.name, refs, name
        self.layout: Layout = LAYOUTS[name.kind]
        self.required, self.optional = columns_of(self.layout, name.programme)
        self.path = file.path

    def _positions(self, raw: RawTable) -> dict[str, int]:
        keys = {choice_key(title): index for index, title in reversed(list(enumerate(raw.header))) if title}
        missing = [col for col in self.required.values() if choice_key(col) not in keys]
        if missing:
            quoted = ", ".join(f"« {m} »" for m in missing)
            raise DomainFileError(
                f"fichier {self.file} : colonne(s) obligatoire(s) {quoted} absente(s) pour la table "
                f"« {self.layout.label} » du programme {self.name.programme} ; colonnes attendues : "
                f"{', '.join(self.required.values())} (et selon le programme {', '.join(self.optional.values())}) ; "
                f"colonnes lues ligne {raw.header_line} : {' | '.join(t for t in raw.header if t) or '(aucune)'}",
                files=(self.file,),
            )
        roles = {**self.required, **self.optional}
        return {role: keys[choice_key(col)] for role, col in roles.items() if choice_key(col) in keys}

    def read(self) -> tuple[RawTable, _Rows]:
        raw = read_table(self.path, _spec(self.path.stem, self.required, self.optional))
        positions = self._positions(raw)
        rows = _Rows()
        for line, cells in raw.rows:
            values = {role: cells[i] if i < len(cells) else None for role, i in positions.items()}
            try:
                self._row(line, values, rows)
            except RowError as err:
                rows.rejects.append(Reject(self.file, line, err.column, err.value, err.reason))
        return raw, rows

    # rows -------------------------------------------------------------------

    def _commune(self, role: str, value: object) -> tuple[str, tuple[str, str] | None]:
        column = {**self.required, **self.optional}.get(role, role)
        text = cell_text(value)
        try:
            code = normalize_commune(text)
        except CodeError as exc:
            raise RowError(column, text, str(exc)) from None
        current = self.refs.resolve_commune(code)
        if current is None:
            cog = f" (COG {self.name.cog})" if self.name.cog else ""
            raise RowError(column, text, f"code commune inconnu « {code} »{cog} : ni commune actuelle, "
                                         "ni ancienne commune rattachée à une commune actuelle")
        return current, (None if current == code else (code, current))

    def _dates(self, value: object) -> list[date | None]:
        """Every date of a date cell (several joined by « ; » beside several ids)."""
        if isinstance(value, (int, float, date)) and not isinstance(value, bool):
            parts: list[object] = [value]  # a workbook's date or serial day number
        else:
            parts = _split(cell_text(value, date_column=True))
        try:
            return [parse_anct_date(part) for part in parts]
        except ValueError as exc:
            raise RowError(self.optional["date"], cell_text(value, date_column=True), str(exc)) from None

    def _row(self, line: int, values: dict[str, object], rows: _Rows) -> None:
        id_column = self.required["id"]
        ids = _split(cell_text(values.get("id")))
        if not ids:
            raise RowError(id_column, "", f"identifiant vide ; attendu un identifiant dans « {id_column} »")
        names = _aligned(cell_text(values.get("nom")), len(ids))
        dates = _aligned(self._dates(values.get("date")), len(ids))
        target = self._target(values)  # raises RowError before anything of the row is kept
        prog, where = self.name.programme, {"fichier": self.file, "ligne": line}
        for ident, nom, signed in zip(ids, names, dates, strict=True):
            rows.territoires.append({"programme": prog, "id": ident, "nom": nom, "date_signature": signed,
                                     "rang": self.layout.rank, **where})
            if target is None:
                continue
            kind, code, remap, column = target
            if kind == "commune":
                rows.communes.append({"programme": prog, "id": ident, "commune": code, **where})
            else:
                rows.groupements.append({"programme": prog, "id": ident, "epci": code, **where})
        if target is not None and target[2] is not None:
            rows.mappings.append(CodeMapping(self.file, line, target[3], *target[2]))

    def _target(self, values: dict[str, object]):
        """What the row covers: ("commune", code, remap, column), ("epci", siren, None, column) or None."""
        if self.layout.kind == "com":
            code, remap = self._commune("commune", values.get("commune"))
            return "commune", code, remap, self.required["commune"]
        if self.layout.kind != "grpt":
            return None
        nature = cell_text(values.get("nature")).upper()
        siren_column = self.required["siren"]
        if nature == COMMUNE_NATURE:
            code, remap = self._commune("siren", values.get("siren"))
            return "commune", code, remap, siren_column
        epci_text = cell_text(values.get("epci"))
        column = self.optional["epci"] if epci_text else siren_column
        text = epci_text or cell_text(values.get("siren"))
        try:
            siren = normalize_epci(text)
        except CodeError as exc:
            raise RowError(column, text, str(exc)) from None
        if siren not in self.refs.epci:
            what = f" (nature juridique {nature})" if nature else ""
            raise RowError(column, text, f"groupement « {siren} »{what} : SIREN inconnu parmi les EPCI des "
                                         "limites ; seuls un EPCI ou une commune (nature COM) ont des communes")
        return "epci", siren, None, column


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=TABLES[name].names)


def _several_publications(files: list[PublicFile]) -> list[LoadWarning]:
    """A warning for each table of a programme given by files of different publication dates
    (all are read: the older one may list communes the newer one has withdrawn)."""
    tables: dict[tuple[str, str], list[PublicFile]] = {}
    for file in files:
        name = parse_name(file.path)
        tables.setdefault((name.programme, name.kind), []).append(file)
    notes = []
    for (code, kind), found in tables.items():
        if len({f.date for f in found}) > 1:
            names = " et ".join(f.path.name for f in found)
            notes.append(LoadWarning(found[-1].path.name, (
                f"fichiers {names} : plusieurs publications de la table « {LAYOUTS[kind].label} » du "
                f"programme {code}, toutes lues ; ne garder que la plus récente pour en retirer les "
                "communes sorties du programme")))
    return notes


class AnctReader(PublicReader):
    """The ANCT programme files of every programme but the CRTE."""

    name = "anct"
    tables = TABLES

    def takes(self, code: str) -> bool:
        """True for the programmes whose files this reader reads."""
        return code != CRTE

    def detect(self, path: Path) -> PublicFile | None:
        name = parse_name(path)
        if name is None or not self.takes(name.programme):
            return None
        label = programme(name.programme).libelle
        return PublicFile(path, self.name, f"ANCT, {LAYOUTS[name.kind].label} du programme {label}",
                          "ANCT", date=name.date, cog=name.cog)

    def load(self, files: list[PublicFile], refs: References) -> PublicLoad:
        result = PublicLoad()
        result.notes += _several_publications(files)
        territoires, communes, groupements, seen = [], [], [], {}
        for file in files:
            raw, rows = _FileReader(file, refs).read()
            code = parse_name(file.path).programme
            seen.setdefault(code, programme(code))
            if not seen[code].connu:
                result.notes.append(LoadWarning(file.path.name, (
                    f"fichier {file.path.name} : programme « {code} » inconnu du catalogue de l'Atlas ; "
                    "chargé avec son code pour libellé")))
            result.notes += [LoadWarning(file.path.name, note) for note in raw.notes]
            rejected = len({r.line for r in rows.rejects})
            result.file_counts.append(FileCount(file.path.name, "crte" if code == CRTE else "programmes",
                                                len(raw.rows), len(raw.rows) - rejected, rejected))
            result.rejects += rows.rejects
            result.mappings += rows.mappings
            territoires += rows.territoires
            communes += rows.communes
            groupements += rows.groupements
        result.tables = {
            "anct_programme": _frame("anct_programme", [
                {"code": p.code, "libelle": p.libelle, "description": p.description or None, "url": p.url}
                for p in seen.values()]),
            "anct_territoire": _frame("anct_territoire", territoires),
            "anct_commune": _frame("anct_commune", communes),
            "anct_groupement": _frame("anct_groupement", groupements),
        }
        return result


class AnctCrteReader(AnctReader):
    """The ANCT files of the CRTE: they fill the same tables as :class:`AnctReader` (which
    declares them) and become the source of the ``crte`` tables."""

    name = "anct_crte"
    tables: dict[str, pa.Schema] = {}
    replaces = {"crte": (
        "les CRTE viennent des fichiers de l'ANCT (liste-crte-…) quand ils sont dans le dossier ; "
        "retirer crte.csv ou les fichiers liste-crte-…"
    )}

    def takes(self, code: str) -> bool:
        return code == CRTE
