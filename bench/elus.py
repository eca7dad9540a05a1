"""Benchmark of the peers (territoire_pair) and of the maturity history (indicateur_historique)
on a built warehouse (all of France with ``make etl``): recomputes both on a copy and prints
the wall time of each, the number of rows, the cores and the load of the machine.

``.venv/bin/python bench/elus.py --db data/warehouse.duckdb [--threads 2] [--repeat 3]``.
Prints figures; asserts nothing (the issue asks ≤ 20 s for both on 2 cores).

``--progression``: instead, times « ce qui ferait progresser » (atlas.progression) for every
commune (one query, then the pure function for each) and for single communes as the card reads
them, and counts the communes by class and class aimed at, and by number of actions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(db: Path, threads: int) -> dict[str, float]:
    """Seconds to rebuild the history and the peers on ``db`` (modified in place)."""
    import pandas as pd

    from atlas.warehouse import connect, run
    from etl.scores.config import load_parameters
    from etl.scores.pairs import build_peers
    from geodata.crs import ZONE_CRS

    parameters = load_parameters()
    con = connect(db)
    con.execute(f"SET threads = {int(threads)}")
    con.register("zone_crs", pd.DataFrame({"zone": list(ZONE_CRS), "crs": list(ZONE_CRS.values())}))
    params = {**parameters.sql_params(), "annee_courante": date.today().year}
    t0 = time.perf_counter()
    run(con, "macros/maturite", **params)
    run(con, "marts/indicateur_historique", **params)
    t1 = time.perf_counter()
    build_peers(con, parameters.pairs_poids, int(parameters.pairs["nombre"]))
    t2 = time.perf_counter()
    counts = dict(con.execute(
        "SELECT 'historique', count(*) FROM indicateur_historique UNION ALL "
        "SELECT 'pairs', count(*) FROM territoire_pair UNION ALL SELECT 'communes', count(*) FROM commune"
    ).fetchall())
    con.close()
    return {"historique_s": t1 - t0, "pairs_s": t2 - t1, **counts}


def measure_progression(db: Path, sample: int) -> None:
    """Print the time of :func:`atlas.progression.for_every_commune` and of ``for_commune``."""
    from collections import Counter

    from atlas.progression import for_commune, for_every_commune
    from atlas.warehouse import connect

    con = connect(db, read_only=True)
    t0 = time.perf_counter()
    every = for_every_commune(con)
    total = time.perf_counter() - t0
    transitions = Counter((p.classe, p.classe_visee or "—") for p in every.values())
    sizes = Counter(len(p.actions) for p in every.values())
    print(f"toutes les communes : {len(every)} en {total:.1f} s ({1000 * total / len(every):.2f} ms par commune)")
    print("classe -> classe visée : " + " ; ".join(f"{a} -> {b} : {n}" for (a, b), n in sorted(transitions.items())))
    print("nombre d'actions : " + " ; ".join(f"{k} : {n}" for k, n in sorted(sizes.items())))
    codes = sorted(every)[:: max(1, len(every) // sample)][:sample]
    times = []
    for code in codes:
        t = time.perf_counter()
        for_commune(con, code)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"une commune (fiche), {len(times)} communes : médiane {1000 * times[len(times) // 2]:.1f} ms, "
          f"p95 {1000 * times[int(0.95 * (len(times) - 1))]:.1f} ms, max {1000 * times[-1]:.1f} ms")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--progression", action="store_true", help="« ce qui ferait progresser » seulement")
    parser.add_argument("--echantillon", type=int, default=200, help="communes lues une à une (--progression)")
    args = parser.parse_args()
    if args.progression:
        print(f"cœurs : {os.cpu_count()} ; charge (1, 5, 15 min) : {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        measure_progression(args.db, args.echantillon)
        return
    print(f"cœurs : {os.cpu_count()} ; DuckDB limité à {args.threads} threads ; "
          f"charge de la machine (1, 5, 15 min) : {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            copy = Path(tmp) / f"copie-{i}.duckdb"
            shutil.copy(args.db, copy)
            r = measure(copy, args.threads)
            copy.unlink()
            print(f"essai {i + 1} : {int(r['communes'])} communes ; historique {r['historique_s']:.1f} s "
                  f"({int(r['historique'])} lignes) ; pairs {r['pairs_s']:.1f} s ({int(r['pairs'])} lignes) ; "
                  f"total {r['historique_s'] + r['pairs_s']:.1f} s ; charge {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
