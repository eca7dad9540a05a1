"""Paths and defaults, overridable from the environment."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["default_db_path"]

DEFAULT_DB = Path("data") / "warehouse.duckdb"


def default_db_path() -> Path:
    """``$TERRITOIRES_DB`` or ``data/warehouse.duckdb`` (relative to the working directory)."""
    env = os.environ.get("TERRITOIRES_DB")
    return Path(env) if env else DEFAULT_DB
