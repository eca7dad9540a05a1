"""Bridge between the domain loader and DuckDB.

- :func:`references_from_warehouse`: what domain codes may point to, read from the
  boundaries tables already built in the run's warehouse.
- :func:`register_domain`: register every entity's validated rows as ``raw_<entity>``
  with Arrow types derived from the spec (an absent file gives an empty, typed table),
  so the SQL models in ``queries/staging`` and ``queries/core`` always find them.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from atlas.entities import ENTITIES, ColumnSpec

__all__ = ["DOMAIN_MODELS", "arrow_type", "references_from_warehouse", "register_domain"]

#: Staging then core models of the domain tables, in dependency order.
DOMAIN_MODELS = [
    "staging/stg_alliances",
    "staging/stg_crte",
    "staging/stg_experimentations",
    "staging/stg_catalyseurs",
    "staging/stg_mesures",
    "staging/stg_mesures_suivi",
    "staging/stg_indicateurs",
    "core/alliance",
    "core/alliance_commune",
    "core/alliance_partenaire",
    "core/alliance_odd",
    "core/crte",
    "core/crte_epci",
    "core/experimentation",
    "core/catalyseur",
    "core/catalyseur_territoire",
    "core/mesure",
    "core/mesure_suivi",
    "core/indicateur_commune",
]

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


def _table(entity: str, frame: pd.DataFrame | None) -> pa.Table:
    spec = ENTITIES[entity]
    fields = [pa.field(c.name, arrow_type(c)) for c in spec.columns] + [pa.field("ligne", pa.int64())]
    schema = pa.schema(fields)
    if frame is None or frame.empty:
        return schema.empty_table()
    arrays = []
    for field in fields:
        values = frame[field.name] if field.name in frame.columns else pd.Series([None] * len(frame))
        cleaned = [None if (v is None or (not isinstance(v, (list, tuple)) and pd.isna(v))) else v for v in values]
        arrays.append(pa.array(cleaned, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def register_domain(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    """Register ``raw_<entity>`` for every entity of the spec."""
    for entity in ENTITIES:
        con.register(f"raw_{entity}", _table(entity, tables.get(entity)))


def references_from_warehouse(con: duckdb.DuckDBPyConnection):
    """:class:`etl.domain.loader.References` from the boundaries tables of ``con``."""
    from .loader import References

    def codes(query: str) -> frozenset[str]:
        return frozenset(r[0] for r in con.execute(query).fetchall())

    def mapping(query: str) -> dict[str, str]:
        return dict(con.execute(query).fetchall())

    return References(
        communes=codes("SELECT code FROM commune"),
        historique=mapping(
            "SELECT ancien_code, code_actuel FROM commune_historique "
            "WHERE ancien_code NOT IN (SELECT code FROM commune)"
        ),
        arrondissements=mapping("SELECT code, commune FROM arrondissement_municipal"),
        epci=codes("SELECT code FROM epci"),
        departements=codes("SELECT code FROM departement"),
        regions=codes("SELECT code FROM region"),
    )
