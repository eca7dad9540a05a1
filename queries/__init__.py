"""Every SQL statement of the project, one file per model, loaded by name.

Layers (as in a dbt project):

- ``schema/``: tables that outlive a run (ETL journal, rejects, anomalies).
- ``staging/``: light typing of what Python registered as ``raw_*`` relations.
- ``core/``: the territorial tables analysts query (commune, epci, departement…).
- ``marts/``: tables built for the dashboard and the exports.
- ``checks/``: queries returning one row per violation; a publication needs none.
- ``app/``: parameterised read queries of the dashboard.
- ``exports/``: read queries of the territory snapshots (PDF, XLSX, GIS…).
- ``etl/``: read queries the ETL itself needs (e.g. the demo generator's inputs).

Names are paths without the ``.sql`` suffix: ``sql("core/commune")``.
Parameters are DuckDB named parameters (``$code``), never string formatting.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["sql", "names"]


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """Text of the model ``name`` (e.g. ``"core/commune"``)."""
    if ".." in name or name.startswith("/"):
        raise ValueError(f"invalid query name {name!r}")
    return resources.files(__name__).joinpath(f"{name}.sql").read_text(encoding="utf-8")


def names(layer: str) -> list[str]:
    """Names of the models of a layer, sorted (file names may carry an order prefix)."""
    folder = resources.files(__name__).joinpath(layer)
    return sorted(f"{layer}/{p.name[:-4]}" for p in folder.iterdir() if p.name.endswith(".sql"))
