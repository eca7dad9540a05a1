"""The map in headless Chromium, side by side with a naive Dash app over the same warehouse.

Starts ``territoires serve`` and ``bench/naive_app.py`` on free loopback ports, then drives
Debian's headless Chromium (software rendering) through each scenario, for each app:

- France by région, by département, by commune: navigation (empty browser cache) → map painted;
- drill-down: click on Bretagne in the France-by-région map → its départements painted;
- layer switch: France by commune, maturité → fragilité → repainted.

*Painted*: the first ``plotly_afterplot`` of the expected figure (Plotly emits it once the
traces' geometry is loaded and maplibre has rendered), with every map of the figure
loaded, its tiles too; for the project's France by commune, drawn by maplibre from vector
tiles, also the graph's ``atlas-tuiles`` event for that figure (the tiles' source loaded and
every tile rendered, maplibre ``idle``, after the communes' colours were set), whichever
comes last (see ``tests/mapprobe.py``). After each France-by-commune run, the pixel drawn
inside Arles (the largest metropolitan commune) is read back from the map's canvas and
compared with the colour the figure's first trace gives it (« couleur » ok / ✗, both apps).

Printed per scenario: median time (and range) over ``--repeat`` runs, bytes received
(compressed, as on the wire; the vector tiles' included), requests for geometry (``/geo/`` requests of the page,
memory-cache hits included, plus the map sources that maplibre loads from a ``/geo/`` URL
itself, in its worker), requests for vector tiles (``/tuiles/``, counted apart) and map
sources (maplibre sources of all the figure's maps). Loopback only; bounded; stops its
servers. Prints figures; asserts nothing.

    .venv/bin/python bench/browser.py --db data/warehouse.duckdb --repeat 3
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.labels import COUCHE_LABELS  # noqa: E402
from tests import mapprobe  # noqa: E402
from tests.chromium import chromium_driver  # noqa: E402

NAVIGATIONS = {
    "France par région": "#couche=maturite&echelle=region",
    "France par département": "#couche=maturite&echelle=departement",
    "France par commune": "#couche=maturite&echelle=commune",
}
BRETAGNE = (-2.9, 48.15)
#: The commune whose drawn colour is checked on the France-by-commune map: Arles, the largest
#: metropolitan commune (several pixels wide at that scale).
CONTROLE = ("13", "13004")
TARGETS = {"France par commune": 4000.0}
DRILL_TIMEOUT = 40.0  # seconds: a drill-down not repainted by then is reported as such


@dataclass
class Run:
    ms: float
    bytes: int
    geo_requests: int
    sources: int
    tile_requests: int = 0
    colour_ok: bool | None = None  # the checked commune's drawn colour (France by commune only)


@dataclass
class Scenario:
    runs: dict[str, list[Run]] = field(default_factory=lambda: {"projet": [], "naïf": []})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"le serveur n'a pas démarré : {url}")
        time.sleep(0.5)


def start_project(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "territoires.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
               "--port", "0", "--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    line = process.stdout.readline()
    url = line.split()[line.split().index("sur") + 1]
    _wait_http(url + "/", process)
    return process, url


def start_naive(db: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "naive_app.py"), "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    _wait_http(url + "/", process)
    return process, url


def _wire_bytes(url: str) -> int:
    """Bytes of ``url`` as the browser receives it (gzip accepted)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return len(response.read())


def _sample(driver, ms: float, tiles_before: frozenset = frozenset()) -> Run:
    net = mapprobe.network(driver)
    # maplibre fetches a layer's source given by URL in its worker, out of the page's network log
    fetched_by_maplibre = sum(1 for url in mapprobe.layer_urls(driver) if "/geo/" in url)
    # and the vector tiles too: those the map holds that it did not hold before, fetched again here for their size
    tiles = set(mapprobe.tile_urls(driver)) - tiles_before
    return Run(ms, net.bytes + sum(_wire_bytes(url) for url in tiles), len(net.to("/geo/")) + fetched_by_maplibre,
               len(mapprobe.map_sources(driver)), len(tiles))


