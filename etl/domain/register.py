"""Bridge between the domain loader and DuckDB.

- :func:`references_from_warehouse`: what domain codes may point to, read from the
  boundaries tables already built in the run's warehouse.
- :func:`register_domain`: register every entity's validated rows as ``raw_<entity>``
  with Arrow types derived from the spec (an absent file gives an empty, typed table),
  so the SQL models in ``queries/staging`` and ``queries/core`` always find them. A row
  located by a commune and no département gets the commune's département here, by the
  one rule of :func:`geodata.codes.departement_of_commune`.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from atlas.entities import ENTITIES, ColumnSpec, EntitySpec
from atlas.warehouse import run
from geodata.codes import departement_of_commune

__all__ = ["arrow_table", "arrow_type", "references_from_warehouse", "register_domain"]

_SCALARS = {
    "str": pa.string(),
    "enum": pa.string(),
    "code_commune": pa.string(),
    "code_epci": pa.string(),
    "code_departement": pa.string(),
    "code_region": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}


def arrow_type(column: ColumnSpec) -> pa.DataType:
    """Arrow type of a spec column (``list_of:x`` becomes a list of x)."""
    if column.type.startswith("list_of:"):
        return pa.list_(_SCALARS[column.type.split(":", 1)[1]])
    return _SCALARS[column.type]


def _with_commune_departement(spec: EntitySpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Fill an empty département column from the commune column, for specs that have both."""
    types = {c.name: c.type for c in spec.columns}
    has_both = types.get("commune") == "code_commune" and types.get("departement") == "code_departement"
    if not has_both or "commune" not in frame.columns:
        return frame
    declared = frame["departement"] if "departement" in frame.columns else [None] * len(frame)
    derived = [
        d if not pd.isna(d) or pd.isna(c) else departement_of_commune(c)
        for c, d in zip(frame["commune"], declared)
    ]
    return frame.assign(departement=pd.Series(derived, index=frame.index, dtype=object))


def arrow_table(schema: pa.Schema, frame: pd.DataFrame | None) -> pa.Table:
    """``frame``'s columns as an Arrow table of ``schema`` (a missing column, NaN or NA: null)."""
    if frame is None or frame.empty:
        return schema.empty_table()
    arrays = []
    for field in schema:
        values = frame[field.name] if field.name in frame.columns else pd.Series([None] * len(frame))
        cleaned = [None if (v is None or (not isinstance(v, (list, tuple)) and pd.isna(v))) else v for v in values]
        arrays.append(pa.array(cleaned, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _table(entity: str, frame: pd.DataFrame | None) -> pa.Table:
    spec = ENTITIES[entity]
    fields = [pa.field(c.name, arrow_type(c)) for c in spec.columns] + [pa.field("ligne", pa.int64())]
    if frame is not None and not frame.empty:
        frame = _with_commune_departement(spec, frame)
    return arrow_table(pa.schema(fields), frame)


def register_domain(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    """Register ``raw_<entity>`` for every entity of the spec."""
    for entity in ENTITIES:
        con.register(f"raw_{entity}", _table(entity, tables.get(entity)))


def references_from_warehouse(con: duckdb.DuckDBPyConnection):
    """:class:`etl.domain.loader.References` from the boundaries tables of ``con``."""
    from .loader import References

    sets: dict[str, dict[str, str | None]] = {}
    for ensemble, code, cible in run(con, "etl/references").fetchall():
        sets.setdefault(ensemble, {})[code] = cible
    return References(
        communes=frozenset(sets.get("communes", ())),
        historique=dict(sets.get("historique", {})),
        arrondissements=dict(sets.get("arrondissements", {})),
        epci=frozenset(sets.get("epci", ())),
        departements=frozenset(sets.get("departements", ())),
        regions=frozenset(sets.get("regions", ())),
    )
