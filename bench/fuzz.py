"""Fuzz a running dashboard with the hostile requests of :mod:`dashboard.fuzz`.

Run ``territoires serve`` first, then
``.venv/bin/python bench/fuzz.py --url http://127.0.0.1:8050 [--count 2000] [--seed 0]``.
The callbacks are read from the server's ``/_dash-dependencies``. Only a loopback address
is accepted and the count is bounded. Prints the responses by status and by class, and
the time taken; the exit code is 1 if any response was a 5xx (or the connection failed).
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import socket
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_COUNT = 20_000
TIMEOUT = 30.0


def loopback(host: str, port: int) -> bool:
    """True if every address ``host`` resolves to is a loopback address."""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


class Sender:
    """One kept-alive HTTP connection, opened again after the server closes it."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.connection: http.client.HTTPConnection | None = None

    def __call__(self, request) -> int | str:
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
            headers = {"Content-Type": request.content_type} if request.content_type else {}
            try:
                self.connection.request(request.method, request.path, body=request.body, headers=headers)
                response = self.connection.getresponse()
                response.read()
                if response.will_close:
                    self.close()
                return response.status
            except (ConnectionError, http.client.HTTPException, TimeoutError, OSError) as error:
                self.close()
                if attempt:
                    return f"erreur ({type(error).__name__})"
        return "erreur"

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def main(argv: list[str] | None = None) -> int:
    from dashboard import fuzz

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8050", help="adresse du serveur (boucle locale)")
    parser.add_argument("--count", type=int, default=2_000, help=f"nombre de requêtes (au plus {MAX_COUNT})")
    parser.add_argument("--seed", type=int, default=0, help="graine du tirage")
    args = parser.parse_args(argv)
    parts = urlsplit(args.url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    if parts.scheme != "http" or not loopback(host, port):
        parser.error("seule une adresse http de la boucle locale est acceptée (127.0.0.1, ::1, localhost)")
    if not 1 <= args.count <= MAX_COUNT:
        parser.error(f"--count doit être entre 1 et {MAX_COUNT}")

    send = Sender(host, port)
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    connection.request("GET", "/")  # Dash registers the pages' router on its first request
    connection.getresponse().read()
    connection.request("GET", "/_dash-dependencies")
    deps = json.loads(connection.getresponse().read())
    connection.close()

    started = time.perf_counter()
    counts = fuzz.run(send, deps, args.count, args.seed)
    seconds = time.perf_counter() - started
    send.close()
    by_status = Counter()
    for (_kind, status), n in counts.items():
        by_status[status] += n
    print(f"{args.count} requêtes en {seconds:.1f} s ({args.count / seconds:.0f} req/s), graine {args.seed}, "
          f"{len(deps)} rappels")
    print("par statut :", ", ".join(f"{status} : {n}" for status, n in sorted(by_status.items(), key=str)))
    for kind in fuzz.CLASSES:
        line = ", ".join(f"{status} : {n}" for (k, status), n in sorted(counts.items(), key=str) if k == kind)
        print(f"  {kind:<12} {line}")
    failures = sum(n for status, n in by_status.items() if not isinstance(status, int) or status >= 500)
    print(f"réponses 5xx ou échecs : {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