def control_point(base: str) -> tuple[float, float]:
    """A point inside the commune :data:`CONTROLE` (from the server's geometry of its département)."""
    import json

    import shapely

    departement, code = CONTROLE
    with urllib.request.urlopen(f"{base}/geo/commune/{departement}.geojson", timeout=60) as response:
        feature = next(f for f in json.loads(response.read())["features"] if f["id"] == code)
    point = shapely.from_geojson(json.dumps(feature["geometry"])).point_on_surface()
    return point.x, point.y


def check_colour(driver, run: Run, point: tuple[float, float]) -> Run:
    """``run`` with whether the commune :data:`CONTROLE` is drawn in the colour its value gives."""
    expected = mapprobe.expected_colour(driver, CONTROLE[1])
    drawn = mapprobe.rendered_colour(driver, *point)
    run.colour_ok = expected is not None and all(abs(a - b) <= 6 for a, b in zip(expected, drawn))
    if not run.colour_ok:
        print(f"  couleur de {CONTROLE[1]} : attendue {expected}, dessinée {drawn}", flush=True)
    return run


def navigate(driver, url: str) -> Run:
    """Empty cache, then ``url`` until the map is painted."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    mapprobe.drain(driver)
    driver.get(url)
    return _sample(driver, mapprobe.painted(driver, 0.0))


def switch_layer(driver, couche: str) -> Run:
    """Click the radio button of ``couche`` until the map is repainted with it."""
    tiles = frozenset(mapprobe.tile_urls(driver))
    mapprobe.drain(driver)
    since = driver.execute_script(
        "var t = performance.now(); document.querySelector('#carte-couche input[value=\"' + arguments[0] + '\"]').click();"
        "return t;", couche)
    return _sample(driver, mapprobe.painted(driver, since, name=COUCHE_LABELS[couche]) - since, tiles)


def click_map(driver, lon: float, lat: float) -> Run:
    """A real mouse click at (lon, lat) on the main map, until the next figure is painted. The
    point is scrolled to the middle of the window first (the controls above the map may push
    it below the fold, where a click is lost), then clicked at its window coordinates."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    before, tiles = mapprobe.plot_key(driver), frozenset(mapprobe.tile_urls(driver))
    script = ("var map = document.querySelector('#carte .js-plotly-plot')._fullLayout.map._subplot.map;"
              "var p = map.project([arguments[0], arguments[1]]);"
              "var box = map.getCanvas().getBoundingClientRect();")
    driver.execute_script(script + "window.scrollBy(0, box.top + p.y - window.innerHeight / 2);", lon, lat)
    x, y = driver.execute_script(script + "return [box.left + p.x, box.top + p.y];", lon, lat)
    mapprobe.drain(driver)
    since = driver.execute_script("return performance.now();")
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(x), int(y)).click()
    actions.perform()
    return _sample(driver, mapprobe.painted(driver, since, differs_from=before, timeout=DRILL_TIMEOUT) - since, tiles)


def run_app(driver, base: str, point: tuple[float, float]) -> dict[str, Run]:
    results = {}
    for label, fragment in NAVIGATIONS.items():
        results[label] = navigate(driver, f"{base}/{fragment}")
        if label == "France par commune":
            check_colour(driver, results[label], point)
            results["Changement de couche, France par commune"] = check_colour(
                driver, switch_layer(driver, "fragilite"), point)
    navigate(driver, f"{base}/{NAVIGATIONS['France par région']}")
    try:
        results["Descente : clic sur la Bretagne"] = click_map(driver, *BRETAGNE)
    except TimeoutError:  # reported, and the other scenarios' figures are kept
        print(f"  descente : la carte n'a pas été repeinte en {DRILL_TIMEOUT:.0f} s", flush=True)
    return results


