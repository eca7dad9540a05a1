"""Load test of ``territoires serve``: throughput and latency (p50, p95, p99) of a realistic mix.

Starts ``territoires serve`` on a free loopback port over ``--db`` (or uses ``--url``, which
must be a loopback address), then runs ``--clients`` concurrent clients for ``--seconds``
seconds, each repeating visits drawn from a fixed mix as the browser makes them (with a
random pause of ``--pause`` seconds on average between two visits; none by default, which
measures the server saturated: mean latency = clients / throughput): home page (page, layout callback, map, recolouring), a commune card, a drill-down
click on the map, a search, the /mesures page with filters. A second phase runs the same
load while ``--pdf`` clients each download the PDF snapshot of ``--region`` at once, and
probes a plain page meanwhile. Loopback only; bounded in time and in requests; stops by
itself. Prints figures; asserts nothing.

    .venv/bin/python bench/load.py --db data/warehouse.duckdb --clients 50 --seconds 60
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_REQUESTS = 200_000  # hard bound on the requests of one phase, whatever the duration
SEARCHES = ["brest", "st etienne", "29200", "lyon", "saint", "bretagne", "marseille", "2A004", "l'hay", "nantes"]
MEASURE_FILTERS = [(None, None, "levier"), (None, ["en_cours"], "chantier"), (None, None, "chantier")]
# (région, département) clicked on the map: Bretagne → Finistère, Hauts-de-France → Nord, ARA → Rhône
DRILLS = [("53", "29"), ("32", "59"), ("84", "69")]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


@dataclass
class Results:
    """Latencies (seconds) per kind of request, and the errors seen."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: 429 « réessayez dans un instant » answers to export downloads (retried, not errors)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if status is None or status >= 400:
                self.errors[f"{kind} {status or 'connexion'}"] += 1

    @property
    def count(self) -> int:
        return sum(len(values) for values in self.times.values())

    def report(self, title: str, seconds: float) -> None:
        every = [value for values in self.times.values() for value in values]
        print(f"\n{title}")
        print(f"  {self.count} requêtes en {seconds:.0f} s : {self.count / seconds:.1f} req/s, "
              f"erreurs : {sum(self.errors.values())}")
        print(f"  {'requête':<24}{'nombre':>8}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}")
        for kind, values in sorted(self.times.items()) + [("toutes", every)]:
            p50, p95, p99 = (_percentile(values, share) * 1000 for share in (0.5, 0.95, 0.99))
            print(f"  {kind:<24}{len(values):>8}{p50:>7.0f} ms{p95:>6.0f} ms{p99:>6.0f} ms{max(values) * 1000:>6.0f} ms")
        for error, count in sorted(self.errors.items()):
            print(f"  erreur {error} : {count}")


