"""Bad boundaries input: a clear French message, a non-zero exit, no traceback."""

from __future__ import annotations

import subprocess
import sys

from tests.support.cli import handled, run_cli


def _etl(*args):
    return run_cli("etl", *args)


def test_missing_boundaries_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _etl("--boundaries", str(tmp_path / "absent.gpkg"), "--db", str(tmp_path / "w.duckdb"))
    assert result.exit_code != 0 and handled(result)
    assert "absent.gpkg" in result.stderr
    assert "Erreur" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "w.duckdb").exists()


def test_malformed_boundaries_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "communes.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [ {"type": ', encoding="utf-8")
    result = _etl("--boundaries", str(bad), "--db", str(tmp_path / "w.duckdb"))
    assert result.exit_code != 0 and handled(result)
    assert "communes.geojson" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_help_is_in_french(tmp_path):  # the real entry point, in its own process
    result = subprocess.run([sys.executable, "-m", "territoires.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "entrepôt" in result.stdout


def test_sources_lists_the_files_and_what_is_demo(small_mixed_run):
    result = run_cli("sources", "--db", str(small_mixed_run.db_path))
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert f"exécution n° {small_mixed_run.run_id}" in out
    assert "Données de démonstration : alliances, expérimentations, catalyseurs (en partie)" in out
    assert "Données réelles : CRTE, limites administratives" in out
    for fc in small_mixed_run.file_counts:
        assert fc.file in out
    crte = next(s for s in small_mixed_run.sources if s.get("nom") == "crte.csv")
    assert crte["sha256"][:12] in out


def test_sources_of_a_boundaries_only_warehouse(small_bare_run):
    result = run_cli("sources", "--db", str(small_bare_run.db_path))
    assert result.exit_code == 0, result.stderr
    assert "Aucune donnée de démonstration" in result.stdout
    assert "Données de démonstration :" not in result.stdout


def test_sources_of_a_missing_warehouse(tmp_path):
    result = run_cli("sources", "--db", str(tmp_path / "absent.duckdb"))
    assert result.exit_code != 0 and handled(result)
    assert "entrepôt introuvable" in result.stderr
