"""Atomic publication: a failed run leaves the published warehouse untouched (the killed run: tests/integration)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from etl import runner
from etl.publish import publishing, remove_stale
from etl.runner import RunOptions, run_etl
from atlas.warehouse import connect
from tests.support import small_warehouse


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def small_source(small_boundaries):
    """Options of a run over the small synthetic communes file: each run takes a second."""
    return lambda db: RunOptions(db_path=db, boundaries_path=small_boundaries)


def test_publishing_replaces_only_on_success(tmp_path):
    target = tmp_path / "w.duckdb"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with publishing(target) as tmp:
            tmp.write_bytes(b"new")
            raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]
    with publishing(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"


def test_stale_files_of_dead_runs_are_removed(tmp_path):
    target = tmp_path / "w.duckdb"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = target.with_name(f"{target.name}.en-cours-{dead.pid}")
    stale.write_bytes(b"partial")
    assert remove_stale(target) == [stale]
    assert not stale.exists()


def test_failure_injected_mid_run_keeps_previous_warehouse(tmp_path, small_source, monkeypatch):
    db = tmp_path / "warehouse.duckdb"
    first = run_etl(small_source(db))
    assert first.run_id == 1
    before = _sha(db)

    def broken_checks(*args, **kwargs):
        raise RuntimeError("panne simulée pendant les contrôles")

    monkeypatch.setattr(runner, "run_checks", broken_checks)
    with pytest.raises(RuntimeError, match="panne simulée"):
        run_etl(small_source(db))
    assert _sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM commune").fetchone()[0] == len(small_warehouse.COMMUNES)
    con.close()


def test_journal_is_carried_over_between_runs(tmp_path, small_source):
    db = tmp_path / "warehouse.duckdb"
    run_etl(small_source(db))
    second = run_etl(RunOptions(db_path=db))  # boundaries reused from the published warehouse
    assert second.run_id == 2
    con = connect(db, read_only=True)
    runs = con.execute("SELECT run_id, status FROM etl_runs ORDER BY run_id").fetchall()
    con.close()
    assert runs == [(1, "publié"), (2, "publié")]
    assert second.boundaries_reused
