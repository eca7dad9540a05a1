"""The sha256 of source files, recorded in :attr:`geodata.model.SourceInfo.sha256`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..model import BoundariesError

__all__ = ["sha256_files"]


def sha256_files(paths: Iterable[Path], root: Path | None = None) -> str:
    """sha256 over the bytes of ``paths`` read in sorted order (relative to ``root`` if given).

    A file that cannot be read raises :class:`~geodata.model.BoundariesError` naming it.
    """

    def key(p: Path) -> str:
        return (p.relative_to(root) if root is not None else p).as_posix()

    digest = hashlib.sha256()
    for path in sorted(set(paths), key=key):
        try:
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            raise BoundariesError(f"Impossible de lire « {path} » ({exc}).") from exc
    return digest.hexdigest()
