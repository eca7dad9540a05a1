"""Atomic publication under a real run: killing the ETL over France leaves the warehouse intact."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from atlas.warehouse import connect
from etl.publish import remove_stale, staging_path
from tests.etl.test_publish import _sha


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
