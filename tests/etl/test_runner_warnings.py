"""The loader's warnings reach the user: printed in the run summary, stored in etl_warnings."""

from __future__ import annotations

from atlas.warehouse import connect
from tests.support.cli import handled, run_cli
from tests.support.small_warehouse import COMMUNES

#: A commune of the small warehouse.
COMMUNE = COMMUNES[0].code
HEADER = "id;intitule;date_debut;statut;communes;types_partenaires;forme;Remarque"
ROW = f"A1;Épicerie solidaire;2021-03-15;active;{COMMUNE};association|entreprise;mecenat;à revoir"


def _etl(db, data):
    result = run_cli("etl", "--db", str(db), "--data", str(data))
    assert handled(result), result.exception
    return result


def test_warnings_are_printed_and_stored_then_carried_over(tmp_path, published):
    db = published
    data = tmp_path / "donnees"
    data.mkdir()
    (data / "alliances.csv").write_bytes(f"{HEADER}\n{ROW}\n".encode("cp1252"))
    (data / "notes.txt").write_text("à lire", encoding="utf-8")
    expected = [
        ("notes.txt", "fichier notes.txt ignoré : ne correspond à aucun fichier attendu (alliances, crte, "
                      "experimentations, catalyseurs, mesures, mesures_suivi, mesures_indicateurs, indicateurs)"),
        ("alliances.csv", "fichier alliances.csv : lu en Windows-1252 (cp1252)"),
        ("alliances.csv", "fichier alliances.csv : colonne(s) inconnue(s) ignorée(s) : « Remarque »"),
    ]
    result = _etl(db, data)
    assert result.exit_code == 0, result.stderr
    summary = " ".join(result.stderr.split())  # the console wraps long lines
    assert "Avertissements (3, table etl_warnings)" in summary
    for _, message in expected:
        assert message in summary
    second = _etl(db, data)
    assert second.exit_code == 0, second.stderr
    con = connect(db, read_only=True)
    stored = con.execute("SELECT run_id, source, message FROM etl_warnings ORDER BY run_id, rowid").fetchall()
    runs = [r for (r,) in con.execute("SELECT run_id FROM etl_runs ORDER BY run_id DESC LIMIT 2").fetchall()]
    con.close()
    assert stored == [(run, source, message) for run in sorted(runs) for source, message in expected]
