"""Bad boundaries input: a clear French message, a non-zero exit, no traceback."""

from __future__ import annotations

import subprocess
import sys


def _etl(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "territoires.cli", "etl", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_missing_boundaries_file(tmp_path):
    result = _etl("--boundaries", str(tmp_path / "absent.gpkg"), "--db", str(tmp_path / "w.duckdb"), cwd=tmp_path)
    assert result.returncode != 0
    assert "absent.gpkg" in result.stderr
    assert "Erreur" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "w.duckdb").exists()


def test_malformed_boundaries_file(tmp_path):
    bad = tmp_path / "communes.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [ {"type": ', encoding="utf-8")
    result = _etl("--boundaries", str(bad), "--db", str(tmp_path / "w.duckdb"), cwd=tmp_path)
    assert result.returncode != 0
    assert "communes.geojson" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_help_is_in_french(tmp_path):
    result = subprocess.run([sys.executable, "-m", "territoires.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "entrepôt" in result.stdout
