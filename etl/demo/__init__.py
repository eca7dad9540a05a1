"""Deterministic demonstration dataset over real communes and EPCI.

:func:`generate_demo` writes one CSV per entity of :mod:`atlas.entities`, in exactly
the documented format, every row flagged ``demo = true``.
"""

from .generator import generate_demo

__all__ = ["generate_demo", "inputs_from_warehouse"]


def inputs_from_warehouse(con):
    """``(communes, epci)`` frames the generator needs, read from a warehouse connection."""
    from atlas.warehouse import fetch_df

    return fetch_df(con, "etl/demo_communes"), fetch_df(con, "etl/demo_epci")
