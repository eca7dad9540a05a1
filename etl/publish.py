"""Atomic publication of a warehouse file.

A run builds its warehouse in a temporary file beside the published one, validates
it, then renames it over the published file (``os.replace``, atomic on POSIX). Until
that rename the published warehouse is untouched, whatever happens to the run (error,
Ctrl-C, SIGKILL). Temporary files left by killed runs are removed by the next run.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

__all__ = ["staging_path", "remove_stale", "publishing"]

_TMP_MARK = ".en-cours-"


def staging_path(target: Path) -> Path:
    """Temporary path of a run building ``target`` (same folder, so the rename is atomic)."""
    return target.with_name(f"{target.name}{_TMP_MARK}{os.getpid()}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(target: Path) -> list[Path]:
    """Delete temporary files of earlier runs that are no longer running."""
    removed = []
    for path in target.parent.glob(f"{target.name}{_TMP_MARK}*"):
        suffix = path.name.rsplit(_TMP_MARK, 1)[1].split(".", 1)[0]
        if suffix.isdigit() and int(suffix) != os.getpid() and not _pid_alive(int(suffix)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextmanager
def publishing(target: str | Path):
    """Yield a temporary path to build into; on success rename it over ``target``.

    On any exception (KeyboardInterrupt included) the temporary file is removed and the
    published ``target`` stays as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    tmp = staging_path(target)
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
