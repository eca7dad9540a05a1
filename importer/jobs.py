"""Publication of an upload in the background: one at a time for the whole server.

:func:`start_publication` takes the publication lock (a ``flock`` on
``<import folder>/publication.lock``, shared by every server process) or refuses; it then
composes the data folder to publish (:func:`importer.report.compose`: the current data with
the upload's files) under ``<import folder>/publications/<depot>/donnees`` and runs
``territoires etl --data … --publie-par … --depot …`` in a child process, whose output
goes to ``journal.txt`` beside it. The ETL validates, builds and publishes atomically (its
guard applies); on success the published folder becomes the current data
(``<import folder>/courant``, a symbolic link replaced atomically). The state of the last
publication is ``<import folder>/publication.json``.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from atlas.warehouse import connect

from .report import compose

__all__ = ["FILES", "PublicationBusy", "current_folder", "publication_log", "publication_state", "start_publication"]

RUNNING, DONE, FAILED = "en_cours", "publiee", "refusee"
#: Folder of an upload holding its checked files.
FILES = "fichiers"


class PublicationBusy(RuntimeError):
    """Another publication is running."""


def current_folder(folder: Path) -> Path | None:
    """The data folder of the last publication from the web, None before the first one."""
    link = Path(folder) / "courant"
    return link.resolve() if link.exists() else None


def publication_state(folder: Path) -> dict | None:
    """The state of the last publication started (``etat``, ``depot``, ``par``, times, ``message``)."""
    try:
        return json.loads((Path(folder) / "publication.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def publication_log(folder: Path, state: dict | None) -> str:
    """What the running publication has written so far (its steps, as they end)."""
    if not state:
        return ""
    try:
        return (Path(folder) / "publications" / state["depot"] / "journal.txt").read_text(
            encoding="utf-8", errors="replace")[-4000:]
    except OSError:
        return ""


def _write_state(folder: Path, state: dict) -> None:
    tmp = Path(folder) / "publication.json.tmp"
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, Path(folder) / "publication.json")


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _run(folder: Path, db_path: Path, depot: Path, by: str, lock_fd: int, state: dict) -> None:
    target = Path(folder) / "publications" / depot.name
    upload = depot / FILES
    try:
        data = target / "donnees"
        con = connect(db_path, read_only=True)
        try:
            compose(upload, current_folder(folder), con, data)
        finally:
            con.close()
        log = target / "journal.txt"
        command = [sys.executable, "-m", "territoires.cli", "etl", "--data", str(data), "--db", str(db_path),
                   "--publie-par", by, "--depot", depot.name]
        with open(log, "w", encoding="utf-8") as out:
            code = subprocess.call(command, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"})
        text = log.read_text(encoding="utf-8", errors="replace")
        if code == 0:
            link = Path(folder) / "courant.tmp"
            link.unlink(missing_ok=True)
            link.symlink_to(data.resolve(), target_is_directory=True)
            os.replace(link, Path(folder) / "courant")
        state.update(etat=DONE if code == 0 else FAILED, fin=_now(), message=text[-4000:])
    except Exception as exc:  # the state must say it; the published warehouse is untouched
        state.update(etat=FAILED, fin=_now(), message=f"erreur interne ({type(exc).__name__} : {exc})")
    finally:
        _write_state(folder, state)
        os.close(lock_fd)  # releases the lock


def start_publication(folder: Path, db_path: Path, depot: Path, by: str, wait: bool = False) -> dict:
    """Start publishing the upload ``depot`` (its checked files are in ``depot/fichiers``) as ``by``; raise
    :class:`PublicationBusy` when a publication is running. ``wait``: return once done."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / "publication.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise PublicationBusy("une publication est déjà en cours : attendre qu'elle se termine") from None
    (folder / "publications" / depot.name).mkdir(parents=True, exist_ok=True)
    state = {"etat": RUNNING, "depot": depot.name, "par": by, "debut": _now(), "fin": None, "message": ""}
    _write_state(folder, state)
    thread = threading.Thread(target=_run, args=(folder, db_path, depot, by, fd, dict(state)),
                              name="publication", daemon=False)
    thread.start()
    if wait:
        thread.join()
        return publication_state(folder) or state
    return state
