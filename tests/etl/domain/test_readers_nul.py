"""One rule for NUL characters: wherever they are and whatever the format, the file is refused."""

from __future__ import annotations

import shutil
import zipfile

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.fixtures_domain import REFS, alliance, alliances_text, write

from etl.domain.loader import DomainFileError, load_domain_dir

FIELDS = ["id", "intitule", "date_debut", "statut", "communes", "types_partenaires", "forme"]


def _rows(n: int) -> list[list[str]]:
    return [[f"A{k}", f"Alliance {k}", "2021-03-15", "active", "12145", "association|entreprise", "mecenat"]
            for k in range(1, n + 1)]


def _refused(directory) -> str:
    with pytest.raises(DomainFileError) as info:
        load_domain_dir(directory, REFS)
    return str(info.value)


def test_csv_nul_far_into_the_file_is_refused_with_its_line(tmp_path):
    lines = [alliance(id=f"A{k}", intitule="x" * 200) for k in range(1, 501)]  # about 130 kB
    lines[449] = alliance(id="A450", intitule="titre\x00caché")
    write(tmp_path, "alliances.csv", alliances_text(*lines))
    assert (tmp_path / "alliances.csv").read_bytes().index(b"\x00") > 65536
    assert _refused(tmp_path) == (
        "fichier alliances.csv : caractère nul (octet 0x00) ligne 451 ; fichier binaire, encodé en UTF-16 ou "
        "abîmé ; enregistrer le fichier au format CSV en UTF-8 (ou Windows-1252)"
    )


def test_csv_nul_at_the_start_is_refused_the_same_way(tmp_path):
    write(tmp_path, "alliances.csv", alliances_text(alliance()).replace("id;", "i\x00d;", 1))
    assert _refused(tmp_path).startswith("fichier alliances.csv : caractère nul (octet 0x00) ligne 1 ;")


def test_parquet_nul_in_a_cell_is_refused_with_line_and_column(tmp_path):
    rows = _rows(6)
    rows[4][1] = "titre\x00caché"
    pq.write_table(pa.table({f: [r[i] for r in rows] for i, f in enumerate(FIELDS)}), tmp_path / "alliances.parquet")
    assert _refused(tmp_path) == (
        "fichier alliances.parquet : caractère nul (octet 0x00) ligne 6, colonne « intitule » ; une cellule d'un "
        "fichier de données n'en contient jamais (cellule abîmée) ; retirer ce caractère de la cellule"
    )


def test_parquet_nul_in_a_list_item_is_refused(tmp_path):
    rows = _rows(2)
    table = {f: [r[i] for r in rows] for i, f in enumerate(FIELDS)}
    table["communes"] = [["12145"], ["12145", "12\x00208"]]
    pq.write_table(pa.table(table), tmp_path / "alliances.parquet")
    assert "ligne 3, colonne « communes »" in _refused(tmp_path)


def test_workbook_holding_a_nul_is_refused(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "alliances"
    workbook.active.append(FIELDS)
    for row in _rows(3):
        workbook.active.append(row)
    clean = tmp_path / "propre.xlsx"
    workbook.save(clean)
    data = tmp_path / "donnees"
    data.mkdir()
    target = data / "alliances.xlsx"
    # Excel cannot save a NUL (XML forbids it): plant its character reference in the sheet.
    with zipfile.ZipFile(clean) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"Alliance 2" in content
                content = content.replace(b"Alliance 2", b"Alliance&#0;2")
            out.writestr(item, content)
    message = _refused(data)
    assert message.startswith("fichier alliances.xlsx : feuille « alliances » illisible")  # XML forbids it
    shutil.copy(clean, target)
    assert len(load_domain_dir(data, REFS).tables["alliances"]) == 3
