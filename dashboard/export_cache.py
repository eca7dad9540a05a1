"""Exports rendered once per (published run, day, territory, format), and a cap on renders.

A PDF of a large région takes seconds and hundreds of MB: the web app renders each export
once, keeps it on disk, and answers every later request (and every ``HEAD``) from there.

- Files live in ``<warehouse>.exports/`` beside the warehouse (``$TERRITOIRES_EXPORTS``
  overrides it), one folder per published run; folders of older runs are removed when a
  newer run is first seen. A file's name is a hash of its key: no request text ever
  becomes part of a path (the territory code has also been checked against the warehouse).
- Writes are atomic (temporary file, then rename): a reader never sees half a file, and two
  processes rendering the same export at once both end with the same complete file.
- At most :data:`DEFAULT_SLOTS` renders run at once across every process of the server
  (one lock file per slot, ``fcntl.flock``, released by the kernel if a process dies);
  beyond that the caller answers 429 with ``Retry-After``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_SLOTS", "CachedExport", "ExportCache", "cache_root", "code_fingerprint"]

#: Renders allowed at once, all server processes together (``$TERRITOIRES_EXPORTS_SIMULTANES``).
DEFAULT_SLOTS = 1


def code_fingerprint(*roots: Path) -> str:
    """A digest of the Python sources under ``roots`` (the renderers: ``exports`` and ``atlas``).
    It is part of the exports' folder key: after an upgrade, exports rendered by the former
    code are not served."""
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(Path(root).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_root(db_path: Path) -> Path:
    """``$TERRITOIRES_EXPORTS`` or ``<warehouse>.exports`` beside the warehouse."""
    env = os.environ.get("TERRITOIRES_EXPORTS")
    return Path(env) if env else db_path.with_name(db_path.name + ".exports")


def _slots_from_env() -> int:
    try:
        return max(1, int(os.environ.get("TERRITOIRES_EXPORTS_SIMULTANES", DEFAULT_SLOTS)))
    except ValueError:
        return DEFAULT_SLOTS


@dataclass(frozen=True)
class CachedExport:
    """A rendered export on disk, with what its HTTP response needs."""

    path: Path
    filename: str
    mimetype: str
    size: int


class ExportCache:
    """The exports of the published run (``run_key`` identifies it: run id and start time; a
    function is asked at each use, so that a new publication gets a new folder)."""

    def __init__(self, root: Path, run_key: str | Callable[[], str], slots: int | None = None):
        self.root = Path(root)
        self._run_key = run_key if callable(run_key) else (lambda: run_key)
        self.slots = slots if slots is not None else _slots_from_env()

    @property
    def folder(self) -> Path:
        """The folder of the published run's exports."""
        return self.root / hashlib.sha256(self._run_key().encode()).hexdigest()[:16]

    # ------------------------------------------------------------------ files

    @staticmethod
    def _name(*key: str) -> str:
        return hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:32]

    def get(self, *key: str) -> CachedExport | None:
        """The cached export of ``key`` (e.g. day, level, code, format), or None."""
        base = self.folder / self._name(*key)
        try:
            meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            size = base.with_suffix(".bin").stat().st_size
        except (OSError, ValueError):
            return None
        return CachedExport(base.with_suffix(".bin"), meta["filename"], meta["mimetype"], size)

    def put(self, key: tuple[str, ...], content: bytes, filename: str, mimetype: str) -> CachedExport | None:
        """Store an export atomically; None (and nothing stored) if the folder is not writable."""
        try:
            self._prepare()
            base = self.folder / self._name(*key)
            self._write(base.with_suffix(".bin"), content)
            meta = {"filename": filename, "mimetype": mimetype}
            self._write(base.with_suffix(".json"), json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except OSError:
            return None
        return CachedExport(base.with_suffix(".bin"), filename, mimetype, len(content))

    def _write(self, path: Path, content: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".en-cours-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _prepare(self) -> None:
        """Create this run's folder; remove the folders of other runs the first time."""
        folder = self.folder
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
        for other in self.root.iterdir():
            if other.is_dir() and other != folder and not other.name.startswith("."):
                shutil.rmtree(other, ignore_errors=True)

    # ------------------------------------------------------------------ render slots

    @contextmanager
    def slot(self):
        """Yield True while holding one of the render slots, False if all are taken."""
        try:
            lock_dir = self.root / ".verrous"
            lock_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            yield True  # no shared folder: the per-process work is all we can bound
            return
        for n in range(self.slots):
            handle = open(lock_dir / f"rendu-{n}.lock", "a+b")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        yield False
