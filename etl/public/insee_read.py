"""Read each layout of the public indicator files into a :class:`~etl.public.insee_rows.FileState`.

- wide (Filosofi, base comparateur): one row per commune, one column per indicator and year;
- Observatoire des territoires: ``codgeo``, ``libgeo``, ``an``, then one column per indicator;
- Insee long format (Melodi): one row per territory, measure and period, ``COM`` rows only.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from etl.domain.references import References

from .base import PublicFile
from .insee_layouts import LEVEL_LABELS, classify, measure_column, ot_sheet
from .insee_mapping import Mapping
from .insee_rows import FileState, Problem, cell, listing, number, parse, take_row
from .tabular import read_csv_table, read_xlsx_table

__all__ = ["read_file"]

_MELODI_GEO = re.compile(r"^\d{4}-COM-(?P<code>.+)$", re.IGNORECASE)


def _read_wide(path: Path, state: FileState, mapping: Mapping, refs: References) -> None:
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
        state.ignore("aucune colonne connue des correspondances (colonnes : " + listing(unused) + ")")
        return
    state.note("colonnes utilisées : " + listing(
        f"{'/'.join(m.columns)} → {m.indicator} {m.year}" for m in matches))
    if unused:
        state.note(f"colonnes ignorées ({len(unused)}) : " + listing(unused))
    index = {h: i for i, h in enumerate(table.header)}
    for line, cells in table.rows:
        parsed = []
        for m in matches:
            texts = [cells[index[c]] for c in m.columns]
            parsed.append(cell(m.columns[0], texts, parse(mapping, m.indicator, m.year, "/".join(m.columns), texts)))
        take_row(state, refs, line, key, cells[index[key]], parsed)


def _ot_level(codes: list[str]) -> str | None:
    """``None`` for communes (4 or 5 characters), else the level the codes' length suggests."""
    lengths = Counter(len(c) for c in codes if c)
    if not lengths or sum(n for k, n in lengths.items() if k in (4, 5)) * 2 >= sum(lengths.values()):
        return None
    common = lengths.most_common(1)[0][0]
    return "EPCI" if common == 9 else "DEP" if common <= 3 else f"codes de {common} caractères"


def _read_observatoire(path: Path, state: FileState, mapping: Mapping, refs: References) -> None:
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
        state.ignore("indicateur(s) " + listing(indicators) + " absent(s) des correspondances ([observatoire])")
        return
    state.note("colonnes utilisées : " + listing(f"{h} → {i}" for h, i in used.items()))
    if ignored := [h for h in indicators if h not in used]:
        state.note("colonnes ignorées : " + listing(ignored))
    index = {h: i for i, h in enumerate(table.header)}
    for line, cells in rows:
        year_text = cells[2]
        year = int(number(year_text)) if number(year_text) is not None else None
        if year is None or not 1900 <= year <= 2100:
            parsed = [Problem(table.header[2], year_text, "attendu une année sur 4 chiffres")]
        else:
            parsed = [cell(h, [cells[index[h]]], parse(mapping, i, year, h, [cells[index[h]]]))
                      for h, i in used.items()]
        take_row(state, refs, line, table.header[0], cells[0], parsed, (year,), " pour la même année")


def _melodi_secret(mapping: Mapping, cells: list[str], index: dict[str, int]) -> bool:
    return any(cells[index[column]].upper() in statuses
               for column, statuses in mapping.secret_statuses.items() if column in index)


def _read_melodi(path: Path, state: FileState, mapping: Mapping, refs: References) -> None:
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
            parsed = [Problem("TIME_PERIOD", period, "attendu une année (AAAA)")]
        else:
            value = cells[index["OBS_VALUE"]]
            result = parse(mapping, indicator, int(period[:4]), code, [value],
                            secret=_melodi_secret(mapping, cells, index))
            parsed = [cell("OBS_VALUE", [value], result if result is not None else
                            "valeur absente, sans statut de secret statistique")]
        take_row(state, refs, line, "GEO", geo, parsed, (indicator, period), " pour la même mesure et période")
    if used:
        state.note("mesures utilisées : " + listing(f"{k} (lignes : {n})" for k, n in used.items()))
    if unknown:
        state.note(f"mesures absentes des correspondances ([melodi.mesures]), lignes ignorées : "
                   f"{sum(unknown.values())} ; mesures : " + listing(unknown))
    if levels:
        state.note(f"lignes d'un autre niveau que la commune, ignorées : {sum(levels.values())} ("
                   + ", ".join(f"{k} {LEVEL_LABELS.get(k, k)} : {n}" for k, n in sorted(levels.items()))
                   + ") ; seul le niveau communal (COM) est lu")


def read_file(file: PublicFile, mapping: Mapping, refs: References) -> FileState:
    state = FileState(file.path.name)
    layout = classify(file.path)
    if layout.ignored_reason:
        state.ignore(layout.ignored_reason)
    elif layout.kind in ("filosofi", "comparateur"):
        _read_wide(file.path, state, mapping, refs)
    elif layout.kind == "observatoire":
        _read_observatoire(file.path, state, mapping, refs)
    elif layout.kind == "melodi":
        _read_melodi(file.path, state, mapping, refs)
    return state

