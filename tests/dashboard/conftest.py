"""A real ``territoires serve`` over the small demo warehouse, on a free loopback port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

ALLOWED_HOST = "127.0.0.1"


def start_server(db_path, *options: str) -> tuple[subprocess.Popen, str]:
    """Start ``territoires serve --port 0`` and return the process and its base URL once a page answers."""
    command = [sys.executable, "-m", "territoires.cli", "serve", "--db", str(db_path), "--host", "127.0.0.1",
               "--port", "0", *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line = process.stdout.readline()
    assert "http://" in line, f"pas d'adresse annoncée : {line!r}"
    url = line.split()[line.split().index("sur") + 1]
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200:
                    return process, url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        assert process.poll() is None, f"le serveur s'est arrêté (code {process.returncode})"
        assert time.monotonic() < deadline, "le serveur ne répond pas"
        time.sleep(0.5)


def stop_server(process: subprocess.Popen, timeout: float = 10) -> float:
    """SIGTERM ``process``; return the seconds it took to exit."""
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return time.monotonic() - started


@pytest.fixture
def serve_factory(small_run):
    """Start ``territoires serve`` over the small demo warehouse with extra options: returns (process, url).

    The processes still running at the end of the test are stopped."""
    processes = []

    def start(*options: str) -> tuple[subprocess.Popen, str]:
        process, url = start_server(small_run.db_path, *options)
        processes.append(process)
        return process, url

    start.stop = stop_server
    yield start
    for process in processes:
        if process.poll() is None:
            stop_server(process)


@pytest.fixture(scope="session")
def served(small_run):
    """Base URL of ``territoires serve`` (2 processes, Host limited to 127.0.0.1) over the small demo warehouse."""
    process, url = start_server(small_run.db_path, "--workers", "2", "--hote-autorise", ALLOWED_HOST)
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def demo_warehouse(small_run):
    """The small demo warehouse, read as the pages read it (:class:`dashboard.data.Warehouse`)."""
    from dashboard.data import Warehouse

    return Warehouse(small_run.db_path)
