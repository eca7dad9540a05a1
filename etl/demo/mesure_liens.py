"""Demonstration links between the mesures and the alliances, experimentations and
catalyseurs (the optional ``mesure`` column of their files).

A few rows of each file name one or several mesures, drawn from a random stream of their
own: the draws of the other columns (and so the maturity classes of the demo) do not
change with the links.
"""

from __future__ import annotations

import numpy as np

from atlas.entities import LIST_SEPARATOR

__all__ = ["DEMO_LINKS", "link_mesures"]

#: Per file, the mesures its rows contribute to: (mesure, rows linked, restricted to the rows
#: whose column holds the value, or None). Catalyseurs animate the territories (M05, M02);
#: the national experiments answer M14.
DEMO_LINKS: dict[str, tuple[tuple[str, int, tuple[str, str] | None], ...]] = {
    "alliances": (("M05", 8, None), ("M08", 12, None), ("M09", 6, None), ("M19", 5, None)),
    "experimentations": (("M05", 3, ("echelle", "territoriale")), ("M12", 10, None),
                         ("M14", 4, ("echelle", "nationale"))),
    "catalyseurs": (("M05", 12, None), ("M02", 8, None), ("M04", 4, None)),
}


def link_mesures(entity: str, cols: dict[str, list[str]], seed: int, stream: int) -> None:
    """Fill ``cols["mesure"]`` (the rows of ``entity``, column by column) with the links of
    :data:`DEMO_LINKS`; a row may name several mesures, joined by the list separator."""
    n = len(cols["id"])
    links: list[list[str]] = [[] for _ in range(n)]
    for k, (mesure, count, where) in enumerate(DEMO_LINKS[entity]):
        rng = np.random.default_rng([seed, stream, k])
        pool = np.array([i for i in range(n) if where is None or cols[where[0]][i] == where[1]], dtype=np.int64)
        if len(pool) == 0:
            continue
        for i in sorted(rng.choice(pool, size=min(count, len(pool)), replace=False).tolist()):
            links[i].append(mesure)
    cols["mesure"] = [LIST_SEPARATOR.join(sorted(items)) for items in links]
