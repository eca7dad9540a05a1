"""Reader of the Insee and Observatoire des territoires indicator files, as downloaded.

Layouts (:mod:`etl.public.insee_layouts`): Filosofi wide, base comparateur (CSV or XLSX),
Observatoire des territoires exports (CSV or XLSX), Insee long format (Melodi). Which
column or measure feeds which indicator is :mod:`etl.public.insee_mapping`'s TOML.

Rules:

- every commune-level row read is loaded or rejected with its reason: rejected when its
  code is invalid or unknown to the boundaries, when a cell is neither a number, a secret
  (``s``, ``nd``, a confidential Melodi status) nor empty, when a value is out of the
  indicator's bounds, when it gives no value at all, or when its commune (after mapping a
  former commune to the current one) was already given by an earlier row of the file;
- a **secret** value is stored as secret (``secret = true``, no value): neither zero nor
  missing; an empty cell is missing (no row);
- rows at another level (Melodi ``GEO_OBJECT`` other than ``COM``), measures and columns
  the mapping does not know are not read: a warning says which, and how many;
- the same commune, indicator and year given by two public files: the first file (in
  name order) wins, the run says how many values of the other were left out;
- a public value replaces our own indicators file's value (demo or not) for the same
  commune, indicator and year: :func:`supersede_own_indicators`, with a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from atlas.entities import INDICATEURS
from etl.domain.loader import CodeMapping, FileCount, LoadWarning, Reject
from etl.domain.references import References
from geodata.codes import CodeError, normalize_commune

from .base import PublicFile, PublicLoad, PublicReader
from .insee_layouts import LEVEL_LABELS, Layout, classify, measure_column, ot_sheet
from .insee_mapping import Mapping, load_mapping
from .tabular import read_csv_table, read_xlsx_table

__all__ = ["InseeReader", "TABLE", "supersede_own_indicators"]

#: The table this reader fills (registered as ``raw_indicateurs_publics``).
TABLE = "indicateurs_publics"
_SCHEMA = pa.schema([
    ("commune", pa.string()), ("indicateur", pa.string()), ("annee", pa.int64()),
    ("valeur", pa.float64()), ("secret", pa.bool_()), ("source", pa.string()),
    ("colonne", pa.string()), ("ligne", pa.int64()),
])
_LISTED = 12  # column or measure names quoted in a warning
_MELODI_GEO = re.compile(r"^\d{4}-COM-(?P<code>.+)$", re.IGNORECASE)


def _listing(names) -> str:
    names = list(names)
    shown = ", ".join(names[:_LISTED])
    return shown + (f" … et {len(names) - _LISTED} autres" if len(names) > _LISTED else "")


@dataclass(frozen=True)
class _Value:
    """One indicator value of a row (``value`` None when ``secret``)."""

    indicator: str
    year: int
    column: str
    value: float | None
    secret: bool


@dataclass(frozen=True)
class _Problem:
    """A cell that is neither a number, a secret nor empty, or out of bounds."""

    column: str
    value: str | None
    reason: str


@dataclass
class _FileState:
    """What one file produced."""

    file: str
    rows: list[dict] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    mappings: list[CodeMapping] = field(default_factory=list)
    notes: list[LoadWarning] = field(default_factory=list)
    read: int = 0
    rejected: int = 0
    seen: dict = field(default_factory=dict)
    ignored: bool = False

    def note(self, message: str) -> None:
        self.notes.append(LoadWarning(self.file, f"fichier {self.file} : {message}"))

    def ignore(self, reason: str) -> None:
        """The whole file is not read, for ``reason``."""
        self.ignored = True
        self.note(f"{reason}, fichier ignoré")


def _number(text: str) -> float | None:
    try:
        return float(text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def _parse(mapping: Mapping, indicator: str, year: int, column: str, texts: list[str],
           secret: bool = False) -> _Value | str | None:
    """A value, a French problem, or None (missing). ``texts`` has one cell, or two for a ratio."""
    if secret or any(mapping.is_secret(t) for t in texts if t):
        return _Value(indicator, year, column, None, True)
    if any(not t for t in texts):
        return None
    numbers = [_number(t) for t in texts]
    for text, number in zip(texts, numbers):
        if number is None:
            return f"« {text} » : attendu un nombre, « s » ou « nd » (secret statistique) ou une cellule vide"
    if len(numbers) == 2:
        if numbers[1] == 0:
            return None
        value = 100 * numbers[0] / numbers[1]
    else:
        value = numbers[0]
    spec = INDICATEURS[indicator]
    if not spec.minimum <= value <= spec.maximum:
        return (f"valeur {value:g} hors des bornes de l'indicateur {indicator} "
                f"({spec.minimum:g} à {spec.maximum:g} {spec.unit})")
    return _Value(indicator, year, column, value, False)


def _take_row(state: _FileState, refs: References, line: int, key_column: str, code_text: str,
              parsed: list[_Value | _Problem | None], key_extra: tuple = (), same: str = "") -> None:
    """Load or reject one row: its commune code and its parsed cells. ``key_extra`` completes the
    commune in the key a file gives once (year, measure…), ``same`` says it in French."""
    state.read += 1
    problems: list[Reject] = []
    current = None
    try:
        code = normalize_commune(code_text)
        current = refs.resolve_commune(code)
        if current is None:
            problems.append(Reject(state.file, line, key_column, code_text,
                                   f"commune {code} inconnue des limites administratives (ni actuelle ni ancienne)"))
    except CodeError as exc:
        problems.append(Reject(state.file, line, key_column, code_text, str(exc)))
    problems += [Reject(state.file, line, p.column, p.value, p.reason) for p in parsed if isinstance(p, _Problem)]
    values = [p for p in parsed if isinstance(p, _Value)]
    if not problems and not values:
        problems.append(Reject(state.file, line, None, None,
                               "aucune valeur (nombre ou secret statistique) pour les indicateurs retenus"))
    key = (current, *key_extra)
    if not problems and key in state.seen:
        problems.append(Reject(state.file, line, key_column, code_text,
                               f"commune {current} déjà donnée ligne {state.seen[key]}{same} (une ancienne "
                               "commune rapportée à sa commune actuelle compte pour elle) ; une seule ligne par "
                               "commune" + same))
    if problems:
        state.rejects += problems
        state.rejected += 1
        return
    state.seen[key] = line
    if current != code:
        state.mappings.append(CodeMapping(state.file, line, key_column, code, current))
    for v in values:
        state.rows.append({"commune": current, "indicateur": v.indicator, "annee": v.year, "valeur": v.value,
                           "secret": v.secret, "source": state.file, "colonne": v.column, "ligne": line})


def _cell(column: str, texts: list[str], result: _Value | str | None) -> _Value | _Problem | None:
    """The parsed cell, a reason (str) becoming a :class:`_Problem` of ``column``."""
    return _Problem(column, " / ".join(texts), result) if isinstance(result, str) else result


# --------------------------------------------------------------------------- layouts


def _read_wide(path: Path, layout: Layout, state: _FileState, mapping: Mapping, refs: References) -> None:
    """Filosofi and base comparateur: one row per commune, one column per indicator and year."""
    if path.suffix.lower() == ".xlsx":
        table = read_xlsx_table(path, "COM", "CODGEO")
        state.note(f"feuille « {table.sheet} » lue")
    else:
        table = read_csv_table(path, "CODGEO")
    matches, unused = mapping.wide_columns(table.header)
    key = next(h for h in table.header if h.upper() == "CODGEO")
    unused = [h for h in unused if h != key]
    if not matches:
        state.ignore("aucune colonne connue des correspondances (colonnes : " + _listing(unused) + ")")
        return
    state.note("colonnes utilisées : " + _listing(
        f"{'/'.join(m.columns)} → {m.indicator} {m.year}" for m in matches))
    if unused:
        state.note(f"colonnes ignorées ({len(unused)}) : " + _listing(unused))
    index = {h: i for i, h in enumerate(table.header)}
    for line, cells in table.rows:
        parsed = []
        for m in matches:
            texts = [cells[index[c]] for c in m.columns]
            parsed.append(_cell(m.columns[0], texts, _parse(mapping, m.indicator, m.year, "/".join(m.columns), texts)))
        _take_row(state, refs, line, key, cells[index[key]], parsed)


def _ot_level(codes: list[str]) -> str | None:
    """``None`` for communes (4 or 5 characters), else the level the codes' length suggests."""
    lengths = Counter(len(c) for c in codes if c)
    if not lengths or sum(n for k, n in lengths.items() if k in (4, 5)) * 2 >= sum(lengths.values()):
        return None
    common = lengths.most_common(1)[0][0]
    return "EPCI" if common == 9 else "DEP" if common <= 3 else f"codes de {common} caractères"


