"""The « Exporter » downloads: ``/exporter/<niveau>/<code>/<format>``, the one-page fiche of a
commune ``/exporter/commune/<code>/fiche.pdf``, and the workbook of a mesure
``/exporter/mesure/<id>/<xlsx|pdf>``.

A request is checked (level, format, territory code as the warehouse spells it) before
any work; the export is then taken from :class:`~dashboard.export_cache.ExportCache` or
rendered once into it. ``HEAD`` never renders. Renders are capped across the server's
processes (429 « réessayez dans un instant » with ``Retry-After``) and each client is
rate-limited (flask-limiter, :data:`RATE_LIMIT`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from collections.abc import Callable

from flask import Flask, Response, abort, request, send_file
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address

import atlas
import exports
from atlas.vocabulary import EXPORT_LEVEL_CODES, LEVELS
from exports.mesure import MEASURE_FORMATS, measure_file_name, render_measure

from .data import Warehouse
from .export_cache import ExportCache, cache_root, code_fingerprint

__all__ = ["RATE_LIMIT", "RETRY_AFTER_S", "register_downloads"]

#: Downloads one client may start (``$TERRITOIRES_EXPORTS_LIMITE``, flask-limiter syntax).
RATE_LIMIT = "20 per minute"
#: Seconds a client is told to wait when every render slot is taken.
RETRY_AFTER_S = 5

_BUSY = "Un autre export est en cours de préparation : réessayez dans un instant."
_TOO_MANY = "Trop d'exports demandés depuis votre adresse : réessayez dans une minute."


#: The renderers' code, read once per process (see export_cache.code_fingerprint).
RENDERERS = code_fingerprint(Path(exports.__file__).parent, Path(atlas.__file__).parent)


def _run_key(warehouse: Warehouse) -> str:
    run = warehouse.latest_run() or {}
    return f"{run.get('run_id')}|{run.get('started_at')}|{warehouse.path.resolve()}|{RENDERERS}"


def _plain(status: int, message: str, **headers) -> Response:
    return Response(message + "\n", status=status, content_type="text/plain; charset=utf-8", headers=headers)


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}


def _cached(cache: ExportCache, key: tuple[str, ...], mimetype: str, filename: Callable[[], str],
            render: Callable[[], tuple[bytes, str, str]]) -> Response:
    """The export of ``key`` from the cache, or rendered once into it (``render()`` gives
    content, file name, MIME type); ``HEAD`` never renders; 429 when every render slot is taken."""
    cached = cache.get(*key)
    if cached is None and request.method == "HEAD":
        return Response(status=200, content_type=mimetype, headers=_attachment(filename()))
    if cached is None:
        with cache.slot() as free:
            if not free:
                return _plain(429, _BUSY, **{"Retry-After": str(RETRY_AFTER_S)})
            cached = cache.get(*key)  # another process may have finished it meanwhile
            if cached is None:
                content, name, mimetype = render()
                cached = cache.put(key, content, name, mimetype)
                if cached is None:  # no writable cache folder: send from memory
                    return Response(content, content_type=mimetype, headers=_attachment(name))
    response = send_file(cached.path, mimetype=cached.mimetype, conditional=False, etag=False)
    response.headers.update(_attachment(cached.filename))
    response.headers["Content-Type"] = cached.mimetype
    return response


def register_downloads(server: Flask, warehouse: Warehouse) -> ExportCache:
    """Add the export route (and its rate limit) to ``server``; return the cache it uses."""
    cache = ExportCache(cache_root(warehouse.path), lambda: _run_key(warehouse))  # follows a publication
    # Counted per process (in memory): with N server processes a client gets at most N times the limit.
    limiter = Limiter(get_remote_address, app=server, storage_uri="memory://", default_limits=[])

    @server.errorhandler(RateLimitExceeded)
    def too_many(error):
        return _plain(429, _TOO_MANY, **{"Retry-After": "60"})

    @server.route("/exporter/<niveau>/<code>/<fmt>", methods=["GET", "HEAD"])
    @limiter.limit(lambda: os.environ.get("TERRITOIRES_EXPORTS_LIMITE", RATE_LIMIT))
    def export_snapshot(niveau: str, code: str, fmt: str):
        if niveau not in EXPORT_LEVEL_CODES or fmt not in exports.FORMATS:
            abort(404)
        cursor = warehouse.cursor()
        try:
            try:
                territory = exports.find_territory(cursor, niveau, code)
            except exports.UnknownTerritoryError:
                abort(404)
            if territory.code != code:  # the pages answer 404 to « 2a »: so do the exports
                abort(404)
            key = (dt.date.today().isoformat(), niveau, territory.code, fmt)
            return _cached(cache, key, exports.MIMETYPES[fmt],
                           lambda: exports.file_name(territory, fmt, dt.date.today()),
                           lambda: exports.render_snapshot(exports.load_snapshot(cursor, niveau, territory.code), fmt))
        finally:
            cursor.close()

    @server.route("/exporter/commune/<code>/fiche.pdf", methods=["GET", "HEAD"])
    @limiter.limit(lambda: os.environ.get("TERRITOIRES_EXPORTS_LIMITE", RATE_LIMIT))
    def export_fiche(code: str):
        if not warehouse.exists("commune", code):  # the warehouse's own spelling only (« 2a019 » is 404)
            return _plain(404, f"{LEVELS['commune'].not_found} : {LEVELS['commune'].no_such_code(code)}")
        cursor = warehouse.cursor()
        try:
            key = (dt.date.today().isoformat(), "fiche", code, "pdf")
            return _cached(cache, key, exports.FICHE_MIMETYPE,
                           lambda: exports.fiche_file_name(warehouse.name("commune", code), code, dt.date.today()),
                           lambda: exports.render_fiche(cursor, code))
        finally:
            cursor.close()

    @server.route("/exporter/mesure/<mesure_id>/<fmt>", methods=["GET", "HEAD"])
    @limiter.limit(lambda: os.environ.get("TERRITOIRES_EXPORTS_LIMITE", RATE_LIMIT))
    def export_measure(mesure_id: str, fmt: str):
        # one page or a few hundred rows, rendered in a fraction of a second: no cache needed
        if fmt not in MEASURE_FORMATS or not warehouse.measures["id"].isin([mesure_id]).any():
            abort(404)
        headers = _attachment(measure_file_name(mesure_id, fmt))
        mimetype = exports.MIMETYPES[fmt]
        if request.method == "HEAD":
            return Response(status=200, content_type=mimetype, headers=headers)
        content = warehouse.read(lambda cursor: render_measure(cursor, mesure_id, fmt))
        return Response(content, content_type=mimetype, headers=headers)

    return cache
