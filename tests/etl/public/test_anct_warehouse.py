"""A run over a folder mixing the demo files (without crte.csv) and the ANCT programme files:
the tables programme, programme_territoire, programme_commune, and the CRTE from the ANCT
files with their real rules (commune-signed CRTE, an EPCI in two CRTE, no status column)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from atlas.programmes import CRTE_STATUT_NON_RENSEIGNE, CRTE_STATUT_SIGNE, PROGRAMMES
from atlas.warehouse import connect
from tests.support import small_warehouse
from tests.support.anct_files import ROWS


@pytest.fixture(scope="module")
def db(small_public_run):
    con = connect(small_public_run.db_path, read_only=True)
    yield con
    con.close()


def rows(con, query, *params):
    return con.execute(query, list(params)).fetchall()


def listed_communes() -> set[tuple[str, str, str]]:
    """(file, line, commune code) of every row of a communes table written by the support module."""
    found = set()
    for name, (header, lines) in ROWS.items():
        if "-com" in name:
            col = header.index("insee_com")
            found |= {(name, i, line[col]) for i, line in enumerate(lines, start=2)}
    return found


def test_every_listed_commune_is_covered_or_rejected(db, small_public_run):
    covered = {c for (c,) in rows(db, "SELECT DISTINCT commune FROM programme_commune")}
    rejected = {(r.file, r.line) for r in small_public_run.rejects}
    for file, line, code in listed_communes():
        assert code in covered or (file, line) in rejected, (file, line, code)
    for count in small_public_run.file_counts:
        assert count.read == count.loaded + count.rejected, count


def test_programmes_present(db):
    found = dict(rows(db, "SELECT code, libelle FROM programme"))
    assert found == {**{c: PROGRAMMES[c].libelle for c in ("crte", "pvd", "acv", "ti", "fs")}, "frr": "frr"}


def test_every_commune_of_a_listed_epci_is_covered(db):
    members = {c for (c,) in rows(db, "SELECT code FROM commune WHERE epci = '242900001'")}
    ti = {c for (c,) in rows(db, "SELECT commune FROM programme_commune WHERE programme = 'ti' AND via = '242900001'")}
    assert members and ti == members


def test_one_row_per_site(db):
    sites = rows(db, "SELECT id FROM programme_territoire pt JOIN programme_commune pc USING (programme, id) "
                     "WHERE programme = 'fs' AND commune = '29001' ORDER BY id")
    assert [s for (s,) in sites] == ["fs-1001", "fs-1002"]
    contract = rows(db, "SELECT commune FROM programme_commune WHERE programme = 'pvd' AND id = 'pvd-53-22-1' "
                        "ORDER BY commune")
    assert [c for (c,) in contract] == ["22001", "22004"]


def test_crte_from_the_anct_files(db):
    crte = {i: (d, s, demo) for i, d, s, demo in rows(db, "SELECT id, date_signature, statut, demo FROM crte")}
    assert set(crte) == {"crte-29-01", "crte-22-01", "crte-29-02", "crte-22-02"}
    assert crte["crte-22-01"][:2] == (date(2022, 6, 15), CRTE_STATUT_SIGNE)  # written 15/06/2022
    assert crte["crte-29-02"][:2] == (date(2022, 2, 3), CRTE_STATUT_SIGNE)  # written 03-02-2022
    assert crte["crte-22-02"][:2] == (None, CRTE_STATUT_NON_RENSEIGNE)
    assert not any(demo for _, _, demo in crte.values())
    # an EPCI in two CRTE, listed on two rows of one of them
    assert rows(db, "SELECT crte FROM crte_epci WHERE epci = '200022001' ORDER BY crte") == [
        ("crte-22-01",), ("crte-22-02",)]
    # a CRTE signed by one commune alone
    assert rows(db, "SELECT commune, via FROM crte_commune WHERE crte = 'crte-29-02'") == [
        (small_warehouse.ISLAND, "commune")]


def test_maturity_reads_commune_coverage_and_oldest_signature(db):
    island = small_warehouse.ISLAND
    covered = dict(rows(db, "SELECT code, crte_couvert FROM commune_maturite"))
    assert covered[island] and covered["22005"]  # in no EPCI: covered by the communes they signed
    # 22005 is in a signed CRTE (2022-06-15) and one without date: its age is the signed one's
    age = dict(rows(db, "SELECT code, crte_anciennete_annees FROM commune_maturite"))
    reference = rows(db, "SELECT max(date_debut) FROM alliance")[0][0]
    expected = (reference - date(2022, 6, 15)).days / 365.25
    assert age["22005"] == pytest.approx(expected)


def test_sources_list_every_anct_file(db):
    (sources,) = rows(db, "SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1")[0]
    entries = {e["nom"]: e for e in json.loads(sources) if e.get("role") == "publique"}
    assert set(entries) == set(ROWS)
    pvd = entries["liste-pvd-com2024-20250312.csv"]
    assert (pvd["lues"], pvd["chargees"], pvd["rejetees"], pvd["annee_cog"]) == (4, 3, 1, 2024)


def test_crte_commune_from_our_own_file(small_db):
    """With crte.csv, crte_commune is every commune of the EPCI of each perimeter."""
    derived = set(rows(small_db, "SELECT ce.crte, c.code, ce.epci FROM crte_epci ce JOIN commune c ON c.epci = ce.epci"))
    assert derived and set(rows(small_db, "SELECT crte, commune, via FROM crte_commune")) == derived


def test_a_contract_without_name_is_named_after_its_communes(db):
    names = dict(rows(db, "SELECT id, nom FROM programme_territoire WHERE programme = 'pvd'"))
    communes = dict(rows(db, "SELECT code, nom FROM commune WHERE code IN ('22001', '22004', '29001')"))
    assert names["pvd-53-22-1"] == ", ".join(sorted([communes["22001"], communes["22004"]]))
    assert names["pvd-53-29-1"] == communes["29001"]
    assert rows(db, "SELECT nom FROM programme_territoire WHERE id = 'acv-001'") == [("Lannion-Vraz",)]