def _read_observatoire(path: Path, state: _FileState, mapping: Mapping, refs: References) -> None:
    """OT export: codgeo, libgeo, an, then one column per indicator."""
    if path.suffix.lower() == ".xlsx":
        table = read_xlsx_table(path, ot_sheet(path) or "", "codgeo")
        state.note(f"feuille « {table.sheet} » lue ; les autres feuilles (métadonnées) ne sont pas chargées")
    else:
        table = read_csv_table(path, "codgeo")
    rows = list(table.rows)
    if (level := _ot_level([c[0] for _, c in rows])) is not None:
        state.ignore(f"{LEVEL_LABELS.get(level, level)} ({level}) : seul le niveau communal est lu")
        return
    indicators = {h: mapping.indicator_of(h, mapping.observatoire) for h in table.header[3:] if h}
    used = {h: i for h, i in indicators.items() if i}
    if not used:
        state.ignore("indicateur(s) " + _listing(indicators) + " absent(s) des correspondances ([observatoire])")
        return
    state.note("colonnes utilisées : " + _listing(f"{h} → {i}" for h, i in used.items()))
    if ignored := [h for h in indicators if h not in used]:
        state.note("colonnes ignorées : " + _listing(ignored))
    index = {h: i for i, h in enumerate(table.header)}
    for line, cells in rows:
        year_text = cells[2]
        year = int(_number(year_text)) if _number(year_text) is not None else None
        if year is None or not 1900 <= year <= 2100:
            parsed = [_Problem(table.header[2], year_text, "attendu une année sur 4 chiffres")]
        else:
            parsed = [_cell(h, [cells[index[h]]], _parse(mapping, i, year, h, [cells[index[h]]]))
                      for h, i in used.items()]
        _take_row(state, refs, line, table.header[0], cells[0], parsed, (year,), " pour la même année")


