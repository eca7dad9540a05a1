"""Exports of a territory's snapshot: PDF report, XLSX workbook, GIS layers, CSV, PNG map.

Two entry points over a read-only warehouse connection:

- :func:`export_territory` writes files into a folder (the ``territoires export`` command);
- :func:`render` returns ``(bytes, file name, MIME type)`` for a web download, leaving
  nothing on the server.

Both gather the data once with :func:`snapshot.load_snapshot` (named queries of
``queries/exports/``) and hand it to a pure renderer per format. A territory is a région
or a département; its code is normalised and checked against the warehouse before use
(:class:`UnknownTerritoryError`, French message). File names are built only from the
warehouse's code and name and the date: ``bretagne-53_2026-11-23.pdf``.

A commune also has a one-page fiche for its council (:func:`render_fiche`, :func:`export_fiche`:
:mod:`.fiche_data` reads it, :mod:`.fiche_commune` draws it): ``fiche-brest-29019_2026-11-23.pdf``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb

from .snapshot import Snapshot, Territory, UnknownTerritoryError, find_territory, load_snapshot

__all__ = [
    "FORMATS",
    "MIMETYPES",
    "EXTENSIONS",
    "UnknownTerritoryError",
    "UnknownFormatError",
    "parse_formats",
    "file_name",
    "render",
    "render_snapshot",
    "export_territory",
    "find_territory",
    "load_snapshot",
    "FICHE_MIMETYPE",
    "fiche_file_name",
    "render_fiche",
    "export_fiche",
]

FORMATS = ("pdf", "xlsx", "gpkg", "geojson", "csv", "png")

MIMETYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "gpkg": "application/geopackage+sqlite3",
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
    "png": "image/png",
}

EXTENSIONS = {fmt: fmt for fmt in FORMATS}

_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*-(?:[0-9AB]{2,3}|[0-9AB]{5}|[0-9]{9})_\d{4}-\d{2}-\d{2}\.[a-z]+$")


class UnknownFormatError(ValueError):
    """A format not in :data:`FORMATS` (French message)."""


def parse_formats(text: str | Iterable[str]) -> list[str]:
    """``"pdf, xlsx"`` -> ``["pdf", "xlsx"]``: lower-cased, deduplicated, checked."""
    items = text.split(",") if isinstance(text, str) else list(text)
    out: list[str] = []
    for item in items:
        fmt = str(item).strip().lower().lstrip(".")
        if not fmt:
            continue
        if fmt not in FORMATS:
            raise UnknownFormatError(f"format inconnu « {item} » : formats possibles {', '.join(FORMATS)}")
        if fmt not in out:
            out.append(fmt)
    if not out:
        raise UnknownFormatError(f"aucun format demandé : formats possibles {', '.join(FORMATS)}")
    return out


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "territoire"


def file_name(territory: Territory, fmt: str, on: dt.date) -> str:
    """``bretagne-53_2026-11-23.pdf``, from the warehouse's name and code of the territory."""
    if fmt not in FORMATS:
        raise UnknownFormatError(f"format inconnu « {fmt} »")
    name = f"{_slug(territory.nom)}-{territory.code}_{on.isoformat()}.{EXTENSIONS[fmt]}"
    if not _SAFE_NAME.match(name):  # the pieces are checked; this guards the assembly
        raise ValueError(f"nom de fichier inattendu : {name!r}")
    return name


def fiche_file_name(nom: str, code: str, on: dt.date) -> str:
    """``fiche-brest-29019_2026-11-23.pdf``: the commune fiche, named from the warehouse's name and code."""
    name = f"fiche-{_slug(nom)}-{code}_{on.isoformat()}.pdf"
    if not _SAFE_NAME.match(name):
        raise ValueError(f"nom de fichier inattendu : {name!r}")
    return name


#: Module and function rendering each format (imported on first use: reportlab, kaleido…).
_RENDERERS = {
    "pdf": ("pdf", "render_pdf"),
    "xlsx": ("xlsx", "render_xlsx"),
    "gpkg": ("gis", "render_gpkg"),
    "geojson": ("gis", "render_geojson"),
    "csv": ("csv", "render_csv"),
    "png": ("png", "render_png"),
}


