"""Atomic publication of a warehouse file.

A run builds its warehouse in a temporary file beside the published one, validates
it, then renames it over the published file (``os.replace``, atomic on POSIX). Until
that rename the published warehouse is untouched, whatever happens to the run (error,
Ctrl-C, SIGKILL). A run also gets a work folder beside the warehouse (:func:`work_folder`,
for the generated demo files). What killed runs leave behind, temporary warehouses and
work folders alike, is removed by the next run (:func:`remove_stale`): each carries the
process id of its run, and only those of runs no longer alive are removed.
"""

from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

__all__ = ["staging_path", "work_path", "remove_stale", "publishing", "work_folder"]

_TMP_MARK = ".en-cours-"
_WORK_MARK = ".travail-"
#: Work folders of earlier versions: ``.travail-`` and tempfile's random suffix, no process id.
_OLD_WORK = re.compile(r"\.travail-[a-z0-9_]{8}")


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


def work_path(target: Path) -> Path:
    """Work folder of a run building ``target``, beside it."""
    return target.with_name(f"{target.name}{_WORK_MARK}{os.getpid()}")


def _dead_run(name: str, mark: str) -> bool:
    suffix = name.rsplit(mark, 1)[1].split(".", 1)[0]
    return suffix.isdigit() and int(suffix) != os.getpid() and not _pid_alive(int(suffix))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def remove_stale(target: Path) -> list[Path]:
    """Delete what earlier runs of ``target`` left when killed: temporary warehouses and
    work folders of runs no longer running, and work folders of earlier versions."""
    folder = target.parent
    stale = [p for mark in (_TMP_MARK, _WORK_MARK) for p in folder.glob(f"{target.name}{mark}*")
             if _dead_run(p.name, mark)]
    stale += [p for p in folder.glob(f"{_WORK_MARK}*") if _OLD_WORK.fullmatch(p.name) and p.is_dir()]
    for path in stale:
        _remove(path)
    return sorted(stale)


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


@contextmanager
def work_folder(target: str | Path):
    """Yield an empty work folder for the run building ``target``; remove it at the end.

    Use it inside :func:`publishing`, which removes the work folders of killed runs.
    """
    path = work_path(Path(target))
    _remove(path)
    path.mkdir(parents=True)
    try:
        yield path
    finally:
        _remove(path)
