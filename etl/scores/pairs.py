"""« Territoires qui me ressemblent »: the nearest peers of every commune and every EPCI.

Each territory is described by the profile of ``queries/etl/territoire_profil`` (one value
per variable, variables grouped as in ``[pairs.poids]``). Per level, every variable is
centred and scaled to unit variance (a variable with a single value is left out), a missing
value is set to the mean (0 once standardised; a programme a territory is not in is 0 before
that), and each column is multiplied by the square root of its group's weight shared between
the group's variables, so that the Euclidean distance is
``sqrt(Σ poids_groupe / variables_du_groupe × (z_a − z_b)²)``. The ``[pairs] nombre`` nearest
territories of the same level are the peers; ties are broken by code (same input, same output).

>>> profile = pd.DataFrame({
...     "niveau": ["commune"] * 4, "code": ["01001", "01002", "01003", "01004"],
...     "groupe": ["population"] * 4, "variable": ["population"] * 4, "valeur": [1.0, 2.0, 2.0, 9.0],
... })
>>> nearest_peers(profile, {"population": 1.0}, 2)[["code", "pair", "rang"]].values.tolist()[:4]
[['01001', '01002', 1], ['01001', '01003', 2], ['01002', '01003', 1], ['01002', '01001', 2]]
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from atlas.warehouse import fetch_df, run_step

__all__ = ["nearest_peers", "build_peers"]

#: Groups whose missing values mean « not in it » (0), not « unknown » (the mean).
ZERO_WHEN_MISSING = ("programmes",)
#: Extra neighbours asked of the tree, so that ties at the last rank are settled by code.
TIE_MARGIN = 5

COLUMNS = ["niveau", "code", "pair", "rang", "distance"]


def _weighted_matrix(level: pd.DataFrame, weights: dict[str, float]) -> tuple[list[str], np.ndarray]:
    """Codes (sorted) and the weighted standardised matrix of one level's profile."""
    wide = level.pivot_table(index="code", columns=["groupe", "variable"], values="valeur", aggfunc="first")
    wide = wide.sort_index()
    for group in ZERO_WHEN_MISSING:
        cols = [c for c in wide.columns if c[0] == group]
        wide[cols] = wide[cols].fillna(0.0)
    std = wide.std(ddof=0)
    kept = [c for c in wide.columns if weights.get(c[0], 0) > 0 and std[c] > 0]
    wide = wide[kept]
    z = ((wide - wide.mean()) / std[kept]).fillna(0.0)
    per_group = pd.Series([c[0] for c in kept]).value_counts()
    scale = np.sqrt([weights[c[0]] / per_group[c[0]] for c in kept])
    return list(wide.index), z.to_numpy(dtype=float) * scale


def _level_peers(codes: list[str], matrix: np.ndarray, k: int) -> pd.DataFrame:
    """The ``k`` nearest rows of every row (itself excluded), nearest first, ties by code."""
    n = len(codes)
    if n < 2:
        return pd.DataFrame(columns=COLUMNS[1:])
    asked = min(n, k + 1 + TIE_MARGIN)
    if matrix.shape[1] == 0:
        matrix = np.zeros((n, 1))
    dist, idx = cKDTree(matrix).query(matrix, k=asked)
    dist, idx = dist.reshape(n, asked), idx.reshape(n, asked)
    rows = np.repeat(np.arange(n), asked)
    # codes are sorted, so ordering by index is ordering by code
    order = np.lexsort((idx.ravel(), dist.ravel(), rows))
    rows, pairs, dists = rows[order], idx.ravel()[order], dist.ravel()[order]
    keep = pairs != rows
    rows, pairs, dists = rows[keep], pairs[keep], dists[keep]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows) + 1
    keep = rank <= k
    code_array = np.asarray(codes, dtype=object)
    return pd.DataFrame({
        "code": code_array[rows[keep]], "pair": code_array[pairs[keep]],
        "rang": rank[keep].astype(int), "distance": dists[keep],
    })


def nearest_peers(profile: pd.DataFrame, weights: dict[str, float], k: int) -> pd.DataFrame:
    """``(niveau, code, pair, rang, distance)`` of every territory of ``profile`` (see the module)."""
    frames = []
    for niveau, level in sorted(profile.groupby("niveau"), key=lambda item: item[0]):
        codes, matrix = _weighted_matrix(level, weights)
        peers = _level_peers(codes, matrix, k)
        peers.insert(0, "niveau", niveau)
        frames.append(peers)
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(frames, ignore_index=True)[COLUMNS]


def build_peers(con: duckdb.DuckDBPyConnection, weights: dict[str, float], k: int) -> None:
    """Compute the peers from the warehouse's profiles and store them (table ``territoire_pair``)."""
    profile = fetch_df(con, "etl/territoire_profil")
    con.register("pair_calcule", nearest_peers(profile, weights, k))
    run_step(con, "pairs")
    con.unregister("pair_calcule")
