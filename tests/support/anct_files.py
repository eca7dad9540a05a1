"""ANCT programme files in the published layouts, for the small warehouse's communes.

:func:`write_anct_files` writes a family of files as the ANCT publishes them on
data.gouv.fr (names, columns, UTF-8, comma-separated; one XLSX copy), over the ten
communes and two EPCI of :mod:`tests.support.small_warehouse`, with the real quirks:

- CRTE (groupements table): one CRTE per EPCI, the Trégor EPCI on two rows of its CRTE and in
  a second CRTE (no signature date: status « non renseigné »), a CRTE signed by the island
  commune alone (``nature_juridique`` ``COM``, its INSEE code where the SIREN stands), a PETR
  that is no EPCI (rejected); dates in the three formats of the files;
- CRTE (communes table): a commune in no EPCI in two CRTE, its ids joined by ``" ; "``;
- Petites villes de demain: one contract for two communes, an unknown commune (rejected);
- Action cœur de ville: the contracts list and their communes;
- Territoires d'industrie: its list and an XLSX groupements table;
- France services: one row per site, a commune with two sites;
- a programme the Atlas does not know (``frr``), loaded with its code as label.

The module says nothing about what the warehouse should hold: tests compute what they
expect from the rows written here (:data:`ROWS`).
"""

from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["ROWS", "write_anct_files", "write_csv", "write_xlsx"]

_CRTE_GRPT = ("insee_reg", "lib_reg", "dep_chef_file", "lib_dep", "id_crte", "lib_crte", "type_grp_crte",
              "siren_groupement", "lib_groupement", "nature_juridique", "siren_epci", "date_signature")

_GROUPEMENTS = {"242900001": "Communauté du Haut-Léon", "200022001": "Trégor Communauté",
                "29005": "Île-de-Garo", "200099999": "PETR du Pays du Trégor"}


def _crte(dep: str, ident: str, lib: str, kind: str, siren: str, nature: str, epci: str, signed: str):
    """One row of the CRTE groupements table (région and département named as published)."""
    return ("53", "Bretagne", dep, {"29": "Finistère", "22": "Côtes-d'Armor"}[dep], ident, lib, kind,
            siren, _GROUPEMENTS[siren], nature, epci, signed)


#: File name -> (header, rows), every value a string as a CSV holds it.
ROWS: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]] = {
    "liste-crte-grpt2024-20250717.csv": (_CRTE_GRPT, [
        _crte("29", "crte-29-01", "CRTE du Haut-Léon", "mono", "242900001", "CC", "242900001", "2021-12-15"),
        _crte("22", "crte-22-01", "CRTE du Trégor", "mono", "200022001", "CA", "200022001", "15/06/2022"),
        _crte("22", "crte-22-01", "CRTE du Trégor", "mono", "200022001", "CA", "200022001", "15/06/2022"),
        _crte("29", "crte-29-02", "CRTE de l'Île-de-Garo", "mono", "29005", "COM", "", "03-02-2022"),
        _crte("22", "crte-22-02", "CRTE du littoral trégorrois", "pluri", "200022001", "CA", "200022001", ""),
        _crte("22", "crte-22-03", "CRTE du Pays du Trégor", "pluri", "200099999", "PETR", "", "2022-01-20"),
    ]),
    "liste-crte-com2024-20250717.csv": (("insee_com", "lib_com", "id_crte"), [
        ("22005", "Kermoal", "crte-22-01 ; crte-22-02"),
    ]),
    "liste-pvd-com2024-20250312.csv": (("insee_com", "lib_com", "id_pvd", "date_signature"), [
        ("29001", "Saint-Éloi-des-Landes", "pvd-53-29-1", "2021-05-10"),
        ("22004", "Lannion-Vraz", "pvd-53-22-1", "10/06/2021"),
        ("22001", "Plestin-Huel", "pvd-53-22-1", "10/06/2021"),
        ("29999", "Commune disparue", "pvd-53-29-2", "2021-05-10"),
    ]),
    "liste-acv-20240205.csv": (("id_acv", "lib_acv", "date_signature"), [
        ("acv-001", "Lannion-Vraz", "2018-09-28"),
    ]),
    "liste-acv-com2024-20240205.csv": (("insee_com", "lib_com", "id_acv", "lib_acv", "date_signature"), [
        ("22004", "Lannion-Vraz", "acv-001", "Lannion-Vraz", "2018-09-28"),
    ]),
    "liste-ti-20240110.csv": (("id_ti", "lib_ti", "date_signature"), [
        ("ti-53-01", "Territoire d'industrie du Léon", "2023-11-14"),
    ]),
    "liste-ti-grpt2024-20240110.xlsx": (("id_ti", "siren_groupement", "lib_groupement"), [
        ("ti-53-01", "242900001", "Communauté du Haut-Léon"),
    ]),
    "liste-fs-com2024-20250601.csv": (("insee_com", "id_fs", "lib_fs"), [
        ("29001", "fs-1001", "France services de Saint-Éloi-des-Landes"),
        ("29001", "fs-1002", "France services itinérante du Haut-Léon"),
        ("22004", "fs-1003", "France services de Lannion-Vraz"),
    ]),
    "liste-frr-com2024-20250101.csv": (("insee_com", "lib_com", "id_frr"), [
        ("29003", "Plounévez-Bras", "frr-29-1"),
        ("22003", "Sainte-Anne-du-Guer", "frr-22-1"),
    ]),
}


def write_csv(path: Path, header, rows) -> Path:
    """Write ``rows`` under ``header`` as the ANCT does: UTF-8, comma-separated."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header, rows) -> Path:
    """Write the same table as an XLSX workbook of one sheet (header on row 1)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = path.stem
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_anct_files(folder: Path) -> list[Path]:
    """Write every file of :data:`ROWS` into ``folder`` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (header, rows) in ROWS.items():
        writer = write_xlsx if name.endswith(".xlsx") else write_csv
        paths.append(writer(folder / name, header, rows))
    return paths
