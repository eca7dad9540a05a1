"""Benchmark of the home map's year control: the recolour callback of France by commune for
every year of the maturity history (``indicateur_historique``), as the browser posts it when
the year range input moves.

For each year: the size of the callback's response (uncompressed, and gzipped as the server
sends it with ``compress=True``), the server time of its first call (the year's classes read
from the warehouse once per worker) and the p50 and p95 of the next calls. Targets: ≤ 600 KB
and p95 ≤ 100 ms.

Run with ``make bench`` or ``.venv/bin/python bench/annees.py [--db WAREHOUSE] [--repeat 20]``.
Without ``--db`` a demo warehouse is built in a temporary folder first (about 35 s).
Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dashboard import TARGETS, _ko, _p95, on_warehouse  # noqa: E402

#: The map before the year moves: France by commune, maturity layer, today.
FRAGMENT = "#couche=maturite&echelle=commune"


def measure(db: Path, repeat: int) -> None:
    from dashboard.annees import TODAY
    from dashboard.app import create_app
    from dashboard.data import get_warehouse
    from dashboard.probe import CallbackProbe

    probe = CallbackProbe(create_app(db))
    years = get_warehouse().history_years
    print(f"\nCarte de France par commune, curseur des années : rappel de recoloriage ({repeat} appels par année "
          "après le premier)")
    print(f"  {'année':<20}{'taille':>10}{'gzip':>10}{'1er appel':>12}{'p50':>9}{'p95':>9}")
    worst_size, worst_p95 = 0, 0.0
    for year in years:
        args = dict(fragment=FRAGMENT, couche="maturite", echelle="commune", annee=str(year),
                    changed="carte-annee.value")
        status, body, first = probe.map(**args)
        assert status == 200, body[:300]
        times = []
        for _ in range(repeat):
            status, body, seconds = probe.map(**args)
            assert status == 200, body[:300]
            times.append(seconds * 1000)
        zipped = len(gzip.compress(body, compresslevel=6))
        p95 = _p95(times)
        worst_size, worst_p95 = max(worst_size, len(body)), max(worst_p95, p95)
        label = f"{year} ({TODAY})" if year == years[-1] else str(year)
        print(f"  {label:<20}{_ko(len(body)):>10}{_ko(zipped):>10}{first * 1000:>9.0f} ms"
              f"{sorted(times)[len(times) // 2]:>6.0f} ms{p95:>6.0f} ms")
    print(f"  le plus grand : {_ko(worst_size)} (cible ≤ {_ko(TARGETS['france_commune'])}) ; "
          f"p95 le plus lent : {worst_p95:.0f} ms (cible ≤ {TARGETS['p95_ms']:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="entrepôt à mesurer (sinon un entrepôt de démonstration est construit)")
    parser.add_argument("--repeat", type=int, default=20, help="appels mesurés par année (20 par défaut)")
    args = parser.parse_args()
    on_warehouse(args.db, lambda db: measure(db, args.repeat))


if __name__ == "__main__":
    main()
