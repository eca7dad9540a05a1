"""The ANCT programme files reader: detection by name, every quirk of the published files,
row accounting (read = loaded + rejected for every file).

Files are written here in the published layouts (UTF-8, comma-separated, or an XLSX copy)
over the small warehouse's communes; the references add a former commune (a code of an
older COG) and a commune of département 01 (whose code loses its leading zero).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from atlas.programmes import PROGRAMMES
from etl.domain.errors import DomainFileError
from etl.domain.loader import CodeMapping
from etl.domain.references import References
from etl.public import READERS, load_public_dir, public_files
from etl.public.anct import AnctCrteReader, AnctReader, parse_anct_date
from tests.support import small_warehouse
from tests.support.anct_files import ROWS, write_anct_files, write_csv, write_xlsx

#: A commune of the former COG merged into 29001, and a commune of département 01.
FORMER, MERGED_INTO, AIN = "29010", "29001", "01004"

REFS = References(
    communes=frozenset(c.code for c in small_warehouse.COMMUNES) | {AIN},
    historique={FORMER: MERGED_INTO},
    arrondissements={},
    epci=frozenset(small_warehouse.EPCI),
    departements=frozenset(small_warehouse.DEPARTEMENTS) | {"01"},
    regions=frozenset({small_warehouse.REGION[0], "84"}),
)


def load(folder: Path, domain_files=None):
    return load_public_dir(folder, REFS, domain_files)


def assert_accounting(result) -> None:
    """read = loaded + rejected for every file; the rejected lines are the rejects'."""
    for count in result.file_counts:
        assert count.read == count.loaded + count.rejected, count
        lines = {r.line for r in result.rejects if r.file == count.file}
        assert len(lines) == count.rejected, (count, result.rejects)


def table(result, name):
    return result.tables[name]


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(("name", "reader", "kind", "cog", "published"), [
    ("liste-pvd-com2024-20250312.csv", "anct", "communes", 2024, date(2025, 3, 12)),
    ("liste-acv2-com2023-20230922.csv", "anct", "communes", 2023, date(2023, 9, 22)),
    ("liste-ti-grpt2023-20231114.xlsx", "anct", "groupements", 2023, date(2023, 11, 14)),
    ("liste-fs-20230816.csv", "anct", "liste des contrats ou sites", None, date(2023, 8, 16)),
    ("liste-crte-grpt2025-20250717.csv", "anct_crte", "groupements", 2025, date(2025, 7, 17)),
    ("LISTE-CRTE-COM2025-20250717.CSV", "anct_crte", "communes", 2025, date(2025, 7, 17)),
])
def test_detection_by_name(tmp_path, name, reader, kind, cog, published):
    path = tmp_path / name
    path.write_text("x\n", encoding="utf-8")
    found = public_files(tmp_path)
    assert len(found) == 1
    file = found[0]
    assert (file.reader, file.cog, file.date, file.publisher) == (reader, cog, published, "ANCT")
    assert kind in file.layout


@pytest.mark.parametrize("name", [
    "liste-ti-communes.csv", "liste-pvd-com2024.csv", "liste-pvd-com2024-20251301.csv",
    "liste-pvd-com2024-20250312.ods", "crte.csv", "pvd-com2024-20250312.csv",
])
def test_other_names_are_not_anct_files(tmp_path, name):
    (tmp_path / name).write_text("x\n", encoding="utf-8")
    assert public_files(tmp_path) == []


def test_crte_files_have_their_own_reader():
    """Only the CRTE files replace crte.csv: a folder may hold liste-pvd files beside it."""
    anct, crte = (next(r for r in READERS if isinstance(r, cls) and type(r) is cls)
                  for cls in (AnctReader, AnctCrteReader))
    assert anct.detect(Path("liste-crte-grpt2025-20250717.csv")) is None
    assert crte.detect(Path("liste-pvd-com2025-20250717.csv")) is None
    assert "crte" in crte.replaces and not anct.replaces


# --------------------------------------------------------------------------- the family of files


def test_family_of_files_accounting_and_rejects(tmp_path):
    write_anct_files(tmp_path)
    result = load(tmp_path)
    assert_accounting(result)
    counts = {c.file: c for c in result.file_counts}
    assert set(counts) == set(ROWS)
    for name, (_, rows) in ROWS.items():
        assert counts[name].read == len(rows), name
    assert {c.entity for c in result.file_counts if "crte" in c.file} == {"crte"}
    rejects = {(r.file, r.line, r.column, r.value) for r in result.rejects}
    assert rejects == {
        ("liste-pvd-com2024-20250312.csv", 5, "insee_com", "29999"),
        ("liste-crte-grpt2024-20250717.csv", 7, "siren_groupement", "200099999"),
    }
    petr = next(r for r in result.rejects if r.value == "200099999")
    assert "SIREN inconnu parmi les EPCI" in petr.reason and "PETR" in petr.reason
    # one provenance entry per file, with its rows
    entries = {e["nom"]: e for e in result.sources}
    assert set(entries) == set(ROWS)
    grpt = entries["liste-crte-grpt2024-20250717.csv"]
    assert (grpt["lues"], grpt["chargees"], grpt["rejetees"]) == (6, 5, 1)
    assert (grpt["lecteur"], grpt["editeur"], grpt["annee_cog"], grpt["date"]) == (
        "anct_crte", "ANCT", 2024, "2025-07-17")


