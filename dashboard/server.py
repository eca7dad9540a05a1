"""Production serving: waitress in several processes, each with its own read-only warehouse.

Waitress reads every request (headers and body) in its I/O loop and hands only complete
requests to its thread pool: a slow or stalled client holds a socket, never a thread.
The parent process binds the listening socket once and starts ``workers`` fresh Python
processes (``python -m dashboard.server``) that all accept on it, so that the CPU-bound
callbacks use every core. On SIGTERM or SIGINT the parent stops its workers and exits
within :data:`GRACE_S` seconds (workers still busy then are killed).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .security import MAX_BODY_BYTES

__all__ = ["serve", "warm_up", "wsgi_app", "GRACE_S", "WAITRESS_OPTIONS"]

GRACE_S = 4.0
"""Seconds the workers get to finish their requests after SIGTERM before they are killed."""

WAITRESS_OPTIONS = {
    "ident": "",  # no ``Server`` header
    "max_request_body_size": MAX_BODY_BYTES,  # larger bodies get 413 before the app sees them
    "channel_timeout": 30,  # a connection idle for 30 s is closed
    "connection_limit": 500,  # per worker; beyond it, new connections wait in the backlog
    "asyncore_use_poll": True,  # poll(), not select(): no 1024 descriptors ceiling
    "clear_untrusted_proxy_headers": True,
}
"""Waitress settings of every worker (``threads`` is given by :func:`serve`)."""

_RESTART_WINDOW_S = 30.0  # a worker dying sooner than this after its start stops the server


def warm_up(app) -> threading.Thread:
    """Build this worker's caches (display geometry, map layers, search, the France map's vector
    tiles) in the background,
    so that the first visitor does not wait for them."""

    def run():
        from .data import get_warehouse
        from .labels import COUCHES, NIVEAUX
        from .geometry import FRANCE
        from .mapview import national_layer
        from .tiles import TILE_LEVELS, WARM_ZOOMS, covering

        warehouse = get_warehouse()
        cache = app.server.config["GEOMETRY"]
        for level in NIVEAUX:
            cache.get(level)
            cache.get(level, france=True)
            for couche in COUCHES:
                national_layer(warehouse, level, couche)
        warehouse.search_index
        tiles = app.server.config["TUILES"]
        west, south, east, north = FRANCE
        seen = (west - 4, south - 3, east + 4, north + 3)  # the map shows some sea around it
        for level in TILE_LEVELS:  # the France-wide map's tiles
            for z in WARM_ZOOMS:
                for tile in covering(seen, z):
                    tiles.get(level, *tile)

    thread = threading.Thread(target=run, name="prechauffage", daemon=True)
    thread.start()
    return thread


def bind(host: str, port: int, backlog: int = 1024) -> socket.socket:
    """A listening TCP socket on ``host:port`` (``port`` 0: a free port), inheritable by workers."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def _start_worker(sock: socket.socket, db_path: Path, threads: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "dashboard.server", "--fd", str(sock.fileno()),
               "--db", str(db_path), "--threads", str(threads)]
    return subprocess.Popen(command, pass_fds=(sock.fileno(),))


def _stop(workers: list[subprocess.Popen], grace_s: float) -> None:
    """SIGTERM every worker, wait up to ``grace_s`` in all, then SIGKILL those still alive."""
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    for worker in workers:
        try:
            worker.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def serve(host: str, port: int, workers: int, db_path: Path, threads: int = 8) -> int:
    """Serve the dashboard on ``host:port`` with ``workers`` processes of ``threads`` threads.

    Returns when SIGTERM or SIGINT arrives (0), or when a worker dies right after its start
    (1: the dashboard cannot run). A worker that dies later is replaced.
    """
    sock = bind(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    print(f"Tableau de bord servi sur http://{shown}:{bound_port} ({workers} processus)", flush=True)

    stopping = threading.Event()

    def on_signal(signum, frame):
        stopping.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    pool = [(_start_worker(sock, db_path, threads), time.monotonic()) for _ in range(workers)]
    status = 0
    try:
        while not stopping.wait(0.2):
            for index, (worker, started) in enumerate(pool):
                if worker.poll() is None:
                    continue
                if time.monotonic() - started < _RESTART_WINDOW_S:
                    print(f"Un processus du serveur s'est arrêté au démarrage (code {worker.returncode}).",
                          file=sys.stderr, flush=True)
                    status = 1
                    stopping.set()
                    break
                pool[index] = (_start_worker(sock, db_path, threads), time.monotonic())
    finally:
        _stop([worker for worker, _ in pool], GRACE_S)
        sock.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return status


def _follow_parent() -> None:
    """SIGTERM this worker once its parent is gone (``kill -9`` of ``territoires serve``)."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)
        # the main thread may be inside DuckDB or the start-up render, where Python runs no
        # signal handler: give it the parent's grace period, then leave without it
        time.sleep(GRACE_S)
        os._exit(0)

    threading.Thread(target=watch, name="parent", daemon=True).start()


def _worker_main(fd: int, db_path: Path, threads: int) -> None:
    """One worker: the app over its own read-only warehouse, waitress on the inherited socket."""
    from waitress.server import create_server

    from .app import create_app

    def on_term(signum, frame):
        raise SystemExit(0)  # ends waitress's loop; its threads finish their current request

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth": normal under load
    _follow_parent()
    sock = socket.socket(fileno=fd)
    app = create_app(db_path)
    warm_up(app)
    # an extension receiving uploads (the import pages) raises the body limit; Flask keeps 1 MiB elsewhere
    options = {**WAITRESS_OPTIONS, "max_request_body_size": app.server.config.get("MAX_UPLOAD_BYTES", MAX_BODY_BYTES)}
    server = create_server(app.server, sockets=[sock], threads=threads, **options)
    server.run()


def wsgi_app():
    """WSGI callable for an external server: ``waitress-serve --call dashboard.server:wsgi_app``."""
    from .app import create_app

    return create_app().server


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Un processus de « territoires serve ».")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--threads", type=int, default=8)
    arguments = parser.parse_args()
    try:
        _worker_main(arguments.fd, arguments.db, arguments.threads)
    except SystemExit:  # SIGTERM while the app was still being built
        pass
    # skip the interpreter's finalization: the warm-up thread may still be inside DuckDB
    os._exit(0)
