"""Write the indicators of the mesures in the Baromètre des résultats de l'action publique's
CSV layout (:mod:`atlas.barometre`): one row per indicator, zone and date."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from atlas.barometre import COLUMNS, number_text, zone_id
from atlas.warehouse import fetch_df

__all__ = ["barometre_rows", "write_barometre"]


def barometre_rows(frame: pd.DataFrame) -> list[list[str]]:
    """The file's rows from ``exports/barometre`` rows (rate 0–1 written in percent, two decimals)."""
    rows = []
    for r in frame.itertuples(index=False):
        region = r.region if isinstance(r.region, str) else None
        zone, maille = zone_id(region)
        rate = None if r.taux is None or r.taux != r.taux else round(100 * float(r.taux), 2)
        rows.append([r.indicateur, zone, pd.Timestamp(r.date_valeur).date().isoformat(), maille,
                     number_text(r.valeur_initiale), number_text(r.valeur_actuelle), number_text(r.cible),
                     number_text(rate)])
    return rows


def write_barometre(con, path: Path) -> int:
    """Write every indicator value of the warehouse ``con`` to ``path``; return the row count."""
    rows = barometre_rows(fetch_df(con, "exports/barometre"))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=",", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    tmp.replace(path)
    return len(rows)
