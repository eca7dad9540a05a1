"""``territoires serve`` as a client sees it: slow clients, body limit, stop, banner."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from dashboard.security import MAX_BODY_BYTES

#: Each test starts real ``territoires serve`` processes (a system test): run with the integration tests.
pytestmark = pytest.mark.integration


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname, parts.port


@contextmanager
def slow_clients(url: str, count: int, seconds: float):
    """``count`` connections that announce a 1 MB body and send one byte a second, for at most ``seconds``."""
    host, port = _address(url)
    sockets = []
    for _ in range(count):
        sock = socket.create_connection((host, port), timeout=5)
        sock.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: " + host.encode()
                     + b"\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
        sockets.append(sock)
    stop = threading.Event()
    deadline = time.monotonic() + seconds

    def drip():
        while not stop.wait(1.0) and time.monotonic() < deadline:
            for sock in sockets:
                try:
                    sock.sendall(b" ")
                except OSError:
                    pass

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        yield sockets
    finally:
        stop.set()
        thread.join(5)
        for sock in sockets:
            sock.close()


def _timed_get(url: str, headers: dict | None = None) -> tuple[int, float, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status, time.perf_counter() - started, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, time.perf_counter() - started, dict(error.headers)


def test_twenty_slow_clients_do_not_starve_the_pages(served):
    with slow_clients(served, 20, seconds=20) as sockets:
        time.sleep(1.5)  # every slow client has started its body
        timings = []
        for _ in range(5):
            status, elapsed, _ = _timed_get(served + "/mesures")
            assert status == 200
            timings.append(elapsed)
            time.sleep(0.5)
        # the slow clients are still connected and waiting: nothing answered, nothing closed
        for sock in sockets:
            sock.settimeout(0)
            with pytest.raises(BlockingIOError):
                sock.recv(1)
    print("/mesures avec 20 clients lents :", ", ".join(f"{t * 1000:.0f} ms" for t in timings))
    assert max(timings) < 5


def test_body_over_the_limit_gets_413(served):
    body = b"[" + b" " * MAX_BODY_BYTES + b"]"
    request = urllib.request.Request(served + "/_dash-update-component", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=30)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    except ConnectionError:  # the server may answer 413 and close before the whole body is sent
        status = 413
    assert status == 413


def test_body_over_the_limit_gets_413_before_it_is_sent(served):
    host, port = _address(served)
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: " + host.encode()
                     + b"\r\nContent-Type: application/json\r\nContent-Length: 157000000\r\n\r\n")
        answer = sock.recv(200)
    assert answer.startswith(b"HTTP/1.1 413 ")


def test_no_server_banner(served):
    status, _, headers = _timed_get(served + "/mesures")
    assert status == 200
    assert "Server" not in headers and "Via" not in headers


def test_unknown_host_refused(served):
    assert _timed_get(served + "/mesures", {"Host": "atlas.example"})[0] == 400
    assert _timed_get(served + "/_dash-layout", {"Host": "atlas.example"})[0] == 400
    assert _timed_get(served + "/mesures", {"Host": "127.0.0.1"})[0] == 200


def test_sigterm_stops_within_5_seconds(serve_factory):
    process, url = serve_factory("--workers", "2")
    with slow_clients(url, 3, seconds=10):
        time.sleep(1)
        elapsed = serve_factory.stop(process)
    print(f"arrêt sur SIGTERM : {elapsed:.2f} s")
    assert process.returncode == 0
    assert elapsed < 5


def test_non_loopback_address_needs_allowed_hosts(small_run):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "territoires.cli", "serve", "--db", str(small_run.db_path), "--host", "0.0.0.0",
         "--port", "0"],
        capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "TERRITOIRES_HOTES_AUTORISES": ""},
    )
    assert result.returncode != 0
    assert "--hote-autorise" in result.stdout + result.stderr


def test_workers_stop_when_the_server_is_killed(serve_factory):
    import signal
    import subprocess

    process, _ = serve_factory("--workers", "2")
    workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert len(workers) == 2
    process.send_signal(signal.SIGKILL)
    process.wait()

    def running(pid: str) -> bool:  # an exited worker not yet reaped by init is a zombie ("Z")
        try:
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 10
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if running(pid)]


def test_waitress_sends_pages_and_scripts_gzipped_with_the_csp(served):
    import gzip
    import re

    request = urllib.request.Request(served + "/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        page = gzip.decompress(response.read()).decode()
    script = re.search(r'<script src="(/_dash-component-suites/[^"]+dash_renderer[^"]+)"', page).group(1)
    request = urllib.request.Request(served + script, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Cache-Control"] == "max-age=31536000"
        assert b"dash" in gzip.decompress(response.read())


def test_warm_up_cuts_the_france_maps_vector_tiles(small_run):
    from dashboard.app import create_app
    from dashboard.geometry import FRANCE
    from dashboard.server import warm_up
    from dashboard.tiles import WARM_ZOOMS, covering

    app = create_app(small_run.db_path)
    warm_up(app).join(120)
    held = app.server.config["TUILES"].held()
    for z in WARM_ZOOMS:
        assert {("commune", *tile) for tile in covering(FRANCE, z)} <= held
