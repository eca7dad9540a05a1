"""What killed runs leave beside the warehouse (temporary files, work folders) goes at the next run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from etl.publish import remove_stale, work_folder, work_path
from etl.runner import RunOptions, run_etl


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _leftovers(target):
    """A killed run's work folder and temporary file, a work folder of an earlier version."""
    pid = _dead_pid()
    work = target.with_name(f"{target.name}.travail-{pid}")
    (work / "demo").mkdir(parents=True)
    (work / "demo" / "alliances.csv").write_text("id\n", encoding="utf-8")
    tmp = target.with_name(f"{target.name}.en-cours-{pid}")
    tmp.write_bytes(b"partial")
    old = target.with_name(".travail-k3j_9x2a")
    old.mkdir()
    (old / "demo.csv").write_text("x", encoding="utf-8")
    return [work, tmp, old]


def test_work_folders_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    target = tmp_path / "w.duckdb"
    leftovers = _leftovers(target)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        running = target.with_name(f"{target.name}.travail-{live.pid}")
        running.mkdir()
        other = tmp_path / ".travail-notes"  # not a work folder's name: someone else's
        other.mkdir()
        assert remove_stale(target) == sorted(leftovers)
        assert not any(p.exists() for p in leftovers)
        assert running.is_dir() and other.is_dir()
    finally:
        live.kill()
        live.wait()


def test_work_folder_is_removed_after_a_failure(tmp_path):
    target = tmp_path / "w.duckdb"
    with pytest.raises(RuntimeError):
        with work_folder(target) as work:
            assert work == work_path(target) and work.is_dir()
            (work / "demo").mkdir()
            raise RuntimeError("panne")
    assert list(tmp_path.iterdir()) == []


def test_next_run_removes_the_leftovers_of_killed_runs(tmp_path, published):
    _leftovers(published)
    run_etl(RunOptions(db_path=published))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]
