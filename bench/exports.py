"""Benchmark of the territory exports: time and size of each format for one région, and of
the one-page fiche of one commune.

Run with ``.venv/bin/python bench/exports.py [--db PATH] [--region 53] [--commune 29019]``. The warehouse
is ``--db``, else ``$TERRITOIRES_DB``, else ``data/warehouse.duckdb``; when none exists, a
demo warehouse is built in a temporary folder first (about 35 s). Each format is
rendered twice: the first time includes the import of its libraries, the second does
not. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _warehouse(path: Path | None, tmp: str) -> Path:
    candidate = path or Path(os.environ.get("TERRITOIRES_DB") or ROOT / "data" / "warehouse.duckdb")
    if candidate.exists():
        return candidate
    db = Path(tmp) / "warehouse.duckdb"
    print(f"entrepôt absent ({candidate}) : construction d'un entrepôt de démonstration…", flush=True)
    subprocess.run([sys.executable, "-m", "territoires.cli", "etl", "--demo", "--db", str(db)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--region", default="53")
    parser.add_argument("--commune", default="29019", help="commune of the one-page fiche (Brest)")
    args = parser.parse_args()

    from exports import FORMATS, load_snapshot, render_fiche, render_snapshot
    from atlas.warehouse import connect

    with tempfile.TemporaryDirectory() as tmp:
        db = _warehouse(args.db, tmp)
        con = connect(db, read_only=True)
        t0 = time.perf_counter()
        snapshot = load_snapshot(con, "region", args.region)
        gather = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_snapshot(con, "region", args.region)
        gather_warm = time.perf_counter() - t0
        t = snapshot.territory
        print(f"Exports de la région {t.label} ({t.communes} communes) depuis {db}")
        print(f"{'format':<10}{'1er rendu (s)':>15}{'2e rendu (s)':>15}{'taille (Kio)':>15}")
        print(f"{'données':<10}{gather:>15.2f}{gather_warm:>15.2f}{'':>15}")
        total = gather
        for fmt in FORMATS:
            t0 = time.perf_counter()
            content, _, _ = render_snapshot(snapshot, fmt)
            first = time.perf_counter() - t0
            t0 = time.perf_counter()
            render_snapshot(snapshot, fmt)
            second = time.perf_counter() - t0
            total += first
            print(f"{fmt:<10}{first:>15.2f}{second:>15.2f}{len(content) / 1024:>15.0f}")
        print(f"{'total':<10}{total:>15.2f}")
        timings = []
        for _ in range(2):  # data and page together, as the web route and the command do
            t0 = time.perf_counter()
            content, name, _ = render_fiche(con, args.commune)
            timings.append(time.perf_counter() - t0)
        print(f"{'fiche':<10}{timings[0]:>15.2f}{timings[1]:>15.2f}{len(content) / 1024:>15.0f}  ({name})")
        con.close()


if __name__ == "__main__":
    main()
