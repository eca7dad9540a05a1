"""Provenance of the domain files a run read: one entry per file for ``etl_runs.sources``.

Each entry names the entity, the file, its sha256, its rows read, loaded and rejected,
how many loaded rows carry ``demo = true`` (a file is demo when its rows are) and the
spec columns its header has (``colonnes``: whether an optional column, such as the
``mesure`` of the alliances, was there). The
files written by the demonstration generator say so (``origine`` « générées », with the
seed as version). The readers of the sources (:mod:`atlas.provenance`) also accept the
single ``alliances`` entry older runs wrote for the whole folder.
"""

from __future__ import annotations

from pathlib import Path

from atlas.entities import DEMO_COLUMN, ENTITIES
from atlas.provenance import GENERATED
from geodata.sources.checksum import sha256_files

from .loader import DomainLoad

__all__ = ["domain_sources", "LAYOUT"]

#: The layout of every domain file (docs/schemas-donnees.md).
LAYOUT = "format documenté de l'Atlas"


def _demo_rows(load: DomainLoad, entity: str) -> int:
    table = load.tables.get(entity)
    if table is None or DEMO_COLUMN not in table.columns or table.empty:
        return 0
    return int(table[DEMO_COLUMN].fillna(False).astype(bool).sum())


def domain_sources(load: DomainLoad, seed: int | None = None) -> list[dict]:
    """One provenance entry per domain file of ``load``, in the entities' order;
    ``seed`` is the generator's seed when the files are the generated demonstration."""
    counts = {fc.entity: fc for fc in load.file_counts}
    entries = []
    for entity in ENTITIES:
        path: Path | None = load.sources.get(entity)
        if path is None:
            continue
        count = counts.get(entity)
        demo_rows = _demo_rows(load, entity)
        entries.append({
            "role": "domaine",
            "entite": entity,
            "entites": [entity],
            "nom": path.name,
            "disposition": LAYOUT,
            "version": f"graine {seed}" if seed is not None else "",
            "chemin": f"({GENERATED})" if seed is not None else str(path),
            "origine": GENERATED if seed is not None else "fichier",
            "sha256": sha256_files([path]),
            "lues": count.read if count else 0,
            "chargees": count.loaded if count else 0,
            "rejetees": count.rejected if count else 0,
            "lignes_demo": demo_rows,
            "demo": demo_rows > 0,
            "colonnes": list(load.columns.get(entity, ())),
        })
    return entries
