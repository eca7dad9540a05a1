"""Real public files read as published (ANCT, Insee, Observatoire des territoires, RNE).

Each family of files has a reader (:class:`etl.public.base.PublicReader`) listed in
:data:`READERS`; :mod:`etl.public.folder` finds the files of a data folder that a reader
recognises, loads them with the domain loader's row accounting and registers their rows
for the SQL models (``queries/staging``). Every file read gets a provenance entry in
``etl_runs.sources`` (layout, date, COG year, sha256, licence, rows).
"""

from __future__ import annotations

from .anct import AnctCrteReader, AnctReader
from .barometre import BarometreReader
from .base import LICENCE_OUVERTE, PublicFile, PublicLoad, PublicReader
from .folder import load_public_dir, public_files, register_public
from .rne import RneMairesReader
from .insee import InseeReader

__all__ = [
    "LICENCE_OUVERTE", "PublicFile", "PublicLoad", "PublicReader", "READERS",
    "load_public_dir", "public_files", "register_public",
]

#: Every reader, in detection order (the first that recognises a file takes it).
READERS: tuple[PublicReader, ...] = (AnctReader(), AnctCrteReader(), RneMairesReader(), InseeReader(),
                                     BarometreReader())
