"""Find, load and register the public files of a data folder.

- :func:`public_files`: the files of a folder that a reader of :data:`etl.public.READERS`
  recognises (the domain loader leaves them alone);
- :func:`load_public_dir`: load them, reader by reader, with one provenance entry per file;
- :func:`register_public`: register every declared table as ``raw_<name>`` for the SQL models.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.domain.errors import DomainFileError
from geodata.sources.checksum import sha256_files
from etl.domain.register import arrow_table
from etl.domain.references import References

from .base import PublicFile, PublicLoad, PublicReader

__all__ = ["public_files", "load_public_dir", "register_public", "source_entry"]


def _readers() -> tuple[PublicReader, ...]:
    from . import READERS

    return READERS


def public_files(directory: Path, readers: tuple[PublicReader, ...] | None = None) -> list[PublicFile]:
    """Every file of ``directory`` recognised by a reader, in name order."""
    readers = _readers() if readers is None else readers
    found: list[PublicFile] = []
    for path in sorted(Path(directory).iterdir(), key=lambda p: p.name):
        if path.name.startswith((".", "~$")) or not path.is_file():
            continue
        for reader in readers:
            detected = reader.detect(path)
            if detected is not None:
                found.append(detected)
                break
    return found


def source_entry(file: PublicFile, load: PublicLoad) -> dict:
    """The provenance entry of one file read (stored in ``etl_runs.sources``)."""
    counts = [c for c in load.file_counts if c.file == file.path.name]
    return {
        "role": "publique",
        "lecteur": file.reader,
        "nom": file.path.name,
        "disposition": file.layout,
        "editeur": file.publisher,
        "date": file.date.isoformat() if file.date else None,
        "annee_cog": file.cog,
        "sha256": sha256_files([file.path]),
        "licence": file.licence,
        "lues": sum(c.read for c in counts),
        "chargees": sum(c.loaded for c in counts),
        "rejetees": sum(c.rejected for c in counts),
        "entites": sorted({c.entity for c in counts}),
        "demo": False,
    }


def _check_one_source(files: list[PublicFile], domain_files: dict[str, Path], readers) -> None:
    """Refuse a domain file whose entity a public file of the folder already provides."""
    errors = []
    by_name = {r.name: r for r in readers}
    for file in files:
        for entity, reason in by_name[file.reader].replaces.items():
            if entity in domain_files:
                own = domain_files[entity].name
                errors.append(DomainFileError(
                    f"fichiers {own} et {file.path.name} : une seule source par entité ; {reason}",
                    files=(own, file.path.name),
                ))
    if errors:
        raise DomainFileError.combine(list({str(e): e for e in errors}.values()))


def load_public_dir(
    directory: Path,
    refs: References,
    domain_files: dict[str, Path] | None = None,
    readers: tuple[PublicReader, ...] | None = None,
) -> PublicLoad:
    """Load every public file of ``directory``; ``domain_files`` are the domain loader's
    files (entity → path), checked against the entities the public files replace."""
    readers = _readers() if readers is None else readers
    files = public_files(directory, readers)
    _check_one_source(files, domain_files or {}, readers)
    result = PublicLoad()
    for reader in readers:
        mine = [f for f in files if f.reader == reader.name]
        if not mine:
            continue
        part = reader.load(mine, refs)
        part.sources = [source_entry(f, part) for f in mine]
        result.extend(part)
    return result


def register_public(
    con: duckdb.DuckDBPyConnection, load: PublicLoad | None, readers: tuple[PublicReader, ...] | None = None
) -> None:
    """Register ``raw_<table>`` for every table every reader declares (empty when absent)."""
    readers = _readers() if readers is None else readers
    tables = load.tables if load is not None else {}
    for reader in readers:
        for name, schema in reader.tables.items():
            con.register(f"raw_{name}", arrow_table(schema, tables.get(name)))
