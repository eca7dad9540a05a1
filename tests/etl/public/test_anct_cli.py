"""``territoires etl --data`` over ANCT files: the summary gives the counts per programme."""

from __future__ import annotations

from atlas.programmes import PROGRAMMES
from atlas.warehouse import connect
from tests.support.anct_files import ROWS, write_csv
from tests.support.cli import run_cli


def test_summary_counts_per_programme(tmp_path, published):
    data = tmp_path / "donnees"
    data.mkdir()
    for name in ("liste-pvd-com2024-20250312.csv", "liste-fs-com2024-20250601.csv"):
        header, rows = ROWS[name]
        write_csv(data / name, header, rows)
    result = run_cli("etl", "--db", str(published), "--data", str(data))
    assert result.exit_code == 0, result.stdout + result.stderr
    con = connect(published, read_only=True)
    try:
        counts = con.execute("SELECT programme, count(DISTINCT id), count(DISTINCT commune) "
                             "FROM programme_commune GROUP BY ALL").fetchall()
    finally:
        con.close()
    out = " ".join(result.stderr.split())  # the console writes to stderr and wraps long lines
    assert "programmes de l'État" in out
    for code, sites, communes in counts:
        plural = "s" if communes > 1 else ""
        assert f"{PROGRAMMES[code].libelle} {sites} ({communes} commune{plural})" in out
    assert "liste-pvd-com2024-20250312.csv" in out
