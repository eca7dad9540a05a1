"""Deterministic demonstration dataset over real communes and EPCI.

:func:`generate_demo` writes one CSV per entity of :mod:`atlas.entities`, in exactly
the documented format, every row flagged ``demo = true``.
"""

from .generator import generate_demo

__all__ = ["generate_demo", "inputs_from_warehouse"]


def inputs_from_warehouse(con):
    """``(communes, epci)`` frames the generator needs, read from a warehouse connection."""
    from queries import sql

    return con.execute(sql("etl/demo_communes")).df(), con.execute(sql("etl/demo_epci")).df()