class Client:
    """One browser-like client: a keep-alive connection, callbacks built from the app's dependencies."""

    def __init__(self, url: str, dependencies: list[dict], results: Results, timeout: float = 60):
        parts = urlsplit(url)
        self.address = (parts.hostname, parts.port)
        self.timeout = timeout
        self.dependencies = dependencies
        self.results = results
        self.connection: http.client.HTTPConnection | None = None

    def request(self, kind: str, method: str, path: str, body: dict | None = None) -> tuple[int | None, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data else {}
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(*self.address, timeout=self.timeout)
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException):
            self.close()
            status, payload = None, b""
        self.results.add(kind, time.perf_counter() - started, status)
        return status, payload

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def callback(self, kind: str, first_output: str, values: dict, changed: str | None = None):
        """Post the callback whose output starts with ``first_output`` (values keyed ``"id.property"``)."""
        return self.request(kind, "POST", "/_dash-update-component", callback_body(self.dependencies, first_output,
                                                                                    values, changed))

    # ------------------------------------------------------------------ visits

    def page(self, kind: str, path: str) -> None:
        self.request(kind, "GET", path)
        self.callback("contenu de page", ".._pages_content", {"_pages_location.pathname": path,
                                                             "_pages_location.search": ""})

    def map(self, kind: str, fragment: str, couche: str = "maturite", click: str | None = None,
            changed: str | None = None) -> None:
        self.callback(kind, "..carte-url.hash", {
            "carte-url.hash": fragment, "carte-couche.value": couche, "carte-echelle.value": "region",
            "carte-vue.value": "metropole", "carte.clickData": {"points": [{"location": click}]} if click else None,
        }, changed)

    def visit(self, rng: random.Random, communes: list[str]) -> None:
        choice = rng.random()
        if choice < 0.30:
            self.page("page /", "/")
            self.map("carte", "")
            self.map("carte recoloriée", "#couche=maturite", couche=rng.choice(["fragilite", "bivariee"]),
                     changed="carte-couche.value")
        elif choice < 0.60:
            self.page("page commune", f"/commune/{rng.choice(communes)}")
        elif choice < 0.75:
            region, departement = rng.choice(DRILLS)
            self.map("carte clic", "#couche=maturite&echelle=region", click=region, changed="carte.clickData")
            self.map("carte clic", f"#couche=maturite&region={region}", click=departement, changed="carte.clickData")
        elif choice < 0.90:
            box = json.dumps({"index": "entete", "type": "recherche-saisie"}, separators=(",", ":"))
            self.callback("recherche", '{"index":["MATCH"]', {f"{box}.value": rng.choice(SEARCHES)},
                          changed=f"{box}.value")
        else:
            self.page("page /mesures", "/mesures")
            leviers, statuts, groupe = rng.choice(MEASURE_FILTERS)
            self.callback("mesures filtrées", "..mesures-liste", {
                "mesures-levier.value": leviers, "mesures-statut.value": statuts, "mesures-groupe.value": groupe})


def callback_body(dependencies: list[dict], first_output: str, values: dict, changed: str | None) -> dict:
    """The JSON Dash's renderer posts for a callback (``values`` keyed ``"id.property"``).

    Pattern ids (``{"index": ["MATCH"], "type": …}``) take the index of the one pattern id
    named in ``values``."""
    dependency = next(d for d in dependencies if d["output"].startswith(first_output))
    named = [json.loads(key.rsplit(".", 1)[0]) for key in values if key.startswith("{")]

    def concrete(component: str):
        if not component.startswith("{"):
            return component
        return {"index": named[0]["index"], "type": json.loads(component)["type"]}

    def items(specs):
        out = []
        for spec in specs:
            component = concrete(spec["id"])
            key = json.dumps(component, separators=(",", ":"), sort_keys=True) if isinstance(component, dict) else component
            out.append({"id": component, "property": spec["property"], "value": values.get(f"{key}.{spec['property']}")})
        return out

    output = dependency["output"]
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outputs = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": concrete(component), "property": prop.split("@")[0]})
    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": items(dependency["inputs"]),
        "state": items(dependency["state"]),
        "changedPropIds": [changed] if changed else [],
    }


