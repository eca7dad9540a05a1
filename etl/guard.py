"""Publication guard: a run that would silently lose data refuses to publish.

Checked before anything is published, each refusal a French sentence:

- a domain file that yields no loaded row: header only, or every row rejected (the
  reasons of its first rejects are quoted, since a refused run stores none of them);
  never overridable: fix the file, or remove it to empty its entity;
- an entity whose published table loses more than ``max_loss`` of its rows compared
  with the published warehouse (the last run's ``row_counts``, carried over in
  ``etl_runs``), unless the losses are accepted (``territoires etl --accepter-pertes``).
  A run without the file of an entity empties it: that counts as a loss too.
"""

from __future__ import annotations

from collections.abc import Iterable

from atlas.entities import ENTITIES, ENTITY_TABLES
from atlas.format import entier, pourcentage

__all__ = ["DEFAULT_MAX_LOSS", "ENTITY_TABLES", "PUBLIC_TABLES", "empty_files", "losses"]

#: Share of an entity's published rows a run may lose without ``--accepter-pertes``.
DEFAULT_MAX_LOSS = 0.5

#: Tables of real public data whose losses are guarded too (label, table).
PUBLIC_TABLES: dict[str, str] = {"Programmes de l'État (contrats ou sites)": "programme_territoire"}

_QUOTED_REJECTS = 3


def empty_files(file_counts: Iterable, rejects: Iterable) -> list[str]:
    """A refusal for each file (``FileCount``) with no loaded row; ``rejects`` are the load's."""
    refusals = []
    for count in file_counts:
        if count.loaded:
            continue
        label = ENTITIES[count.entity].label if count.entity in ENTITIES else count.entity
        if not count.read:
            refusals.append(
                f"fichier {count.file} : aucune ligne de données (en-tête seul) ; pour vider "
                f"« {label} », retirer le fichier du dossier"
            )
            continue
        first = [r for r in rejects if r.file == count.file][:_QUOTED_REJECTS]
        quoted = " ; ".join(
            f"ligne {r.line}" + (f", colonne {r.column}" if r.column else "") + f" : {r.reason}" for r in first
        )
        refusals.append(
            f"fichier {count.file} : aucune ligne chargée, les {entier(count.read)} lignes lues sont "
            f"toutes rejetées ; premiers rejets : {quoted}"
        )
    return refusals


def losses(published: dict[str, int], built: dict[str, int], max_loss: float = DEFAULT_MAX_LOSS) -> list[str]:
    """A refusal for each entity losing more than ``max_loss`` of its published rows.

    ``published`` and ``built`` map table names to row counts (``etl_runs.row_counts``);
    a table absent from ``published`` had no rows to lose.
    """
    refusals = []
    guarded = {**{ENTITIES[e].label: t for e, t in ENTITY_TABLES.items()}, **PUBLIC_TABLES}
    for label, table in guarded.items():
        before, after = int(published.get(table) or 0), int(built.get(table) or 0)
        if before and (before - after) / before > max_loss:
            refusals.append(
                f"« {label} » (table {table}) passerait de {entier(before)} à "
                f"{entier(after)} lignes, soit {pourcentage((before - after) / before, 1)} de perte "
                f"(au-delà de {pourcentage(max_loss)})"
            )
    return refusals
