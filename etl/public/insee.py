"""Reader of the Insee and Observatoire des territoires indicator files, as downloaded.

Layouts (:mod:`etl.public.insee_layouts`, read by :mod:`etl.public.insee_read`): Filosofi
wide, base comparateur (CSV or XLSX), Observatoire des territoires exports (CSV or XLSX),
Insee long format (Melodi). Which column or measure feeds which indicator is
:mod:`etl.public.insee_mapping`'s TOML; row accounting is :mod:`etl.public.insee_rows`'s.

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

from pathlib import Path

import pandas as pd
import pyarrow as pa

from etl.domain.loader import FileCount, LoadWarning
from etl.domain.references import References

from .base import PublicFile, PublicLoad, PublicReader
from .insee_layouts import classify
from .insee_mapping import load_mapping
from .insee_read import read_file

__all__ = ["InseeReader", "TABLE", "supersede_own_indicators"]

#: The table this reader fills (registered as ``raw_indicateurs_publics``).
TABLE = "indicateurs_publics"
_SCHEMA = pa.schema([
    ("commune", pa.string()), ("indicateur", pa.string()), ("annee", pa.int64()),
    ("valeur", pa.float64()), ("secret", pa.bool_()), ("source", pa.string()),
    ("colonne", pa.string()), ("ligne", pa.int64()),
])


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
            state = read_file(file, mapping, refs)
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
