"""Recognise the public indicator files by name and header, and the level they are at.

- Filosofi, wide: ``cc_filosofi_<AAAA>_<NIVEAU>.csv`` (``;``, key ``CODGEO``);
- base comparateur de territoires: ``base_cc_comparateur.csv`` (``;``) or ``.xlsx`` (sheet
  ``COM``, title rows above the header);
- Observatoire des territoires export: a CSV whose header starts ``codgeo;libgeo;an``, or
  a workbook with such a sheet (4 title rows) beside a metadata sheet;
- Insee long format (Melodi): a CSV with ``GEO``, ``GEO_OBJECT``, ``<…>_MEASURE``,
  ``TIME_PERIOD``, ``OBS_VALUE``;
- the user's extension of the mapping (``correspondances-indicateurs.toml``).

Only the commune level is read; a file at another level is recognised, then reported as
ignored with its level (never silently).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .insee_mapping import USER_MAPPING
from .tabular import csv_header, xlsx_sheet_headers

__all__ = ["Layout", "classify", "LEVEL_LABELS", "INSEE", "OBSERVATOIRE", "ot_sheet", "measure_column"]

INSEE = "Insee"
OBSERVATOIRE = "Observatoire des territoires (ANCT)"

#: French names of the geographic levels of Insee files (``NIVEAU`` of a file name, ``GEO_OBJECT``).
LEVEL_LABELS: dict[str, str] = {
    "COM": "communes", "ARM": "arrondissements municipaux", "EPCI": "EPCI", "DEP": "départements",
    "REG": "régions", "FRANCE": "France", "FE": "France entière", "METRO": "France métropolitaine",
    "ZE": "zones d'emploi", "UU": "unités urbaines", "AAV": "aires d'attraction des villes",
    "BV": "bassins de vie", "CV": "cantons-villes", "IRIS": "IRIS",
}

_FILOSOFI = re.compile(r"^cc_filosofi_(?P<year>\d{4})_(?P<level>[a-z]+)\.(csv|xlsx)$", re.IGNORECASE)
_COMPARATEUR = re.compile(r"^base[_-]cc[_-]comparateur.*\.(csv|xlsx)$", re.IGNORECASE)
_OT_HEAD = ("codgeo", "libgeo", "an")
_MELODI = {"GEO", "GEO_OBJECT", "TIME_PERIOD", "OBS_VALUE"}


@dataclass(frozen=True)
class Layout:
    """What a file is: ``kind`` (``filosofi``, ``comparateur``, ``observatoire``, ``melodi``,
    ``correspondances``), its French label, publisher, and the level it is at when the name
    says it (``COM`` is read; any other level is reported as ignored)."""

    kind: str
    label: str
    publisher: str
    level: str | None = None

    @property
    def ignored_reason(self) -> str | None:
        """Why the file is not read (a level other than communes), or None."""
        if self.level is None or self.level == "COM":
            return None
        name = LEVEL_LABELS.get(self.level, self.level)
        return f"niveau « {self.level} » ({name}) : seul le niveau communal (COM) est lu"


def measure_column(header: list[str]) -> str | None:
    """The ``<…>_MEASURE`` column of a Melodi header (not ``UNIT_MEASURE``)."""
    return next((h for h in header if h.upper().endswith("_MEASURE") and h.upper() != "UNIT_MEASURE"), None)


def _is_ot_head(cells: list[str]) -> bool:
    return tuple(c.strip().lower() for c in cells[:3]) == _OT_HEAD and len(cells) > 3


def ot_sheet(path: Path) -> str | None:
    """The sheet of an OT workbook whose rows (after the title rows) start codgeo, libgeo, an."""
    for title, rows in xlsx_sheet_headers(path).items():
        if any(_is_ot_head(r) for r in rows):
            return title
    return None


def classify(path: Path) -> Layout | None:
    """The layout of ``path``, or None when it is none of the indicator files."""
    name, suffix = path.name, path.suffix.lower()
    if name.lower() == USER_MAPPING:
        return Layout("correspondances", "correspondances des indicateurs (extension de l'utilisateur)", "")
    if m := _FILOSOFI.match(name):
        level = m["level"].upper()
        return Layout("filosofi", f"Filosofi {m['year']}, {LEVEL_LABELS.get(level, level)}", INSEE, level)
    if _COMPARATEUR.match(name):
        return Layout("comparateur", "base comparateur de territoires", INSEE, "COM")
    if suffix == ".csv":
        header = csv_header(path)
        if _is_ot_head(header):
            return Layout("observatoire", "export de l'Observatoire des territoires", OBSERVATOIRE)
        if _MELODI <= {h.upper() for h in header} and measure_column(header):
            return Layout("melodi", "Insee, format long (Melodi)", INSEE)
    elif suffix == ".xlsx" and ot_sheet(path) is not None:
        return Layout("observatoire", "export de l'Observatoire des territoires", OBSERVATOIRE)
    return None
