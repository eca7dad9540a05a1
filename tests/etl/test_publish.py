"""Atomic publication: a failed or killed run leaves the published warehouse untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl import runner
from etl.publish import publishing, remove_stale, staging_path
from etl.runner import RunOptions, run_etl
from atlas.warehouse import connect
from geodata.sources.datafrance import read_wheel


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def small_source(monkeypatch, datafrance):
    """Make runs read only Vaucluse, so each run takes a second."""
    vaucluse = datafrance.communes[datafrance.communes["departement"] == "84"]

    def read(path=None, cache_dir=None):
        b = datafrance
        return type(b)(
            communes=vaucluse,
            epci=b.epci[b.epci["code"].isin(set(vaucluse["epci"].dropna()))],
            departements=b.departements[b.departements["code"] == "84"],
            regions=b.regions[b.regions["code"] == "93"],
            historique=b.historique[b.historique["code_actuel"].isin(set(vaucluse["code"]))],
            arrondissements=b.arrondissements.iloc[0:0],
            source=b.source,
            extra_geometries=b.extra_geometries.iloc[0:0],
        ), []

    monkeypatch.setattr(runner, "read_boundaries", read)


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
    first = run_etl(RunOptions(db_path=db))
    assert first.run_id == 1
    before = _sha(db)

    def broken_checks(*args, **kwargs):
        raise RuntimeError("panne simulée pendant les contrôles")

    monkeypatch.setattr(runner, "run_checks", broken_checks)
    with pytest.raises(RuntimeError, match="panne simulée"):
        run_etl(RunOptions(db_path=db))
    assert _sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM commune").fetchone()[0] == 151
    con.close()


def test_journal_is_carried_over_between_runs(tmp_path, small_source):
    db = tmp_path / "warehouse.duckdb"
    run_etl(RunOptions(db_path=db))
    second = run_etl(RunOptions(db_path=db))
    assert second.run_id == 2
    con = connect(db, read_only=True)
    runs = con.execute("SELECT run_id, status FROM etl_runs ORDER BY run_id").fetchall()
    con.close()
    assert runs == [(1, "publié"), (2, "publié")]


def test_killing_the_etl_leaves_previous_warehouse_readable_and_unchanged(tmp_path, full_run):
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(full_run.db_path, db)
    before = _sha(db)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "territoires.cli", "etl", "--db", str(db)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    tmp = staging_path(db).with_name(f"{db.name}.en-cours-{proc.pid}")
    deadline = time.monotonic() + 120
    while not tmp.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert tmp.exists(), "the run should be writing its own temporary warehouse"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _sha(db) == before
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM departement").fetchone()[0] == 101
    con.close()
    assert tmp in remove_stale(db)
