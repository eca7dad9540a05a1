"""Compression of what the dashboard sends: pages, scripts, callback answers (flask-compress).

Dash's script files (``/_dash-component-suites/…``, fingerprinted, cached a year by the
browser) and the assets are compressed once per process and kept in memory; pages and
callback answers are compressed per response. The display geometry (``/geo/``) is gzipped
once when it is built (``routes.GeometryCache``): flask-compress leaves a response that
already has a ``Content-Encoding`` as it is.
"""

from __future__ import annotations

import threading

from flask import Flask, Request
from flask_compress import Compress

__all__ = ["compress", "etag_matches", "STATIC_PREFIXES", "ALGORITHMS"]

#: Paths whose answer depends only on the URL (compressed once, then served from memory).
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")

#: Encodings offered, best first (browsers send brotli only over HTTPS; gzip everywhere).
ALGORITHMS = ["br", "gzip"]


class StaticCache:
    """flask-compress cache backend that keeps only the static files' compressed bodies."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        return self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):  # a dynamic answer: never kept (see static_key)
            with self._lock:
                self._data[key] = value


def static_key(request: Request) -> str:
    """The cache key of a static file's URL; empty (not cached) for anything else."""
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return request.full_path
    return ""


def compress(server: Flask) -> Compress:
    """Compress the responses of ``server`` (br or gzip, as the browser accepts)."""
    server.config.update(
        COMPRESS_ALGORITHM=ALGORITHMS,
        COMPRESS_LEVEL=6,
        COMPRESS_BR_LEVEL=5,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_CACHE_BACKEND=StaticCache,
        COMPRESS_CACHE_KEY=static_key,
    )
    extension = Compress(server)
    server.extensions["compress"] = extension
    return extension


def etag_matches(etag: str, if_none_match: str) -> bool:
    """Whether the ``If-None-Match`` header names ``etag`` (quoted), as the response sent it or as
    flask-compress marked it when it compressed the response (``"…:gzip"``); weak tags count."""
    wanted = etag.strip('"')
    return any(tag.strip().removeprefix("W/").strip('"').split(":")[0] == wanted for tag in if_none_match.split(","))
