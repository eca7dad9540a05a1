"""Deterministic demonstration dataset over real communes and EPCI.

:func:`generate_demo` writes one CSV per entity of :mod:`etl.domain.schemas`, in exactly
the documented format, every row flagged ``demo = true``.
"""

from .generator import generate_demo

__all__ = ["generate_demo"]