def _renderer(fmt: str) -> Callable[[Snapshot], bytes]:
    if fmt not in _RENDERERS:
        raise UnknownFormatError(f"format inconnu « {fmt} » : formats possibles {', '.join(FORMATS)}")
    module, function = _RENDERERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def render_snapshot(snapshot: Snapshot, fmt: str) -> tuple[bytes, str, str]:
    """``(content, file name, MIME type)`` of ``snapshot`` in ``fmt``."""
    fmt = parse_formats([fmt])[0]
    content = _renderer(fmt)(snapshot)
    return content, file_name(snapshot.territory, fmt, snapshot.generated_on), MIMETYPES[fmt]


def render(
    con: duckdb.DuckDBPyConnection, niveau: str, code: str, fmt: str, *, today: dt.date | None = None
) -> tuple[bytes, str, str]:
    """One export in memory, for a web download: ``(content, file name, MIME type)``.

    ``niveau`` is ``"region"`` or ``"departement"``. Raises :class:`UnknownTerritoryError`
    (unknown or invalid territory) or :class:`UnknownFormatError` (both ``ValueError``,
    with a French message fit to show), before any rendering work.
    """
    fmt = parse_formats([fmt])[0]
    snapshot = load_snapshot(con, niveau, code, today=today)
    return render_snapshot(snapshot, fmt)


def _write(out_dir: Path, name: str, content: bytes) -> Path:
    """Write ``content`` to ``out_dir / name`` atomically (a reader never sees half a file)."""
    path = out_dir / name
    partial = out_dir / f".{name}.partiel"
    partial.write_bytes(content)
    partial.replace(path)
    return path


def export_territory(
    con: duckdb.DuckDBPyConnection,
    niveau: str,
    code: str,
    formats: str | Iterable[str],
    out_dir: Path,
    *,
    today: dt.date | None = None,
    progress: Callable[[str, Path | None, float], None] | None = None,
) -> list[Path]:
    """Write the territory's exports in ``formats`` into ``out_dir`` (created if needed).

    Returns the written paths in the order of ``formats``. ``progress(step, path, seconds)``
    is called once the data are gathered (``step="donnees"``, ``path=None``), then after
    each file (``step`` = the format). Existing files of the same name (same territory,
    same day) are replaced.
    """
    fmts = parse_formats(formats)
    t0 = time.perf_counter()
    snapshot = load_snapshot(con, niveau, code, today=today)
    if progress is not None:
        progress("donnees", None, time.perf_counter() - t0)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in fmts:
        t0 = time.perf_counter()
        content, name, _ = render_snapshot(snapshot, fmt)
        path = _write(out_dir, name, content)
        written.append(path)
        if progress is not None:
            progress(fmt, path, time.perf_counter() - t0)
    return written


#: The commune fiche is a PDF.
FICHE_MIMETYPE = MIMETYPES["pdf"]


def render_fiche(
    con: duckdb.DuckDBPyConnection, code: str, *, today: dt.date | None = None
) -> tuple[bytes, str, str]:
    """The one-page fiche of commune ``code`` in memory: ``(content, file name, MIME type)``.

    Raises :class:`UnknownTerritoryError` (French message) for an invalid or unknown code.
    """
    from .fiche_commune import render_fiche as render_page
    from .fiche_data import load_fiche

    fiche = load_fiche(con, code, today=today)
    name = fiche_file_name(fiche.commune["nom"], fiche.commune["code"], fiche.generated_on)
    return render_page(fiche), name, FICHE_MIMETYPE


def export_fiche(
    con: duckdb.DuckDBPyConnection, code: str, out_dir: Path, *, today: dt.date | None = None
) -> Path:
    """Write the fiche of commune ``code`` into ``out_dir`` (created if needed); return its path."""
    content, name, _ = render_fiche(con, code, today=today)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return _write(out_dir, name, content)