def _melodi_secret(mapping: Mapping, cells: list[str], index: dict[str, int]) -> bool:
    return any(cells[index[column]].upper() in statuses
               for column, statuses in mapping.secret_statuses.items() if column in index)


def _read_melodi(path: Path, state: _FileState, mapping: Mapping, refs: References) -> None:
    """Insee long format: one row per territory, measure and period; rows at COM only."""
    table = read_csv_table(path, "GEO_OBJECT")
    index = {h.upper(): i for i, h in enumerate(table.header)}
    measure = measure_column(table.header)
    levels: Counter = Counter()
    unknown: Counter = Counter()
    used: Counter = Counter()
    for line, cells in table.rows:
        level = cells[index["GEO_OBJECT"]].upper()
        if level != "COM":
            levels[level] += 1
            continue
        code = cells[index[measure.upper()]]
        indicator = mapping.indicator_of(code, mapping.measures)
        if indicator is None:
            unknown[code] += 1
            continue
        used[f"{code} → {indicator}"] += 1
        period = cells[index["TIME_PERIOD"]]
        geo = cells[index["GEO"]]
        geo = m["code"] if (m := _MELODI_GEO.match(geo)) else geo
        if not re.match(r"^\d{4}", period):
            parsed = [_Problem("TIME_PERIOD", period, "attendu une année (AAAA)")]
        else:
            value = cells[index["OBS_VALUE"]]
            result = _parse(mapping, indicator, int(period[:4]), code, [value],
                            secret=_melodi_secret(mapping, cells, index))
            parsed = [_cell("OBS_VALUE", [value], result if result is not None else
                            "valeur absente, sans statut de secret statistique")]
        _take_row(state, refs, line, "GEO", geo, parsed, (indicator, period), " pour la même mesure et période")
    if used:
        state.note("mesures utilisées : " + _listing(f"{k} (lignes : {n})" for k, n in used.items()))
    if unknown:
        state.note(f"mesures absentes des correspondances ([melodi.mesures]), lignes ignorées : "
                   f"{sum(unknown.values())} ; mesures : " + _listing(unknown))
    if levels:
        state.note(f"lignes d'un autre niveau que la commune, ignorées : {sum(levels.values())} ("
                   + ", ".join(f"{k} {LEVEL_LABELS.get(k, k)} : {n}" for k, n in sorted(levels.items()))
                   + ") ; seul le niveau communal (COM) est lu")