def test_programmes_catalogue_and_unknown_programme(tmp_path):
    write_anct_files(tmp_path)
    result = load(tmp_path)
    programmes = table(result, "anct_programme").set_index("code")
    assert set(programmes.index) == {"crte", "pvd", "acv", "ti", "fs", "frr"}
    for code in ("crte", "pvd", "acv", "ti", "fs"):
        assert programmes.loc[code, "libelle"] == PROGRAMMES[code].libelle
        assert programmes.loc[code, "url"] == PROGRAMMES[code].url
    assert programmes.loc["frr", "libelle"] == "frr"
    warnings = [n.message for n in result.notes if n.file == "liste-frr-com2024-20250101.csv"]
    assert len(warnings) == 1 and "programme « frr » inconnu" in warnings[0]


def test_commune_signed_crte_and_ids_joined(tmp_path):
    write_anct_files(tmp_path)
    result = load(tmp_path)
    communes = table(result, "anct_commune")
    crte = communes[communes.programme == "crte"]
    # the island signed alone (nature COM, its code where the SIREN stands)
    assert set(crte[crte.commune == small_warehouse.ISLAND].id) == {"crte-29-02"}
    # « crte-22-01 ; crte-22-02 »: one row of the file, one commune row per id
    assert sorted(crte[crte.commune == "22005"].id) == ["crte-22-01", "crte-22-02"]
    groupements = table(result, "anct_groupement")
    trégor = groupements[groupements.epci == "200022001"]
    assert sorted(set(trégor.id)) == ["crte-22-01", "crte-22-02"]


def test_xlsx_copy_is_read_like_the_csv(tmp_path):
    header, rows = ROWS["liste-pvd-com2024-20250312.csv"]
    write_csv(tmp_path / "liste-pvd-com2024-20250312.csv", header, rows)
    from_csv = load(tmp_path)
    (tmp_path / "liste-pvd-com2024-20250312.csv").unlink()
    write_xlsx(tmp_path / "liste-pvd-com2024-20250312.xlsx", header, rows)
    from_xlsx = load(tmp_path)
    assert_accounting(from_xlsx)
    for name in ("anct_territoire", "anct_commune"):
        left = table(from_csv, name).drop(columns="fichier")
        right = table(from_xlsx, name).drop(columns="fichier")
        assert left.equals(right), name
    assert [(r.line, r.column, r.value) for r in from_xlsx.rejects] == [(5, "insee_com", "29999")]


def test_xlsx_real_dates_and_numbers(tmp_path):
    """A workbook holds dates as dates and codes as numbers (leading zero lost)."""
    write_xlsx(tmp_path / "liste-pvd-com2024-20250312.xlsx", ("insee_com", "id_pvd", "date_signature"), [
        (1004, "pvd-84-01-1", date(2021, 3, 2)),
        (29001, "pvd-53-29-1", "2021-05-10"),
    ])
    result = load(tmp_path)
    assert_accounting(result)
    territoires = table(result, "anct_territoire").set_index("id")
    assert territoires.loc["pvd-84-01-1", "date_signature"] == date(2021, 3, 2)
    assert list(table(result, "anct_commune").commune) == [AIN, "29001"]


# --------------------------------------------------------------------------- quirks, one by one


def test_codes_lost_zero_and_older_cog(tmp_path):
    write_csv(tmp_path / "liste-acv-com2022-20230802.csv", ("insee_com", "lib_com", "id_acv", "lib_acv"), [
        ("1004", "Ambérieu", "acv-010", "Ambérieu"),
        (FORMER, "Ancienne commune", "acv-011", "Ancienne commune"),
    ])
    result = load(tmp_path)
    assert_accounting(result)
    assert list(table(result, "anct_commune").commune) == [AIN, MERGED_INTO]
    assert result.mappings == [CodeMapping("liste-acv-com2022-20230802.csv", 3, "insee_com", FORMER, MERGED_INTO)]


@pytest.mark.parametrize(("text", "expected"), [
    ("2021-12-15", date(2021, 12, 15)), ("15-12-2021", date(2021, 12, 15)), ("15/12/2021", date(2021, 12, 15)),
    ("", None), (44545, date(2021, 12, 15)),
])
def test_date_formats(text, expected):
    assert parse_anct_date(text) == expected


