"""What every reader of a real public file provides: detection, tables, provenance.

A *public file* is a file published by the State or INSEE (ANCT programme lists,
Filosofi, base comparateur, Observatoire des territoires exports, Répertoire national
des élus…) that a user drops, name unchanged, into the ``--data`` folder. Each family of
files has one :class:`PublicReader`; :mod:`etl.public.folder` finds the files of a
folder, asks every reader which ones it recognises, loads them and registers the rows.

Row accounting is the domain loader's: every row read is loaded or rejected with its
reason (:class:`etl.domain.loader.Reject`), a former commune code replaced by its
current commune is recorded (:class:`~etl.domain.loader.CodeMapping`), and each file has
its :class:`~etl.domain.loader.FileCount` (``read == loaded + rejected``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa

from etl.domain.loader import CodeMapping, FileCount, LoadWarning, Reject
from etl.domain.references import References

__all__ = ["PublicFile", "PublicLoad", "PublicReader", "LICENCE_OUVERTE"]

#: The licence of the files published by the State on data.gouv.fr, INSEE and the OT.
LICENCE_OUVERTE = "Licence Ouverte 2.0 (Etalab)"


@dataclass(frozen=True)
class PublicFile:
    """A file of the data folder recognised by a reader."""

    path: Path
    #: Name of the reader that recognised it (:attr:`PublicReader.name`).
    reader: str
    #: The detected layout, in French (« ANCT, communes du programme pvd »…).
    layout: str
    #: Publisher, in French (« ANCT », « Insee », « Observatoire des territoires »…).
    publisher: str
    #: The date taken from the file name, when it carries one.
    date: date | None = None
    #: The year of the COG (code officiel géographique) its codes follow, when known.
    cog: int | None = None
    licence: str = LICENCE_OUVERTE


@dataclass
class PublicLoad:
    """The rows of the public files of a folder, their rejects and their provenance.

    ``tables`` maps a table name to its rows; :func:`etl.public.folder.register_public`
    registers it as ``raw_<name>`` with the schema its reader declares (an absent table is
    registered empty, so the SQL models always find it). ``sources`` holds one provenance
    entry per file read (see :func:`etl.public.folder.source_entry`).
    """

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    mappings: list[CodeMapping] = field(default_factory=list)
    file_counts: list[FileCount] = field(default_factory=list)
    notes: list[LoadWarning] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)

    def extend(self, other: PublicLoad) -> None:
        """Add ``other``'s rows (tables of the same name are concatenated) and records."""
        for name, frame in other.tables.items():
            mine = self.tables.get(name)
            self.tables[name] = frame if mine is None else pd.concat([mine, frame], ignore_index=True)
        self.rejects += other.rejects
        self.mappings += other.mappings
        self.file_counts += other.file_counts
        self.notes += other.notes
        self.sources += other.sources


class PublicReader:
    """One family of public files. Subclasses set :attr:`name`, :attr:`tables` and
    implement :meth:`detect` and :meth:`load`."""

    #: Short identifier (``"anct"``, ``"insee"``, ``"rne"``).
    name: str = ""
    #: Tables this reader fills, with their Arrow schema (registered as ``raw_<name>``).
    tables: dict[str, pa.Schema] = {}
    #: Domain entities (:data:`atlas.entities.ENTITIES`) whose own file may not sit beside
    #: this reader's files (one source per entity): ``{"crte": "..."}`` maps the entity to
    #: a French reason.
    replaces: dict[str, str] = {}

    def detect(self, path: Path) -> PublicFile | None:
        """The file as this reader sees it, or None when it is not one of its files.

        Detection is by file name and, when the name is ambiguous, by the header.
        """
        raise NotImplementedError

    def load(self, files: list[PublicFile], refs: References) -> PublicLoad:
        """Read ``files`` (all detected by this reader) against the boundaries ``refs``."""
        raise NotImplementedError