def _read_file(file: PublicFile, mapping: Mapping, refs: References) -> _FileState:
    state = _FileState(file.path.name)
    layout = classify(file.path)
    if layout.ignored_reason:
        state.ignore(layout.ignored_reason)
    elif layout.kind in ("filosofi", "comparateur"):
        _read_wide(file.path, layout, state, mapping, refs)
    elif layout.kind == "observatoire":
        _read_observatoire(file.path, state, mapping, refs)
    elif layout.kind == "melodi":
        _read_melodi(file.path, state, mapping, refs)
    return state


def _first_file_wins(rows: pd.DataFrame) -> tuple[pd.DataFrame, list[LoadWarning]]:
    """Keep, for each commune, indicator and year, the value of the first file (name order)."""
    if rows.empty:
        return rows, []
    rows = rows.sort_values(["source", "ligne"], kind="stable")
    duplicated = rows.duplicated(["commune", "indicateur", "annee"], keep="first")
    notes = []
    for source, dropped in rows[duplicated].groupby("source"):
        keep = rows[~duplicated].merge(dropped[["commune", "indicateur", "annee"]])["source"].unique()
        notes.append(LoadWarning(source, (
            f"fichier {source} : valeurs déjà données par " + ", ".join(sorted(keep))
            + f" (même commune, indicateur et année), laissées de côté : {len(dropped)} ; la valeur du "
            "premier fichier (ordre des noms) est gardée")))
    return rows[~duplicated].reset_index(drop=True), notes


class InseeReader(PublicReader):
    """Insee (Filosofi, base comparateur, Melodi) and Observatoire des territoires files."""

    name = "insee"
    tables = {TABLE: _SCHEMA}

    def detect(self, path: Path) -> PublicFile | None:
        layout = classify(path)
        if layout is None:
            return None
        label = layout.label + (f" — ignoré : {layout.ignored_reason}" if layout.ignored_reason else "")
        licence = "" if layout.kind == "correspondances" else PublicFile.licence
        return PublicFile(path, self.name, label, layout.publisher or "utilisateur", licence=licence)

    def load(self, files: list[PublicFile], refs: References) -> PublicLoad:
        mapping, user = load_mapping(files[0].path.parent)
        result = PublicLoad()
        if user is not None:
            result.notes.append(LoadWarning(user.name, (
                f"fichier {user.name} : correspondances de l'utilisateur ajoutées à celles de l'Atlas")))
        frames = []
        for file in files:
            if file.path == user:
                continue
            state = _read_file(file, mapping, refs)
            if not state.read and not state.ignored:
                state.note("aucune ligne de données au niveau communal")
            result.rejects += state.rejects
            result.mappings += state.mappings
            result.notes += state.notes
            if state.read:
                result.file_counts.append(FileCount(state.file, "indicateurs", state.read,
                                                    state.read - state.rejected, state.rejected))
            frames.append(pd.DataFrame(state.rows, columns=_SCHEMA.names))
        rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=_SCHEMA.names)
        rows, notes = _first_file_wins(rows)
        result.notes += notes
        result.tables[TABLE] = rows
        return result


def supersede_own_indicators(tables: dict[str, pd.DataFrame], public: PublicLoad,
                             own_file: str | None) -> list[LoadWarning]:
    """Drop our own indicators file's rows (demo or not) for a commune, indicator and year
    that a public file gives (the public value wins); a warning says how many."""
    own, real = tables.get("indicateurs"), public.tables.get(TABLE)
    if own is None or own.empty or real is None or real.empty:
        return []
    keys = set(zip(real["commune"], real["indicateur"], real["annee"].astype(int)))
    replaced = pd.Series([(c, i, int(a)) in keys for c, i, a in zip(own["commune"], own["indicateur"], own["annee"])],
                         index=own.index)
    if not replaced.any():
        return []
    tables["indicateurs"] = own[~replaced].reset_index(drop=True)
    demo = int(own.loc[replaced, "demo"].fillna(False).astype(bool).sum()) if "demo" in own else 0
    name = own_file or "indicateurs"
    return [LoadWarning(name, (
        f"fichier {name} : valeurs remplacées par celles des fichiers publics (même commune, indicateur et "
        f"année) : {int(replaced.sum())}, dont {demo} de démonstration"))]