def run_phase(url: str, dependencies: list[dict], communes: list[str], clients: int, seconds: float,
              seed: int, pause: float = 0.0) -> tuple[Results, float]:
    """``clients`` clients repeating visits for ``seconds`` seconds (and at most MAX_REQUESTS requests),
    with a random pause of ``pause`` seconds on average between two visits (0: none)."""
    results = Results()
    deadline = time.monotonic() + seconds

    def loop(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        client = Client(url, dependencies, results)
        while time.monotonic() < deadline and results.count < MAX_REQUESTS:
            client.visit(rng, communes)
            if pause:
                time.sleep(min(rng.expovariate(1 / pause), max(0.0, deadline - time.monotonic())))
        client.close()

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    return results, time.monotonic() - started


def export_burst(url: str, count: int, region: str, results: Results) -> list[threading.Thread]:
    """``count`` clients downloading the PDF snapshot of ``region`` at once (one request each)."""

    def download() -> None:
        # A busy server answers 429 with Retry-After (one render at a time): wait and ask again,
        # as a browser user would, and time the whole download.
        client = Client(url, [], Results(), timeout=300)
        started = time.perf_counter()
        for _ in range(120):
            status, _ = client.request("PDF région (essai)", "GET", f"/exporter/region/{region}/pdf")
            if status != 429:
                break
            results.refused += 1
            time.sleep(2)
        results.add("PDF région", time.perf_counter() - started, status)
        client.close()

    threads = [threading.Thread(target=download, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def probe_plain_page(url: str, seconds: float, results: Results) -> None:
    """GET /mesures once a second for ``seconds`` seconds (the plain page that must stay fast)."""
    client = Client(url, [], results)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        client.request("sonde /mesures", "GET", "/mesures")
        time.sleep(1)
    client.close()


def _is_loopback_url(url: str) -> bool:
    from dashboard.security import is_loopback

    return is_loopback(urlsplit(url).hostname or "")


def start_server(db: Path, workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "territoires.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
               "--port", "0", "--workers", str(workers), "--threads", str(threads)]
    # a fresh export cache, so that the burst really renders (then serves from the cache)
    cache = tempfile.mkdtemp(prefix="bench-exports-")
    env = {**os.environ, "TERRITOIRES_EXPORTS": cache, "TERRITOIRES_EXPORTS_LIMITE": "1000 per minute"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    url = line.split()[line.split().index("sur") + 1]
    client = Client(url, [], Results())
    deadline = time.monotonic() + 120
    while client.request("prêt", "GET", "/")[0] != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"le serveur n'a pas démarré : {line}")
        time.sleep(0.5)
    return process, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    parser.add_argument("--url", help="serveur déjà lancé (boucle locale seulement)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--clients", type=int, default=50, help="clients simultanés (0 : la rafale de PDF seule)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pdf", type=int, default=10, help="téléchargements PDF simultanés (0 : pas de rafale)")
    parser.add_argument("--region", default="84", help="région des PDF (84 : Auvergne-Rhône-Alpes)")
    parser.add_argument("--pause", type=float, default=0.0,
                        help="pause moyenne entre deux visites d'un client, en secondes (0 : aucune, saturation)")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()

    from dashboard.data import Warehouse

    communes = sorted(Warehouse(arguments.db).codes("commune"))
    communes = random.Random(arguments.seed).sample(communes, min(500, len(communes)))
    process = None
    if arguments.url:
        if not _is_loopback_url(arguments.url):
            raise SystemExit("--url : adresse de boucle locale seulement (127.0.0.1, ::1, localhost)")
        url = arguments.url.rstrip("/")
    else:
        process, url = start_server(arguments.db, arguments.workers, arguments.threads)
    try:
        warm = Client(url, [], Results())
        warm.request("", "GET", "/")
        dependencies = json.loads(warm.request("", "GET", "/_dash-dependencies")[1])
        warm.close()
        print(f"{url} : {arguments.workers} processus × {arguments.threads} fils ; {arguments.clients} clients, "
              f"{arguments.seconds:.0f} s par phase, pause moyenne entre deux visites : {arguments.pause:g} s")
        run_phase(url, dependencies, communes, 10, min(10.0, arguments.seconds),
                  arguments.seed + 1)  # warm-up of every worker's caches, not reported
        if arguments.clients:
            results, seconds = run_phase(url, dependencies, communes, arguments.clients, arguments.seconds,
                                         arguments.seed, arguments.pause)
            results.report(f"Mélange réaliste, {arguments.clients} clients", seconds)
        if arguments.pdf:
            burst = Results()
            prober = threading.Thread(target=probe_plain_page, args=(url, arguments.seconds, burst), daemon=True)
            prober.start()
            downloads = export_burst(url, arguments.pdf, arguments.region, burst)
            results, seconds = run_phase(url, dependencies, communes, arguments.clients, arguments.seconds,
                                         arguments.seed + 2, arguments.pause)
            for thread in downloads + [prober]:
                thread.join(300)
            for kind in ("PDF région", "sonde /mesures"):
                results.times[kind] = burst.times[kind]
                for error, count in burst.errors.items():
                    if error.startswith(kind):
                        results.errors[error] = count
            results.report(f"{arguments.clients} clients et une rafale de {arguments.pdf} PDF de la région "
                           f"{arguments.region}", max(seconds, arguments.seconds))
            print(f"  réponses 429 « réessayez dans un instant » aux téléchargements (réessayés) : {burst.refused}")
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            process.wait(30)


if __name__ == "__main__":
    main()
