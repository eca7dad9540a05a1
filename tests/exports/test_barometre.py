"""The Baromètre CSV layout: written from the warehouse, read back by ``--data`` (round trip),
and what cannot be mapped reported row by row."""

from __future__ import annotations

import csv

import pytest
from tests.support import small_warehouse

from atlas.barometre import COLUMNS
from atlas.warehouse import connect
from etl.public.barometre import BarometreReader, load_file, _Declared
from etl.domain.register import references_from_warehouse
from exports.barometre import write_barometre

VALUES = "SELECT indicateur, region, date_valeur, valeur_initiale, valeur_actuelle, cible, taux FROM mesure_indicateur"


def _write(small_run, path):
    con = connect(small_run.db_path, read_only=True)
    try:
        return write_barometre(con, path)
    finally:
        con.close()


def test_written_rows_follow_the_layout(small_run, small_db, tmp_path):
    path = tmp_path / "barometre.csv"
    count = _write(small_run, path)
    header, *rows = list(csv.reader(path.open(encoding="utf-8")))
    assert tuple(header) == COLUMNS and len(rows) == count
    assert count == small_db.execute("SELECT count(*) FROM mesure_indicateur").fetchone()[0]
    zones = {(r[1], r[3]) for r in rows}
    assert ("FRA", "NAT") in zones and ("R53", "REG") in zones
    by_key = {(r[0], r[1], r[2]): r for r in rows}
    for ind, region, when, vi, va, vc, rate in small_db.execute(VALUES).fetchall():
        row = by_key[(ind, "FRA" if region is None else "R" + region, when.isoformat())]
        assert [float(x) if x else None for x in row[4:7]] == [vi, va, vc]
        assert row[7] == ("" if rate is None else row[7]) and (rate is None or float(row[7]) == round(100 * rate, 2))


def test_round_trip_through_the_etl_gives_the_same_values(small_run, small_db, tmp_path):
    """The demo files, but mesures_indicateurs keeps one declaration row per indicator; every
    other value comes from the Baromètre file written from the demo warehouse."""
    data = tmp_path / "donnees"
    small_warehouse._demo_files(small_run.db_path, data)
    declared = data / "mesures_indicateurs.csv"
    header, *lines = declared.read_text(encoding="utf-8").splitlines()
    kept, first = [], set()
    for line in lines:
        indicator = line.split(";")[1]
        if indicator not in first:
            first.add(indicator)
            kept.append(line)
    declared.write_text("\n".join([header, *kept]) + "\n", encoding="utf-8")
    exchanged = tmp_path / "export-barometre.csv"
    _write(small_run, exchanged)
    (data / "barometre-atlas.csv").write_bytes(exchanged.read_bytes())
    report = small_warehouse._run_over(small_run.db_path, tmp_path / "entrepot", data)
    con = connect(report.db_path, read_only=True)
    try:
        got = sorted(con.execute(VALUES).fetchall(), key=str)
        rejects = con.execute("SELECT line, reason FROM etl_rejects WHERE source = 'barometre-atlas.csv' "
                              "AND run_id = (SELECT max(run_id) FROM etl_runs)").fetchall()
    finally:
        con.close()
    assert got == sorted(small_db.execute(VALUES).fetchall(), key=str)
    # the rows the declaration file already gives are reported, never silently dropped
    assert len(rejects) == len(kept)
    assert all(reason.startswith("valeur déjà donnée par le fichier mesures_indicateurs") for _, reason in rejects)


def test_what_cannot_be_mapped_is_reported(small_run, tmp_path):
    con = connect(small_run.db_path, read_only=True)
    try:
        refs = references_from_warehouse(con)
    finally:
        con.close()
    path = tmp_path / "baro.csv"
    path.write_text(
        ",".join(COLUMNS) + "\n"
        "IND-200,D29,2023-10-31,DEPT,,87.74,,\n"
        "IND-200,FRA,2023-10-31,NAT,10,87.74,100,86.38\n"
        "IND-200,R53,2023-10-31,REG,,12,,\n"
        "IND-200,R99,2023-10-31,REG,,12,,\n"
        "IND-200,R53,2023-10-31,DEPT,,12,,\n"
        "IND-200,X1,2023-10-31,NAT,,12,,\n"
        "IND-999,FRA,2023-10-31,NAT,,12,,\n"
        "IND-200,FRA,2023-11-30,NAT,,,,50\n"
        "IND-200,FRA,31/10/2023,NAT,,88,,\n"
        "IND-200,FRA,2023-12-31,NAT,1,2,3,99\n",
        encoding="utf-8")
    assert BarometreReader().detect(path) is not None
    load = load_file(path, refs, _Declared(frozenset({"IND-200"}), {}))
    reasons = {r.line: r.reason for r in load.rejects}
    assert reasons[2].startswith("valeur départementale non reprise")
    assert reasons[5] == "code région inconnu « 99 »"
    assert reasons[6].startswith("maille « DEPT » incohérente avec la zone « R53 »")
    assert reasons[7].startswith("zone inconnue")
    assert reasons[8].startswith("indicateur « IND-999 » non déclaré")
    assert reasons[9].startswith("aucune des valeurs")
    assert reasons[10].startswith("clé déjà présente")
    table = load.tables["barometre_valeur"]
    assert [r if isinstance(r, str) else None for r in table["region"]] == [None, "53", None]
    assert table["valeur_actuelle"].tolist() == [87.74, 12.0, 2.0]
    count = load.file_counts[0]
    assert (count.read, count.loaded, count.rejected) == (10, 3, 7)
    # a given rate that the values do not give is noted (line 11: 50 %, not 99 %)
    assert any("lignes 11" in n.message for n in load.notes)


@pytest.mark.parametrize("text", ["indic_id;zone\nIND;FRA\n", ""])
def test_a_file_without_the_header_is_not_a_barometre_file(tmp_path, text):
    path = tmp_path / "autre.csv"
    path.write_text(text, encoding="utf-8")
    assert BarometreReader().detect(path) is None
