"""Store the parameters a run computed the indices with in the warehouse (table ``parametres``)."""

from __future__ import annotations

import duckdb

from atlas.parameters import RunParameters
from atlas.warehouse import run

__all__ = ["store_parameters"]


def store_parameters(con: duckdb.DuckDBPyConnection, parameters: RunParameters) -> None:
    """(Re)create ``parametres`` with one row per key of ``parameters``, in the file's order."""
    rows = parameters.rows()
    run(
        con,
        "schema/parametres",
        sections=[section for section, _, _ in rows],
        cles=[key for _, key, _ in rows],
        valeurs=[value for _, _, value in rows],
    )
