"""Files dropped on the « Importer » page: type checked by content, kept under server-chosen
names in one folder per upload.

A dropped file is accepted when its bytes are an XLSX workbook (a ZIP holding
``xl/workbook.xml``), a Parquet file (``PAR1`` at both ends) or text (a CSV in UTF-8 or
Windows-1252, no NUL byte), whatever its name says. It is then kept as:

- ``<file_stem><extension>`` (``alliances.xlsx``…) when its header names the columns of an
  input entity of :data:`atlas.entities.ENTITIES` (the entity whose required columns are all
  there and which names most columns);
- its own name, reduced to safe characters, when a reader of :mod:`etl.public` recognises
  it under that name (ANCT ``liste-crte-…csv``, élus maires…);
- refused otherwise, with a French reason.

The user's file name never becomes a path by itself: it only chooses among these names.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from atlas.entities import ENTITIES, choice_key
from etl.domain.errors import DomainFileError
from etl.domain.readers import read_table
from etl.public.folder import public_files

__all__ = ["MAX_FILE_BYTES", "MAX_FILES", "Stored", "Refused", "sniff_format", "store_upload"]

#: Largest file accepted (bytes).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Most files in one upload.
MAX_FILES = 20

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: Starts of common binary files whose first bytes could pass for text (PDF, images, RTF…).
_BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"{\\rtf", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"BZh")


@dataclass(frozen=True)
class Stored:
    """A file kept: the name given by the user, the name kept, and what it holds."""

    original: str
    name: str
    entity: str | None  # input entity, or None for a public file
    what: str


@dataclass(frozen=True)
class Refused:
    """A file not kept, and why (French)."""

    original: str
    reason: str


def sniff_format(head: bytes, tail: bytes, path: Path | None = None) -> str | None:
    """``.xlsx``, ``.parquet`` or ``.csv`` from the first and last bytes of a file; None for
    anything else (another binary format, UTF-16 text…).

    >>> sniff_format(b"PAR1....", b"....PAR1")
    '.parquet'
    >>> sniff_format("id;nom\\n1;Brest".encode(), b"")
    '.csv'
    >>> sniff_format(b"%PDF-1.7", b"") is None
    True
    """
    if head.startswith(b"PK\x03\x04"):
        if path is not None:
            try:
                with zipfile.ZipFile(path) as archive:
                    if "xl/workbook.xml" not in archive.namelist():
                        return None
            except zipfile.BadZipFile:
                return None
        return ".xlsx"
    if head.startswith(b"PAR1") and tail.endswith(b"PAR1"):
        return ".parquet"
    if b"\x00" in head or head.startswith(_BINARY_SIGNATURES):
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8-sig" and exc.start >= len(head) - 3:  # a character cut by the sample
                return ".csv"
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return ".csv" if text and printable / len(text) > 0.95 else None
    return None


def _entity_of(path: Path) -> str | None:
    """The input entity whose columns the file's header names best (all required ones present)."""
    best: tuple[int, str] | None = None
    for name, spec in ENTITIES.items():
        try:
            raw = read_table(path, spec)
        except DomainFileError:
            continue
        keys = {choice_key(h) for h in raw.header}
        if not set(spec.required_columns) <= keys:
            continue
        score = len(keys & set(spec.column_names))
        if best is None or score > best[0]:
            best = (score, name)
    return best[1] if best else None


def _public_name(original: str, fmt: str) -> str | None:
    """The safe name under which a reader of :mod:`etl.public` recognises the file, if any."""
    stem = _SAFE.sub("_", Path(original).stem).strip("._")[:120]
    return f"{stem}{fmt}" if stem else None


def store_upload(original: str, source: Path, folder: Path) -> Stored | Refused:
    """Check the file at ``source`` (dropped as ``original``) and move it into ``folder``
    under its server-chosen name; a file of the same name already there is replaced."""
    size = source.stat().st_size
    if size > MAX_FILE_BYTES:
        return Refused(original, f"fichier trop volumineux ({size // 1024} Kio) ; au plus "
                                 f"{MAX_FILE_BYTES // (1024 * 1024)} Mio par fichier")
    if size == 0:
        return Refused(original, "fichier vide")
    with open(source, "rb") as handle:
        head = handle.read(4096)
        handle.seek(max(0, size - 4))
        tail = handle.read(4)
    fmt = sniff_format(head, tail, source)
    if fmt is None:
        return Refused(original, "contenu ni CSV, ni classeur XLSX, ni Parquet (type lu dans le fichier, "
                                 "pas dans son nom)")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        public = _public_name(original, fmt)
        if public is not None:
            candidate = Path(scratch) / public
            shutil.copyfile(source, candidate)
            found = public_files(Path(scratch))
            if found:
                shutil.move(candidate, folder / public)
                return Stored(original, public, None, found[0].layout)
            candidate.unlink()
        typed = Path(scratch) / f"fichier{fmt}"
        shutil.copyfile(source, typed)
        entity = _entity_of(typed)
        if entity is None:
            names = ", ".join(s.file_stem for s in ENTITIES.values())
            return Refused(original, "en-tête non reconnu : ni un fichier de l'Atlas (colonnes obligatoires "
                                     f"de {names}), ni un fichier public reconnu")
        spec = ENTITIES[entity]
        for old in folder.glob(f"{spec.file_stem}.*"):  # one file per entity
            old.unlink()
        name = f"{spec.file_stem}{fmt}"
        shutil.move(typed, folder / name)
        return Stored(original, name, entity, spec.label)
