"""ANCT programme files on the real boundaries: a code of an older COG (a commune déléguée
since), a code that lost its leading zero, a CRTE per EPCI and one signed by a commune."""

from __future__ import annotations

from atlas.warehouse import connect
from etl.runner import RunOptions, run_etl
from tests.support.anct_files import write_csv


def test_anct_files_on_the_real_boundaries(tmp_path, published):
    con = connect(published, read_only=True)
    try:
        (epci,) = con.execute("SELECT epci FROM commune WHERE code = '01004'").fetchone()
        members = {c for (c,) in con.execute("SELECT code FROM commune WHERE epci = ?", [epci]).fetchall()}
    finally:
        con.close()
    data = tmp_path / "donnees"
    data.mkdir()
    write_csv(data / "liste-pvd-com2020-20211213.csv", ("insee_com", "lib_com", "id_pvd", "date_signature"), [
        ("14011", "Anctoville", "pvd-28-14-1", "2021-06-30"),  # déléguée of Aurseulles (14581) since
        ("1004", "Ambérieu-en-Bugey", "pvd-84-01-1", "30/06/2021"),
    ])
    write_csv(data / "liste-crte-grpt2025-20250717.csv",
              ("id_crte", "lib_crte", "siren_groupement", "lib_groupement", "nature_juridique", "date_signature"), [
                  ("crte-01-01", "CRTE de la plaine de l'Ain", epci, "CC de la plaine de l'Ain", "CC", "2021-07-01"),
                  ("crte-14-01", "CRTE d'Aurseulles", "14581", "Aurseulles", "COM", ""),
              ])
    report = run_etl(RunOptions(db_path=published, data_dir=data, min_communes=34800))
    assert {(c.file, c.read, c.loaded, c.rejected) for c in report.file_counts} == {
        ("liste-pvd-com2020-20211213.csv", 2, 2, 0), ("liste-crte-grpt2025-20250717.csv", 2, 2, 0)}
    con = connect(published, read_only=True)
    try:
        mapped = con.execute("SELECT ancien_code, code_actuel FROM etl_code_mappings WHERE run_id = ?",
                             [report.run_id]).fetchall()
        assert mapped == [("14011", "14581")]
        pvd = con.execute("SELECT id, commune FROM programme_commune WHERE programme = 'pvd' ORDER BY id").fetchall()
        assert pvd == [("pvd-28-14-1", "14581"), ("pvd-84-01-1", "01004")]
        covered = {c for (c,) in con.execute("SELECT commune FROM crte_commune WHERE crte = 'crte-01-01'").fetchall()}
        assert covered == members and len(members) > 1
        assert con.execute("SELECT id, statut FROM crte ORDER BY id").fetchall() == [
            ("crte-01-01", "signe"), ("crte-14-01", "non_renseigne")]
        assert con.execute("SELECT commune, via FROM crte_commune WHERE crte = 'crte-14-01'").fetchall() == [
            ("14581", "commune")]
    finally:
        con.close()
