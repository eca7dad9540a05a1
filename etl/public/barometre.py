"""Files in the Baromètre des résultats de l'action publique's CSV layout (:mod:`atlas.barometre`):
the values of the mesures' indicators, exchanged with the State's dashboards.

The file carries values only. What an indicator measures (its mesure, label and unit) is
declared in the ``mesures_indicateurs`` file of the same folder (one row per indicator is
enough): ``queries/staging/stg_barometre.sql`` takes the mesure, label and unit from its
loaded rows. Every row of a Baromètre file is loaded or rejected with its reason: an
indicator the folder does not declare, a département (the Atlas follows the mesures
nationally and by région), a zone or maille that follows no convention, an unknown
région, a row without any value, a key already given (in the file or in
``mesures_indicateurs``). A progress rate ``indic_ta`` that differs from the one the
values give is noted (the warehouse recomputes it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from atlas.barometre import COLUMNS, MAILLES, parse_zone
from atlas.entities import ENTITIES
from etl.domain.cells import CellError, parse_date, parse_number
from etl.domain.errors import DomainFileError
from etl.domain.loader import FileCount, LoadWarning, Reject
from etl.domain.readers import is_empty_cell, read_csv, read_table
from etl.domain.references import References

from .base import PublicFile, PublicLoad, PublicReader

__all__ = ["BarometreReader", "ENTITY"]

ENTITY = "mesures_indicateurs"
_VALUES = {"indic_vi": "valeur_initiale", "indic_va": "valeur_actuelle", "indic_vc": "cible"}
_SCHEMA = pa.schema([
    pa.field("indicateur", pa.string()), pa.field("region", pa.string()), pa.field("date_valeur", pa.date32()),
    pa.field("valeur_initiale", pa.float64()), pa.field("valeur_actuelle", pa.float64()),
    pa.field("cible", pa.float64()), pa.field("fichier", pa.string()), pa.field("ligne", pa.int32()),
])


@dataclass(frozen=True)
class _Columns:
    """What :func:`etl.domain.readers.read_csv` needs to choose the separator."""

    column_names: tuple[str, ...] = COLUMNS


def _header(path: Path) -> list[str]:
    try:
        with open(path, "rb") as handle:
            first = handle.read(1024).decode("utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []
    if not first:
        return []
    for sep in (",", ";"):
        cells = [c.strip().lower() for c in next(csv.reader(io.StringIO(first[0]), delimiter=sep))]
        if cells[:len(COLUMNS)] == list(COLUMNS):
            return cells
    return []


@dataclass(frozen=True)
class _Declared:
    """What the folder's mesures_indicateurs file declares: indicators and the keys it gives."""

    indicators: frozenset[str]
    keys: dict[tuple, int]


def _declared(folder: Path) -> _Declared:
    """The indicators and (indicateur, région, date) keys of ``mesures_indicateurs.*`` in ``folder``
    (read loosely: the domain loader validates that file and reports its own rejects)."""
    spec = ENTITIES[ENTITY]
    path = next((p for p in sorted(folder.iterdir()) if p.is_file() and p.stem.lower() == spec.file_stem
                 and p.suffix.lower() in (".csv", ".xlsx", ".parquet")), None)
    if path is None:
        return _Declared(frozenset(), {})
    table = read_table(path, spec)
    positions = {str(title).strip().lower(): i for i, title in enumerate(table.header)}
    indicators, keys = set(), {}
    for line, cells in table.rows:
        def cell(name):
            i = positions.get(name)
            value = cells[i] if i is not None and i < len(cells) else None
            return None if is_empty_cell(value) else str(value).strip()
        indicator = cell("indicateur")
        if indicator:
            indicators.add(indicator)
            try:
                when = parse_date(cell("date_valeur") or "")
            except CellError:
                continue
            keys.setdefault((indicator, cell("region"), when), line)
    return _Declared(frozenset(indicators), keys)


class BarometreReader(PublicReader):
    """A CSV whose header is the Baromètre's (any file name)."""

    name = "barometre"
    tables = {"barometre_valeur": _SCHEMA}

    def detect(self, path: Path) -> PublicFile | None:
        if path.suffix.lower() != ".csv" or not _header(path):
            return None
        return PublicFile(path=path, reader=self.name, layout="Baromètre des résultats de l'action publique",
                          publisher="Baromètre des résultats de l'action publique")

    def load(self, files: list[PublicFile], refs: References) -> PublicLoad:
        result = PublicLoad()
        seen: dict[tuple, tuple[str, int]] = {}
        for file in files:
            result.extend(load_file(file.path, refs, _declared(file.path.parent), seen))
        return result


