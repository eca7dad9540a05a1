"""Load the domain input files of a folder: find, read, parse, validate, report.

:func:`load_domain_dir` finds in a folder the file of each entity of
:data:`atlas.entities.ENTITIES` (``<file_stem>.csv``, ``.xlsx`` or ``.parquet``),
reads it (:mod:`etl.domain.readers`), parses every cell (:mod:`etl.domain.cells`),
validates the typed rows with a pandera schema generated from the spec and with the
spec's rules (:mod:`etl.domain.validation`), and returns the loaded tables with every
rejected row, every commune code replaced by its current commune and, per file, the
row accounting ``read = loaded + rejected``.

Two kinds of failure:

- a file that cannot be used at all (unreadable encoding, no header, missing required
  column, two files for one entity, ``mesures_suivi`` without ``mesures``…) raises
  :class:`DomainFileError` before any row is validated; when several files are
  unusable the single error lists them all;
- a bad row never stops the load: it ends in :attr:`DomainLoad.rejects` with the file,
  line, column, value and a French reason (one reject per problem, the row counting
  once in ``rejected``).

Decisions (also in ``docs/schemas-donnees.md``):

- a row whose cells are all empty is skipped: it is neither read nor rejected;
- a row whose ``exemple`` cell (:data:`~atlas.entities.EXAMPLE_COLUMN`, the first column of
  the XLSX templates) is true is an example: skipped like a blank row, and reported by a
  warning giving its lines; the ``exemple`` column itself is not an unknown column;
- a file of zero bytes or with blank lines only has no header and is unusable; a
  header without data rows loads zero rows;
- in a workbook, a number in a date column (a date typed in a cell of General format) is
  an Excel serial date when it falls in the plausible window of dates;
- line numbers are those of a spreadsheet (header = line 1, first data row = line 2;
  the sheet row for XLSX; row index + 2 for Parquet);
- rows are validated cell by cell and rule by rule first; duplicate keys are then
  looked for among the rows still valid (the kept row is always a loaded one), and the
  rules comparing rows (``same_value_per_key``) last;
- a commune replacement is recorded in :attr:`DomainLoad.mappings` only for loaded rows;
- a value of a reference column (``mesures_suivi.mesure``, each item of the optional ``mesure``
  list of the alliances, experimentations and catalyseurs) that the referenced file lacks
  rejects the row, like an unknown commune code; the referenced entity is validated first
  (:data:`~atlas.entities.LOAD_ORDER`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .cells import CellError, ColumnParser, cell_text, excel_serial_date, parse_bool
from .errors import DomainFileError
from .readers import RawTable, is_empty_cell, read_table
from .references import References
from atlas.entities import ENTITIES, EXAMPLE_COLUMN, FILE_EXTENSIONS, LOAD_ORDER, EntitySpec, choice_key
from .validation import (
    CellProblem,
    pandas_dtype,
    rule_problems,
    schema_problems,
    table_rule_problems,
)

__all__ = [
    "References",
    "Reject",
    "CodeMapping",
    "FileCount",
    "LoadWarning",
    "DomainLoad",
    "DomainFileError",
    "LINE_COLUMN",
    "load_domain_dir",
    "find_domain_files",
    "empty_table",
]

#: Name of the column holding the source line number in the loaded tables.
LINE_COLUMN = "ligne"


@dataclass(frozen=True)
class Reject:
    """One problem of one input row; ``reason`` is in French."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    reason: str


@dataclass(frozen=True)
class CodeMapping:
    """A commune code of a loaded row replaced by the current commune."""

    file: str
    line: int
    column: str
    ancien_code: str
    code_actuel: str


@dataclass(frozen=True)
class FileCount:
    """Row accounting of one file: ``read == loaded + rejected``."""

    file: str
    entity: str
    read: int
    loaded: int
    rejected: int


