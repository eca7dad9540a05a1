"""Data access for the dashboard: named, parameterised queries over a read-only warehouse.

Each worker process opens its own read-only DuckDB connection; a cursor per call keeps
calls thread-safe.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pandas as pd

from etl.settings import default_db_path
from etl.warehouse import connect
from queries import sql

__all__ = ["Warehouse", "get_warehouse", "set_default"]


class Warehouse:
    """A read-only warehouse and the named queries the pages use."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._con = connect(self.path, read_only=True)
        self._lock = threading.Lock()

    def query(self, name: str, params: dict | None = None) -> pd.DataFrame:
        """Run ``queries/<name>.sql`` with named parameters; return a DataFrame."""
        with self._lock:
            cursor = self._con.cursor()
        try:
            return cursor.execute(sql(name), params or {}).df()
        finally:
            cursor.close()

    def national_counts(self) -> dict:
        return self.query("app/national_counts").iloc[0].to_dict()

    def regions(self) -> pd.DataFrame:
        return self.query("app/regions")

    def latest_run(self) -> dict | None:
        frame = self.query("app/latest_run")
        if frame.empty:
            return None
        row = frame.iloc[0].to_dict()
        row["sources"] = json.loads(row["sources"]) if row["sources"] else []
        return row


_lock = threading.Lock()
_instances: dict[Path, Warehouse] = {}
_default: Path | None = None


def set_default(path: str | Path) -> None:
    """Make ``path`` the warehouse of pages that do not name one (done by ``create_app``)."""
    global _default
    _default = Path(path).resolve()


def get_warehouse(path: str | Path | None = None) -> Warehouse:
    """The process-wide warehouse: ``path``, else the app's, else ``$TERRITOIRES_DB``."""
    path = Path(path or _default or os.environ.get("TERRITOIRES_DB") or default_db_path()).resolve()
    with _lock:
        if path not in _instances:
            _instances[path] = Warehouse(path)
        return _instances[path]