def _rate_differs(given: float, values: dict) -> bool:
    initial, current, target = values["valeur_initiale"], values["valeur_actuelle"], values["cible"]
    if None in (initial, current, target) or target == initial:
        return True
    rate = min(1.0, max(0.0, (current - initial) / (target - initial)))
    return abs(round(100 * rate, 2) - given) > 0.01


def load_file(path: Path, refs: References, declared: _Declared, seen: dict | None = None) -> PublicLoad:
    """One Baromètre file against the boundaries ``refs`` and the folder's declared indicators;
    ``seen`` (shared by the files of a folder) finds a key given twice."""
    name = path.name
    seen = {} if seen is None else seen
    table = read_csv(path, name, _Columns())
    positions = {str(t).strip().lower(): i for i, t in enumerate(table.header)}
    missing = [c for c in COLUMNS if c not in positions]
    if missing:
        raise DomainFileError(f"fichier {name} : colonnes {', '.join(missing)} absentes ; attendu l'en-tête du "
                              f"Baromètre : {','.join(COLUMNS)}", files=(name,))
    load = PublicLoad()
    load.notes += [LoadWarning(name, note) for note in table.notes]
    rows, rate_lines = [], []

    def reject(line, column, value, reason):
        load.rejects.append(Reject(name, line, column, value or None, reason))

    for line, cells in table.rows:
        def cell(column):
            value = cells[positions[column]] if positions[column] < len(cells) else None
            return "" if is_empty_cell(value) else str(value).strip()

        indicator, zone, maille = cell("indic_id"), cell("enforce_zone_id"), cell("maille").upper()
        if not indicator:
            reject(line, "indic_id", "", "valeur obligatoire manquante")
            continue
        parsed = parse_zone(zone)
        if parsed is None:
            reject(line, "enforce_zone_id", zone, "zone inconnue : attendu FRA (maille NAT), R + code région "
                                                  "(maille REG) ou D + code département (maille DEPT)")
            continue
        level, code = parsed
        if maille != MAILLES[level]:
            reject(line, "maille", cell("maille"), f"maille « {cell('maille')} » incohérente avec la zone « {zone} » "
                                                   f"(attendu {MAILLES[level]})")
            continue
        if level == "departement":
            reject(line, "enforce_zone_id", zone, "valeur départementale non reprise : l'atlas suit les indicateurs "
                                                  "des mesures pour la France et par région")
            continue
        if level == "region" and code not in refs.regions:
            reject(line, "enforce_zone_id", zone, f"code région inconnu « {code} »")
            continue
        if indicator not in declared.indicators:
            reject(line, "indic_id", indicator, f"indicateur « {indicator} » non déclaré : ajoutez au fichier "
                                                "mesures_indicateurs une ligne qui le rattache à sa mesure (libellé, unité)")
            continue
        try:
            when = parse_date(cell("metric_enforce_date"))
        except CellError as exc:
            reject(line, "metric_enforce_date", cell("metric_enforce_date"), exc.reason)
            continue
        values, bad = {}, None
        for column, target in _VALUES.items():
            try:
                values[target] = parse_number(cell(column), integer=False) if cell(column) else None
            except CellError as exc:
                bad = (column, cell(column), exc.reason)
                break
        if bad:
            reject(line, *bad)
            continue
        if all(v is None for v in values.values()):
            reject(line, "indic_vi, indic_va, indic_vc", "", "aucune des valeurs initiale, actuelle ou cible "
                                                               "n'est renseignée")
            continue
        key = (indicator, code, when)
        if key in declared.keys:
            reject(line, "indic_id", indicator, f"valeur déjà donnée par le fichier mesures_indicateurs "
                                                f"(ligne {declared.keys[key]})")
            continue
        if key in seen:
            reject(line, "indic_id", indicator, f"clé déjà présente : {seen[key][0]}, ligne {seen[key][1]}")
            continue
        seen[key] = (name, line)
        if cell("indic_ta"):
            try:
                if _rate_differs(parse_number(cell("indic_ta"), integer=False), values):
                    rate_lines.append(line)
            except CellError:
                rate_lines.append(line)
        rows.append({"indicateur": indicator, "region": code, "date_valeur": when, **values,
                     "fichier": name, "ligne": line})
    if rate_lines:
        load.notes.append(LoadWarning(name, f"fichier {name} : taux d'avancement indic_ta différent de celui que "
                                            f"donnent les valeurs (recalculé par l'atlas), lignes "
                                            f"{', '.join(map(str, rate_lines[:10]))}"
                                            + (" …" if len(rate_lines) > 10 else "")))
    load.tables["barometre_valeur"] = pd.DataFrame(rows, columns=list(_SCHEMA.names))
    load.file_counts.append(FileCount(name, ENTITY, len(table.rows), len(rows), len(table.rows) - len(rows)))
    return load
