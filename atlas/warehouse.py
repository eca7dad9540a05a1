"""DuckDB connections with the spatial extension, loaded offline from its PyPI package."""

from __future__ import annotations

from pathlib import Path

import duckdb

from queries import sql

__all__ = [
    "spatial_extension_path", "connect", "run_model", "run_checks",
    "FORMAT_VERSION", "WarehouseFormatError", "check_format",
]

#: Layout of the published tables. Bump it whenever a change to ``queries/`` alters what the
#: readers (dashboard, exports) expect: they then refuse a warehouse built by an older version
#: with a clear message instead of failing on a missing table or column.
FORMAT_VERSION = "2026.12-1"


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
    con.execute(f"LOAD '{spatial_extension_path()}'")
    return con


def run_model(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> None:
    """Execute the statements of ``queries/<name>.sql``."""
    text = "\n".join(line for line in sql(name).splitlines() if not line.lstrip().startswith("--"))
    statements = [s for s in text.split(";") if _has_code(s)]
    for statement in statements:
        if params:
            used = {k: v for k, v in params.items() if f"${k}" in statement}
            con.execute(statement, used)
        else:
            con.execute(statement)


def run_checks(con: duckdb.DuckDBPyConnection, names: list[str], params: dict) -> list[tuple[str, str, str]]:
    """Run check queries; return ``(check, probleme, detail)`` for every violation."""
    problems = []
    for name in names:
        text = sql(name)
        used = {k: v for k, v in params.items() if f"${k}" in text}
        for probleme, detail in con.execute(text, used).fetchall():
            problems.append((name, probleme, detail))
    return problems


def _has_code(statement: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in statement.splitlines())


def check_format(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """Raise WarehouseFormatError unless the warehouse at ``path`` has this code's format."""
    try:
        row = con.execute(sql("app/format_entrepot")).fetchone()
    except duckdb.CatalogException:
        row = None
    found = row[0] if row else None
    if found != FORMAT_VERSION:
        raise WarehouseFormatError(
            f"{path} : entrepôt construit par une autre version de l'outil (format "
            f"{found or 'ancien'}, attendu {FORMAT_VERSION}). Reconstruisez-le avec « territoires etl » "
            "(ou « make etl »)."
        )