def test_bad_rows_are_rejected_with_their_reason(tmp_path):
    write_csv(tmp_path / "liste-crte-grpt2024-20250717.csv",
              ("id_crte", "lib_crte", "siren_groupement", "nature_juridique", "siren_epci", "date_signature"), [
                  ("crte-1", "Bon", "242900001", "CC", "242900001", "2021-12-15"),
                  ("", "Sans identifiant", "242900001", "CC", "242900001", "2021-12-15"),
                  ("crte-2", "Date", "242900001", "CC", "242900001", "le 15 décembre"),
                  ("crte-3", "Commune inconnue", "29999", "COM", "", "2021-12-15"),
                  ("crte-4", "SIREN mal formé", "24290", "CC", "", "2021-12-15"),
                  ("crte-5", "PETR et son EPCI", "200099999", "PETR", "200022001", "2022-02-01"),
              ])
    result = load(tmp_path)
    assert_accounting(result)
    (count,) = result.file_counts
    assert (count.read, count.loaded, count.rejected) == (6, 2, 4)
    by_line = {r.line: r for r in result.rejects}
    assert by_line[3].column == "id_crte" and "identifiant vide" in by_line[3].reason
    assert by_line[4].column == "date_signature" and "date invalide « le 15 décembre »" in by_line[4].reason
    assert by_line[5].column == "siren_groupement" and "code commune inconnu « 29999 »" in by_line[5].reason
    assert by_line[6].column == "siren_groupement" and "9 chiffres attendus" in by_line[6].reason
    # a groupement that is no EPCI, with the EPCI it belongs to: the EPCI's communes are covered
    groupements = table(result, "anct_groupement")
    assert list(groupements.itertuples(index=False, name=None)) == [
        ("crte", "crte-1", "242900001", "liste-crte-grpt2024-20250717.csv", 2),
        ("crte", "crte-5", "200022001", "liste-crte-grpt2024-20250717.csv", 7),
    ]


def test_missing_required_column_names_the_file(tmp_path):
    write_csv(tmp_path / "liste-pvd-com2024-20250312.csv", ("code_commune", "id_pvd"), [("29001", "pvd-1")])
    with pytest.raises(DomainFileError) as error:
        load(tmp_path)
    message = str(error.value)
    assert "liste-pvd-com2024-20250312.csv" in message and "« insee_com »" in message
    assert "code_commune | id_pvd" in message


def test_one_source_per_entity(tmp_path):
    """A crte.csv is refused beside the ANCT CRTE files, accepted beside other programmes."""
    write_csv(tmp_path / "liste-pvd-com2024-20250312.csv", ("insee_com", "id_pvd"), [("29001", "pvd-1")])
    own = tmp_path / "crte.csv"
    own.write_text("id;nom;statut;perimetre_epci\n", encoding="utf-8")
    assert load(tmp_path, {"crte": own}).file_counts
    write_csv(tmp_path / "liste-crte-grpt2024-20250717.csv", ("id_crte", "siren_groupement"),
              [("crte-1", "242900001")])
    with pytest.raises(DomainFileError, match="une seule source par entité"):
        load(tmp_path, {"crte": own})


def test_several_ids_take_their_own_name_and_date(tmp_path):
    write_csv(tmp_path / "liste-crte-com2024-20250717.csv", ("insee_com", "id_crte", "lib_crte", "date_signature"), [
        ("22005", "crte-1 ; crte-2", "CRTE Un ; CRTE Deux", "2021-12-15 ; 03/02/2022"),
        ("29005", "crte-1 ; crte-3", "CRTE Un", "2021-12-15"),
        ("29004", "crte-4 ; crte-5", "", "31/02/2022"),
    ])
    result = load(tmp_path)
    assert_accounting(result)
    frame = table(result, "anct_territoire").astype(object)
    territoires = [(t.id, None if pd.isna(t.nom) else t.nom, None if pd.isna(t.date_signature) else t.date_signature,
                    t.ligne) for t in frame.itertuples()]
    assert territoires == [
        ("crte-1", "CRTE Un", date(2021, 12, 15), 2), ("crte-2", "CRTE Deux", date(2022, 2, 3), 2),
        # one name or date beside two ids: given to neither
        ("crte-1", None, None, 3), ("crte-3", None, None, 3),
    ]
    (reject,) = result.rejects
    assert (reject.line, reject.column, reject.value) == (4, "date_signature", "31/02/2022")
    assert [(c.id, c.commune) for c in table(result, "anct_commune").itertuples()] == [
        ("crte-1", "22005"), ("crte-2", "22005"), ("crte-1", "29005"), ("crte-3", "29005")]


def test_two_publications_of_one_table_are_read_with_a_warning(tmp_path):
    header = ("insee_com", "id_pvd")
    write_csv(tmp_path / "liste-pvd-com2023-20231005.csv", header, [("29001", "pvd-1"), ("29002", "pvd-2")])
    write_csv(tmp_path / "liste-pvd-com2024-20250312.csv", header, [("29001", "pvd-1")])
    result = load(tmp_path)
    assert_accounting(result)
    assert sorted(table(result, "anct_commune").commune) == ["29001", "29001", "29002"]
    (note,) = result.notes
    assert "liste-pvd-com2023-20231005.csv et liste-pvd-com2024-20250312.csv" in note.message
    assert "plusieurs publications" in note.message
