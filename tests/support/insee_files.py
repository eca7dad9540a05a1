"""Write small Insee and Observatoire des territoires indicator files in their published layouts.

Shapes as published: Filosofi ``cc_filosofi_<AAAA>_<NIVEAU>.csv`` (``;``, ``CODGEO`` then
many columns, only some of which the Atlas reads); base comparateur ``base_cc_comparateur.csv``
(``;``) or ``.xlsx`` (sheet ``COM`` with 5 title rows above the header, plus an ``ARM``
sheet); Observatoire des territoires exports (``codgeo;libgeo;an;<indicateur>``, or a
workbook whose data sheet has 4 title rows, beside a metadata sheet); Insee long format
(Melodi: quoted ``;`` CSV, ``GEO;GEO_OBJECT;FILOSOFI_MEASURE;UNIT_MEASURE;UNIT_MULT;
CONF_STATUS;OBS_STATUS;TIME_PERIOD;OBS_VALUE``). Values are written as text as the files
hold them (``14,2``, ``s``, ``nd``, empty for missing). The values are made up.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

__all__ = ["write_filosofi", "write_comparateur_csv", "write_comparateur_xlsx", "write_ot_csv",
           "write_ot_xlsx", "write_melodi", "COMPARATEUR_COLUMNS", "MELODI_COLUMNS"]

#: Columns of the base comparateur (a subset of the published ones, in their order).
COMPARATEUR_COLUMNS = ("CODGEO", "P21_POP", "P15_POP", "SUPERF", "NAIS1521", "DECE1521", "P21_MEN",
                       "NBMENFISC21", "PIMP21", "MED21", "TP6021", "P21_EMPLT", "P21_POP1564",
                       "P21_CHOM1564", "P21_ACT1564", "ETTOT22")
MELODI_COLUMNS = ("GEO", "GEO_OBJECT", "FILOSOFI_MEASURE", "UNIT_MEASURE", "UNIT_MULT", "CONF_STATUS",
                  "OBS_STATUS", "TIME_PERIOD", "OBS_VALUE")


def _csv(path: Path, header, rows, quoting=csv.QUOTE_MINIMAL) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=quoting, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_filosofi(folder: Path, rows: list[tuple[str, str, str]], year: int = 2021, level: str = "COM") -> Path:
    """``cc_filosofi_<year>_<level>.csv``; ``rows`` are (CODGEO, TP60<aa>, MED<aa>) as text."""
    aa = f"{year % 100:02d}"
    header = ["CODGEO", f"NBMENFISC{aa}", f"NBPERSMENFISC{aa}", f"MED{aa}", f"PIMP{aa}", f"TP60{aa}",
              f"TP60AGE1{aa}", f"TP60TOL1{aa}", f"PACT{aa}", f"D1{aa}", f"D9{aa}"]
    body = [(code, "412", "905", med, "48", tp60, "s", "s", "71,2", "12 140", "38 520") for code, tp60, med in rows]
    return _csv(folder / f"cc_filosofi_{year}_{level}.csv", header, body)


def _comparateur_rows(rows: list[dict]) -> list[list[str]]:
    return [[row.get(c, "") for c in COMPARATEUR_COLUMNS] for row in rows]


def write_comparateur_csv(folder: Path, rows: list[dict]) -> Path:
    """``base_cc_comparateur.csv``; ``rows`` map some of :data:`COMPARATEUR_COLUMNS` to text."""
    return _csv(folder / "base_cc_comparateur.csv", COMPARATEUR_COLUMNS, _comparateur_rows(rows))


def _titles(sheet, titles: list[str]) -> None:
    for title in titles:
        sheet.append([title])


def write_comparateur_xlsx(folder: Path, rows: list[dict], arm_rows: list[dict] = ()) -> Path:
    """``base-cc-comparateur.xlsx``: sheet ``COM`` (5 title rows), sheet ``ARM``."""
    workbook = openpyxl.Workbook()
    for title, data in (("COM", rows), ("ARM", arm_rows)):
        sheet = workbook.active if title == "COM" else workbook.create_sheet()
        sheet.title = title
        _titles(sheet, ["Base du comparateur de territoires", "Millésime 2021 – géographie au 01/01/2024",
                        "Source : Insee, recensement de la population, Filosofi", "", ""])
        sheet.append(list(COMPARATEUR_COLUMNS))
        for row in _comparateur_rows(list(data)):
            sheet.append([_typed(v) for v in row])
    path = folder / "base-cc-comparateur.xlsx"
    workbook.save(path)
    return path


def _typed(text: str):
    """A workbook cell as Insee writes it: numbers as numbers, ``s``/codes as text."""
    try:
        return float(text.replace(",", ".")) if text and not text.startswith("0") else text
    except ValueError:
        return text


def write_ot_csv(folder: Path, name: str, indicator: str, rows: list[tuple[str, str, str, str]]) -> Path:
    """An OT export ``codgeo;libgeo;an;<indicator>``; rows are (codgeo, libgeo, an, valeur)."""
    return _csv(folder / name, ["codgeo", "libgeo", "an", indicator], rows)


def write_ot_xlsx(folder: Path, name: str, indicator: str, rows: list[tuple[str, str, str, str]]) -> Path:
    """An OT workbook: data sheet (4 title rows, then codgeo, libgeo, an, indicator), metadata sheet."""
    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = "Données"
    _titles(data, [f"Indicateur : {indicator}", "Maille : commune", "Source : Observatoire des territoires", ""])
    data.append(["codgeo", "libgeo", "an", indicator])
    for code, nom, an, value in rows:
        data.append([code, nom, int(an), _typed(value)])
    meta = workbook.create_sheet("Métadonnées")
    meta.append(["Code", "Libellé", "Définition"])
    meta.append([indicator, "Indicateur de test", "Valeur inventée pour les tests"])
    path = folder / name
    workbook.save(path)
    return path


def write_melodi(folder: Path, name: str, rows: list[tuple[str, str, str, str, str, str]]) -> Path:
    """A Melodi CSV; rows are (GEO, GEO_OBJECT, measure, CONF_STATUS, TIME_PERIOD, OBS_VALUE)."""
    body = [(geo, level, measure, "PC" if measure.startswith("PR") else "EUR_YR", "0", conf, "A", period, value)
            for geo, level, measure, conf, period, value in rows]
    return _csv(folder / name, MELODI_COLUMNS, body, quoting=csv.QUOTE_ALL)
