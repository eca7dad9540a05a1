"""The warehouse contract: connections, layout version, and the one place that runs SQL.

- :func:`connect`: a DuckDB connection with the spatial extension, loaded offline from its
  PyPI package.
- :func:`run` (and :func:`fetch_df`, :func:`run_step`, :func:`run_checks` on top of it):
  execute a named model of ``queries/``, binding to each statement the parameters it uses.
- :data:`FORMAT_VERSION` and :func:`check_format`: readers refuse a warehouse of another layout.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from queries import STEPS, sql

__all__ = [
    "spatial_extension_path", "connect", "run", "fetch_df", "run_step", "run_checks",
    "FORMAT_VERSION", "WarehouseFormatError", "check_format",
]

#: Layout of the published tables. Bump it whenever a change to ``queries/`` alters what the
#: readers (dashboard, exports) expect: they then refuse a warehouse built by an older version
#: with a clear message instead of failing on a missing table or column.
FORMAT_VERSION = "2026.12-7"


class WarehouseFormatError(Exception):
    """A warehouse built by another version of the ETL; the message is in French."""


def spatial_extension_path() -> Path:
    """Path of ``spatial.duckdb_extension`` shipped by ``duckdb-extension-spatial``.

    The package version must equal duckdb's; the file sits under
    ``extensions/v<duckdb version>/``.
    """
    import duckdb_extension_spatial

    root = Path(duckdb_extension_spatial.__file__).parent / "extensions"
    path = root / f"v{duckdb.__version__}" / "spatial.duckdb_extension"
    if not path.exists():
        found = sorted(root.glob("v*/spatial.duckdb_extension"))
        raise RuntimeError(
            f"extension spatiale introuvable pour duckdb {duckdb.__version__} "
            f"(trouvé : {[str(p) for p in found]}) ; installez duckdb-extension-spatial=={duckdb.__version__}"
        )
    return path


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open ``path`` (in memory if None) and load the spatial extension from its file."""
    con = duckdb.connect(str(path) if path is not None else ":memory:", read_only=read_only)
    con.load_extension(str(spatial_extension_path()))
    return con


def run(con: duckdb.DuckDBPyConnection, name: str, /, **params) -> duckdb.DuckDBPyConnection:
    """Execute every statement of ``queries/<name>.sql``; return ``con``, holding the last result.

    Each statement is given only the named parameters it uses (DuckDB refuses extra ones),
    so callers may pass one set of parameters to several queries; a parameter a statement
    needs but ``params`` lacks raises ``TypeError``. Unknown names raise ``KeyError``.
    Reads chain on the result: ``run(con, "app/regions").df()``, ``….fetchall()``.
    """
    for statement, used in _statements(name):
        missing = used - params.keys()
        if missing:
            raise TypeError(f"{name}: missing parameter(s) {sorted(missing)}")
        con.execute(statement, {k: params[k] for k in used})
    return con


def fetch_df(con: duckdb.DuckDBPyConnection, name: str, /, **params) -> pd.DataFrame:
    """Result of the read query ``queries/<name>.sql`` as a DataFrame (see :func:`run`)."""
    return run(con, name, **params).df()


def run_step(con: duckdb.DuckDBPyConnection, step: str, /, **params) -> None:
    """Execute the models of one step of a run (:data:`queries.STEPS`), in their declared order."""
    for name in STEPS[step]:
        run(con, name, **params)


def run_checks(con: duckdb.DuckDBPyConnection, **params) -> list[tuple[str, str, str]]:
    """Run the check queries of the ``controles`` step; ``(check, probleme, detail)`` per violation."""
    return [
        (name, probleme, detail)
        for name in STEPS["controles"]
        for probleme, detail in run(con, name, **params).fetchall()
    ]


@lru_cache(maxsize=None)
def _statements(name: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The statements of a model and the named parameters of each, as DuckDB's parser sees them."""
    parser = duckdb.connect()
    try:
        return tuple(
            (statement.query, frozenset(statement.named_parameters))
            for statement in parser.extract_statements(sql(name))
        )
    finally:
        parser.close()


def check_format(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """Raise WarehouseFormatError unless the warehouse at ``path`` has this code's format."""
    try:
        row = run(con, "app/entrepot_format").fetchone()
    except duckdb.CatalogException:
        row = None
    found = row[0] if row else None
    if found != FORMAT_VERSION:
        raise WarehouseFormatError(
            f"{path} : entrepôt construit par une autre version de l'outil (format "
            f"{found or 'ancien'}, attendu {FORMAT_VERSION}). Reconstruisez-le avec « territoires etl » "
            "(ou « make etl »)."
        )