@dataclass(frozen=True)
class LoadWarning:
    """A French note about one file of the folder (ignored file or column, encoding or
    sheet used): shown in the run summary, stored in ``etl_warnings``."""

    file: str
    message: str


@dataclass
class DomainLoad:
    """Everything :func:`load_domain_dir` produced.

    ``tables`` has an entry for every entity of the spec (an empty, typed frame when its
    file is absent); ``sources`` maps the entities whose file was found to its path;
    ``columns`` gives, for each of them, the spec columns its header has (an optional
    column may be absent); ``notes`` holds the warnings for the run summary and the journal.
    """

    tables: dict[str, pd.DataFrame]
    rejects: list[Reject]
    mappings: list[CodeMapping]
    file_counts: list[FileCount]
    sources: dict[str, Path] = field(default_factory=dict)
    notes: list[LoadWarning] = field(default_factory=list)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """The French text of every warning, in the order found."""
        return [note.message for note in self.notes]


# --------------------------------------------------------------------------- files


def _expected_names(spec: EntitySpec) -> str:
    names = [f"{spec.file_stem}{ext}" for ext in FILE_EXTENSIONS]
    return ", ".join(names[:-1]) + " ou " + names[-1]


def find_domain_files(
    directory: Path, ignore: frozenset[str] = frozenset()
) -> tuple[dict[str, Path], list[LoadWarning]]:
    """The file of each entity found in ``directory``, and warnings about other files.

    File names are matched without regard to case; files named in ``ignore`` (the public
    files another reader takes, :mod:`etl.public`) are left alone. Two files for one entity, or a
    missing file that a present one requires (``mesures`` for ``mesures_suivi``, whose
    required ``mesure`` column references it; not for the optional ``mesure`` column of the alliances),
    raise :class:`DomainFileError`.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise DomainFileError(f"dossier de données introuvable : {directory}")
    by_stem = {spec.file_stem.lower(): name for name, spec in ENTITIES.items()}
    candidates: dict[str, list[Path]] = {}
    warnings: list[LoadWarning] = []
    for path in sorted(directory.iterdir(), key=lambda p: p.name):
        if path.name.startswith((".", "~$")) or not path.is_file() or path.name in ignore:
            continue
        stem, ext = path.stem.lower(), path.suffix.lower()
        entity = by_stem.get(stem)
        if entity is not None and ext in FILE_EXTENSIONS:
            candidates.setdefault(entity, []).append(path)
        elif entity is not None:
            warnings.append(LoadWarning(path.name,
                f"fichier {path.name} ignoré : format « {path.suffix or '(aucun)'} » non pris en "
                f"charge ; formats acceptés : {', '.join(FILE_EXTENSIONS)}"
            ))
        else:
            warnings.append(LoadWarning(path.name,
                f"fichier {path.name} ignoré : ne correspond à aucun fichier attendu "
                f"({', '.join(s.file_stem for s in ENTITIES.values())})"
            ))
    errors: list[DomainFileError] = []
    found: dict[str, Path] = {}
    for name in ENTITIES:
        paths = candidates.get(name, [])
        if len(paths) > 1:
            names = [p.name for p in paths]
            errors.append(
                DomainFileError(
                    f"fichiers {' et '.join(names)} : plusieurs fichiers pour « {name} » ; "
                    "n'en garder qu'un seul",
                    files=tuple(names),
                )
            )
        elif paths:
            found[name] = paths[0]
    for name, path in found.items():
        for needed in ENTITIES[name].requires:
            if needed not in found and not candidates.get(needed):
                spec = ENTITIES[needed]
                errors.append(
                    DomainFileError(
                        f"fichier {path.name} : il faut aussi le fichier « {spec.file_stem} » "
                        f"({spec.label}) qu'il référence ; attendu {_expected_names(spec)} "
                        f"dans {directory}",
                        files=(path.name,),
                    )
                )
    if errors:
        raise DomainFileError.combine(errors)
    return found, warnings


def _column_positions(raw: RawTable, spec: EntitySpec) -> tuple[dict[str, int], list[str]]:
    """Position of each spec column in the header; DomainFileError on missing/duplicate ones."""
    positions: dict[str, int] = {}
    unknown: list[str] = []
    duplicated: list[str] = []
    known = set(spec.column_names)
    for index, title in enumerate(raw.header):
        key = choice_key(title)
        if not key:
            continue
        if key in known:
            if key in positions:
                duplicated.append(key)
            else:
                positions[key] = index
        elif key != EXAMPLE_COLUMN:
            unknown.append(title)
    problems: list[str] = []
    if duplicated:
        problems.append(
            "colonne(s) en double : " + ", ".join(f"« {d} »" for d in dict.fromkeys(duplicated))
        )
    missing = [c for c in spec.required_columns if c not in positions]
    if missing:
        quoted = ", ".join(f"« {m} »" for m in missing)
        what = (
            f"colonne obligatoire {quoted} absente"
            if len(missing) == 1
            else f"colonnes obligatoires {quoted} absentes"
        )
        problems.append(what)
    if problems:
        expected = ", ".join(spec.column_names)
        required = ", ".join(spec.required_columns)
        read = " | ".join(t for t in raw.header if t) or "(aucune)"
        sep = f" ; séparateur retenu « {raw.separator} »" if raw.separator else ""
        raise DomainFileError(
            f"fichier {raw.file} : " + " ; ".join(problems) + f" ; colonnes attendues : {expected} "
            f"(obligatoires : {required}) ; colonnes lues ligne {raw.header_line} : {read}{sep}",
            files=(raw.file,),
        )
    return positions, unknown


def _is_example(value: object) -> bool:
    """True for an ``exemple`` cell holding a true value (oui, x, vrai…)."""
    if is_empty_cell(value):
        return False
    try:
        return parse_bool(cell_text(value))
    except CellError:
        return False


def _drop_examples(raw: RawTable) -> list[int]:
    """Remove from ``raw`` the rows marked as examples; their lines, in file order."""
    index = next((i for i, t in enumerate(raw.header) if choice_key(t) == EXAMPLE_COLUMN), None)
    if index is None:
        return []
    examples = [line for line, cells in raw.rows if index < len(cells) and _is_example(cells[index])]
    if examples:
        skipped = set(examples)
        raw.rows = [(line, cells) for line, cells in raw.rows if line not in skipped]
    return examples


def _example_note(file: str, lines: list[int]) -> LoadWarning:
    shown = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
    return LoadWarning(
        file,
        f"fichier {file} : {len(lines)} ligne(s) d'exemple ignorée(s) (colonne « {EXAMPLE_COLUMN} », "
        f"ligne(s) {shown})",
    )


# --------------------------------------------------------------------------- tables


def empty_table(spec: EntitySpec) -> pd.DataFrame:
    """The loaded table of ``spec`` with no row, typed like a loaded one."""
    data = {c.name: pd.Series([], dtype=pandas_dtype(c)) for c in spec.columns}
    data[LINE_COLUMN] = pd.Series([], dtype="int64")
    return pd.DataFrame(data)


def _typed_series(values: list[object], dtype: str) -> pd.Series:
    if dtype == "object":
        return pd.Series(values, dtype=object)
    if dtype == "float64":
        return pd.Series([np.nan if v is None else v for v in values], dtype="float64")
    return pd.Series(pd.array(values, dtype=dtype))


@dataclass
class _EntityResult:
    table: pd.DataFrame
    rejects: list[Reject]
    mappings: list[CodeMapping]
    count: FileCount


@dataclass
class _Columns:
    """The cells of the well-formed rows of one file, column by column."""

    texts: dict[str, list[str]]  # stripped text (default applied), "" when empty
    values: dict[str, list[object]]  # parsed value, None when empty or unparsable
    bad: dict[str, np.ndarray]  # True where the cell has a problem
    problems: list[CellProblem]
    remaps: list[tuple[int, str, str, str]]  # position, column, code read, current code


_UNCLOSED_QUOTE = (
    "guillemet ouvert et jamais fermé : la suite du fichier a été lue dans une seule "
    "cellule de cette ligne ; fermer le guillemet ou le retirer"
)
_COMMA_HINT = (
    " ; avec le séparateur virgule, une valeur contenant une virgule doit être entre guillemets"
)


def _well_formed(raw: RawTable) -> tuple[list[tuple[int, list[object]]], list[Reject]]:
    """Rows fit for validation, and rejects of the others (shifted or swallowing rows)."""
    width = len(raw.header)
    rows: list[tuple[int, list[object]]] = []
    rejects: list[Reject] = []
    for line, cells in raw.rows:
        extra = [c for c in cells[width:] if not is_empty_cell(c)]
        if line == raw.unclosed_quote_line:
            rejects.append(Reject(raw.file, line, None, None, _UNCLOSED_QUOTE))
        elif extra:
            shown = " | ".join(cell_text(c) for c in extra)
            hint = _COMMA_HINT if raw.separator == "," else ""
            reason = (
                f"ligne de {len(cells)} cellules pour {width} colonnes d'en-tête : "
                f"cellule(s) en trop « {shown} »{hint}"
            )
            rejects.append(Reject(raw.file, line, None, shown, reason))
        else:
            rows.append((line, cells))
    return rows, rejects


def _parse_columns(
    spec: EntitySpec,
    raw: RawTable,
    rows: list[tuple[int, list[object]]],
    positions: dict[str, int],
    refs: References,
) -> _Columns:
    n = len(rows)
    out = _Columns({}, {}, {}, [], [])
    for col in spec.columns:
        index = positions.get(col.name)
        if index is None:
            texts = [""] * n
        elif raw.format == "csv":  # cells are text already
            texts = [cells[index].strip() if index < len(cells) else "" for _, cells in rows]
        else:
            is_date = col.item_type == "date"
            serial = is_date and raw.format == "xlsx"  # a date typed in a General-format cell
            texts = [
                cell_text((serial and excel_serial_date(cells[index])) or cells[index], is_date)
                if index < len(cells) else ""
                for _, cells in rows
            ]
        if col.default is not None:
            texts = [t or col.default for t in texts]
        # Parse each distinct text once; most columns repeat their values a lot.
        parser = ColumnParser(col, refs)
        parsed = {text: parser.parse(text) for text in set(texts) if text}
        bad = np.zeros(n, dtype=bool)
        notable = {text for text, cell in parsed.items() if cell.errors or cell.remaps}
        if notable:
            for pos, text in enumerate(texts):
                if text not in notable:
                    continue
                cell = parsed[text]
                if cell.errors:
                    bad[pos] = True
                    out.problems.extend(CellProblem(pos, (col.name,), r) for r in cell.errors)
                out.remaps.extend((pos, col.name, old, new) for old, new in cell.remaps)
        out.texts[col.name] = texts
        out.values[col.name] = [parsed[text].value if text else None for text in texts]
        out.bad[col.name] = bad
    return out


def _reference_problems(
    spec: EntitySpec, columns: _Columns, tables: dict[str, pd.DataFrame], found: frozenset[str]
) -> list[CellProblem]:
    """Values that must exist in another entity's loaded rows (``mesures_suivi.mesure``, each
    mesure of the ``mesure`` list of an alliance); ``found``: the entities whose file was found."""
    problems: list[CellProblem] = []
    for col in spec.columns:
        if not col.references:
            continue
        target_entity, target_column = col.references.split(".", 1)
        target = tables.get(target_entity)
        known = set(target[target_column].dropna().tolist()) if target is not None else set()
        target_file = ENTITIES[target_entity].file_stem
        where = (f"introuvable dans le fichier {target_file} (colonne {target_column})"
                 if target_entity in found else f"introuvable : le dossier n'a pas de fichier {target_file}")
        bad = columns.bad[col.name]
        for pos, value in enumerate(columns.values[col.name]):
            if value is None or bad[pos]:
                continue
            unknown = [v for v in (value if col.is_list else [value]) if v not in known]
            if unknown:
                shown = ", ".join(f"« {v} »" for v in unknown)
                problems.append(CellProblem(pos, (col.name,), f"{col.name} {shown} {where}"))
    return problems


def _additive(spec: EntitySpec, columns: _Columns, pos: int) -> bool:
    """True for a row the spec declares additive (``additive_when``: ``population_municipale``
    rows of several former communes of one commune nouvelle, same year, add up)."""
    condition = spec.additive_when
    return condition is not None and columns.values[condition.column][pos] in condition.values


def _duplicate_problems(
    spec: EntitySpec, columns: _Columns, candidates: list[int], lines: list[int]
) -> list[CellProblem]:
    """Rows of ``candidates`` whose key was already seen: the first one is kept.

    Exception: for rows the spec declares additive (``additive_when``), rows whose commune codes as read differ (former
    communes mapped to the same current one) are all kept; the core model sums them.
    """
    keys = spec.primary_key
    key_values = [columns.values[c] for c in keys]
    texts = columns.texts
    first_of: dict[tuple[object, ...], int] = {}
    # commune code as read (normalised, before mapping to the current commune)
    read_code = {pos: old for pos, column, old, _ in columns.remaps if column == "commune"}
    written: dict[tuple[object, ...], set[object]] = {}  # codes as read, per key (additive rows)
    problems: list[CellProblem] = []
    for pos in candidates:
        key = tuple(v[pos] for v in key_values)
        seen = first_of.setdefault(key, pos)
        if seen == pos:
            continue
        if _additive(spec, columns, pos):
            communes = columns.values["commune"]
            codes = written.setdefault(key, {read_code.get(seen, communes[seen])})
            code = read_code.get(pos, communes[pos])
            if code not in codes:
                codes.add(code)
                continue
        if keys == ("id",):
            reason = f"identifiant « {texts['id'][pos]} » déjà présent ligne {lines[seen]}"
        else:
            described = ", ".join(
                f"{c} « {texts[c][pos]} »" if texts[c][pos] else f"{c} vide" for c in keys
            )
            reason = f"clé déjà présente ligne {lines[seen]} : {described}"
        problems.append(CellProblem(pos, keys, reason))
    return problems


def _without(positions: list[int], problems: list[CellProblem]) -> list[int]:
    dropped = {p.pos for p in problems}
    return [pos for pos in positions if pos not in dropped]


def _validate(
    spec: EntitySpec,
    raw: RawTable,
    positions: dict[str, int],
    refs: References,
    tables: dict[str, pd.DataFrame],
    found: frozenset[str],
) -> _EntityResult:
    """Parse and validate the rows of one file; ``tables`` holds the entities loaded before,
    ``found`` names the entities whose file was found."""
    file = raw.file
    rows, rejects = _well_formed(raw)
    structural = len(rejects)
    n = len(rows)
    lines = [line for line, _ in rows]
    columns = _parse_columns(spec, raw, rows, positions, refs)
    problems = columns.problems

    # Row by row: pandera schema, rules spanning columns, references to other files.
    typed = pd.DataFrame(
        {c.name: _typed_series(columns.values[c.name], pandas_dtype(c)) for c in spec.columns}
    )
    skip = {(p.pos, p.columns[0]) for p in problems}
    schema = schema_problems(spec, typed, columns.texts, skip)
    for problem in schema:
        columns.bad[problem.columns[0]][problem.pos] = True
    problems.extend(schema)
    problems.extend(rule_problems(spec, typed, columns.bad))
    problems.extend(_reference_problems(spec, columns, tables, found))

    # Across rows, among the rows still valid: duplicate keys, then table rules.
    rejected = {p.pos for p in problems}
    kept = [pos for pos in range(n) if pos not in rejected]
    duplicates = _duplicate_problems(spec, columns, kept, lines)
    kept = _without(kept, duplicates)
    disagreeing = table_rule_problems(spec, typed, kept, lines, columns.texts)
    kept = _without(kept, disagreeing)
    problems.extend(duplicates + disagreeing)

    order = {name: k for k, name in enumerate(spec.column_names)}
    for problem in sorted(problems, key=lambda p: (p.pos, order[p.columns[0]])):
        shown = [columns.texts[c][problem.pos] for c in problem.columns]
        value = " | ".join(shown) if any(shown) else None
        column = ", ".join(problem.columns)
        rejects.append(Reject(file, lines[problem.pos], column, value, problem.reason))
    rejects.sort(key=lambda r: r.line or 0)  # stable: structural rejects first on their line

    kept_set = set(kept)
    mappings = [
        CodeMapping(file, lines[pos], column, old, new)
        for pos, column, old, new in columns.remaps
        if pos in kept_set
    ]
    table = typed.iloc[kept].reset_index(drop=True)
    table[LINE_COLUMN] = pd.Series([lines[p] for p in kept], dtype="int64")
    read = n + structural
    count = FileCount(file, spec.name, read=read, loaded=len(kept), rejected=read - len(kept))
    return _EntityResult(table, rejects, mappings, count)


def load_domain_dir(directory: Path, refs: References, ignore: frozenset[str] = frozenset()) -> DomainLoad:
    """Load every domain file found in ``directory`` against the boundaries ``refs``.

    Raises :class:`DomainFileError` (French message naming each unusable file and what
    was expected) before validating any row when a file cannot be used at all.
    """
    directory = Path(directory)
    found, warnings = find_domain_files(directory, ignore)

    # Read every file and check its header first: an unusable file stops the load
    # before any work, and all unusable files are reported together.
    raws: dict[str, tuple[RawTable, dict[str, int]]] = {}
    errors: list[DomainFileError] = []
    for name, path in found.items():
        spec = ENTITIES[name]
        try:
            raw = read_table(path, spec)
            positions, unknown = _column_positions(raw, spec)
        except DomainFileError as exc:
            errors.append(exc)
            continue
        warnings.extend(LoadWarning(raw.file, note) for note in raw.notes)
        examples = _drop_examples(raw)
        if examples:
            warnings.append(_example_note(raw.file, examples))
        if unknown:
            warnings.append(LoadWarning(raw.file,
                f"fichier {raw.file} : colonne(s) inconnue(s) ignorée(s) : "
                + ", ".join(f"« {u} »" for u in unknown)
            ))
        raws[name] = (raw, positions)
    if errors:
        raise DomainFileError.combine(errors)

    result = DomainLoad(
        tables={}, rejects=[], mappings=[], file_counts=[], sources=dict(found), notes=warnings,
        columns={name: tuple(c for c in ENTITIES[name].column_names if c in positions)
                 for name, (_, positions) in raws.items()},
    )
    # Validated in load order (an entity after those it references), reported in the spec's order.
    results: dict[str, _EntityResult] = {}
    for name in LOAD_ORDER:
        spec = ENTITIES[name]
        if name not in raws:
            result.tables[name] = empty_table(spec)
            continue
        raw, positions = raws[name]
        results[name] = _validate(spec, raw, positions, refs, result.tables, frozenset(found))
        result.tables[name] = results[name].table
    result.tables = {name: result.tables[name] for name in ENTITIES}
    for name in (n for n in ENTITIES if n in results):
        entity = results[name]
        result.rejects.extend(entity.rejects)
        result.mappings.extend(entity.mappings)
        result.file_counts.append(entity.count)
    return result
