"""``territoires barometre exporter`` and ``verifier`` on the small warehouse."""

from __future__ import annotations

import csv

from tests.support.cli import handled, run_cli

from atlas.barometre import COLUMNS


def test_export_then_check_the_file(small_run, small_db, tmp_path):
    out = tmp_path / "echange" / "barometre.csv"
    result = run_cli("barometre", "exporter", "--out", str(out), "--db", str(small_run.db_path))
    assert result.exit_code == 0, result.stderr
    count = small_db.execute("SELECT count(*) FROM mesure_indicateur").fetchone()[0]
    assert f"{count} lignes écrites" in result.stderr
    header, *rows = list(csv.reader(out.open(encoding="utf-8")))
    assert tuple(header) == COLUMNS and len(rows) == count
    # no mesures_indicateurs file beside it: every row is reported as not declared
    result = run_cli("barometre", "verifier", str(out), "--db", str(small_run.db_path))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stderr.split())
    assert f"{count} lignes lues, 0 reprises, {count} non reprises" in text
    assert "non déclaré" in text


def test_a_file_that_is_not_in_the_layout_is_refused_in_french(small_run, tmp_path):
    path = tmp_path / "autre.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run_cli("barometre", "verifier", str(path), "--db", str(small_run.db_path))
    assert result.exit_code != 0 and handled(result)
    assert "sans l'en-tête du Baromètre" in " ".join(result.stderr.split())