def _ms(runs: list[Run]) -> str:
    values = [r.ms for r in runs]
    median = statistics.median(values)
    spread = f" ({min(values) / 1000:.1f}–{max(values) / 1000:.1f})" if len(values) > 1 else ""
    return f"{median / 1000:.2f} s{spread}"


def _mb(runs: list[Run]) -> str:
    return f"{statistics.median(r.bytes for r in runs) / 1e6:.2f} Mo"


def _colour(runs: list[Run]) -> str:
    checked = [r.colour_ok for r in runs if r.colour_ok is not None]
    return "" if not checked else "ok" if all(checked) else f"✗ {checked.count(False)}/{len(checked)}"


def report(scenarios: dict[str, Scenario]) -> None:
    print(f"\n| mesure | projet | pair naïf | rapport | octets projet | octets naïf | requêtes /geo/ | tuiles | sources "
          "| couleur |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, scenario in scenarios.items():
        ours, naive = scenario.runs["projet"], scenario.runs["naïf"]
        ratio = statistics.median(r.ms for r in naive) / statistics.median(r.ms for r in ours) if ours and naive else float("nan")
        sources = f"{ours[-1].sources} / {naive[-1].sources}" if ours and naive else ""
        print(f"| {label} | {_ms(ours) if ours else '—'} | {_ms(naive) if naive else '—'} | {ratio:.1f}× | "
              f"{_mb(ours) if ours else '—'} | {_mb(naive) if naive else '—'} | {ours[-1].geo_requests if ours else '—'} | "
              f"{ours[-1].tile_requests if ours else '—'} | {sources} | {_colour(ours + naive)} |")
    print("(temps : médiane et étendue en secondes ; octets reçus sur le réseau, compressés le cas échéant ; "
          "sources : projet / naïf, toutes cartes de la figure)")
    load = os.getloadavg()
    print(f"charge de la machine à la fin : {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} sur {os.cpu_count()} cœurs ; "
          f"cibles : France par commune ≤ {TARGETS['France par commune'] / 1000:.0f} s et ≥ 5× le pair naïf, "
          "régions et départements au moins aussi rapides, 1er chargement par région ≤ 2,5 Mo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    parser.add_argument("--repeat", type=int, default=2, help="passages par application (médiane)")
    parser.add_argument("--workers", type=int, default=2, help="processus de territoires serve")
    parser.add_argument("--sans-naif", action="store_true", help="le projet seul")
    arguments = parser.parse_args()
    apps = [("projet", lambda: start_project(arguments.db, arguments.workers))]
    if not arguments.sans_naif:
        apps.append(("naïf", lambda: start_naive(arguments.db)))
    scenarios: dict[str, Scenario] = {}
    point = None
    for name, start in apps:
        process, base = start()
        driver = chromium_driver(performance_log=True)
        try:
            driver.execute_cdp_cmd("Network.enable", {})
            mapprobe.install_hook(driver)
            navigate(driver, f"{base}/{NAVIGATIONS['France par commune']}")  # warm-up of the server's caches
            point = point or control_point(base)  # from the project's server, which runs first
            for i in range(arguments.repeat):
                for label, run in run_app(driver, base, point).items():
                    scenarios.setdefault(label, Scenario()).runs[name].append(run)
                    print(f"  {name:<7} {i + 1}/{arguments.repeat}  {label:<42} {run.ms / 1000:6.2f} s "
                          f"{run.bytes / 1e6:7.2f} Mo  /geo/ {run.geo_requests:>2}  tuiles {run.tile_requests:>2}  "
                          f"sources {run.sources:>2}" + ("" if run.colour_ok is None else
                                                         f"  couleur {'ok' if run.colour_ok else '✗'}"), flush=True)
        finally:
            driver.quit()
            process.terminate()
            process.wait(30)
    report(scenarios)


if __name__ == "__main__":
    main()
