"""Flask routes beside the Dash pages: display geometry as static, cacheable files, and
the HTTP status of pages whose territory does not exist.

``/geo/<niveau>.geojson`` and ``/geo/commune/<departement>.geojson`` are built once per
worker (in memory, gzipped), sent with an ETag, and revalidate to ``304 Not Modified``.
URLs carry ``?v=<version of the data>``: with the current version the response is
``immutable`` for a year; without it, clients revalidate every time.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
from dataclasses import dataclass

from flask import Flask, Response, abort, request

from atlas.vocabulary import EXPORT_LEVEL_CODES

from .data import Warehouse
from .downloads import register_downloads
from .geometry import LEVELS, level_geojson_bytes
from .templates import register_templates

__all__ = ["GeometryCache", "geo_url", "export_url", "register_routes", "page_status", "EXPORT_LEVELS"]

_IMMUTABLE = "public, max-age=31536000, immutable"
_REVALIDATE = "public, no-cache"


@dataclass(frozen=True)
class GeoAsset:
    gz: bytes
    size: int  # bytes once decompressed
    etag: str


class GeometryCache:
    """Gzipped GeoJSON per level (and per département for communes), built on first use."""

    def __init__(self, warehouse: Warehouse):
        self.warehouse = warehouse
        self._assets: dict[tuple[str, str | None], GeoAsset] = {}
        self._lock = threading.Lock()

    def get(self, level: str, departement: str | None = None) -> GeoAsset:
        key = (self.warehouse.version, level, departement)  # a new publication, new assets
        asset = self._assets.get(key)
        if asset is None:
            with self._lock:
                asset = self._assets.get(key)
                if asset is None:
                    cursor = self.warehouse.cursor()
                    try:
                        raw = level_geojson_bytes(cursor, level, departement)
                    finally:
                        cursor.close()
                    digest = hashlib.blake2b(raw, digest_size=12).hexdigest()
                    asset = GeoAsset(gzip.compress(raw, 9, mtime=0), len(raw), f'"{digest}"')
                    self._assets = {k: v for k, v in self._assets.items() if k[0] == key[0]}
                    self._assets[key] = asset
        return asset


def geo_url(warehouse: Warehouse, level: str, departement: str | None = None) -> str:
    """URL of the display geometry of ``level`` (communes of one ``departement`` if given)."""
    path = f"/geo/commune/{departement}.geojson" if departement else f"/geo/{level}.geojson"
    return f"{path}?v={warehouse.version}"


def _send(asset: GeoAsset, warehouse: Warehouse) -> Response:
    immutable = request.args.get("v") == warehouse.version
    headers = {
        "ETag": asset.etag,
        "Cache-Control": _IMMUTABLE if immutable else _REVALIDATE,
        "Vary": "Accept-Encoding",
    }
    if asset.etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        return Response(status=304, headers=headers)
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        body = asset.gz
        headers["Content-Encoding"] = "gzip"
    else:
        body = gzip.decompress(asset.gz)
    return Response(body, status=200, headers=headers, mimetype="application/geo+json")


#: Levels whose snapshot can be exported.
EXPORT_LEVELS = EXPORT_LEVEL_CODES


def export_url(level: str, code: str, fmt: str) -> str:
    """Download URL of a territory's snapshot in one format."""
    return f"/exporter/{level}/{code}/{fmt}"


_PAGE_RE = re.compile(r"^/(commune|departement|region)/([^/]+)/?$")
_MESURE_RE = re.compile(r"^/mesures/([^/]+)/?$")
_KNOWN_PATHS = {"/", "/mesures", "/methodologie", "/recherche", "/sources", "/donnees"}


def page_status(warehouse: Warehouse, path: str) -> int:
    """HTTP status of a page URL: 404 for an unknown territory or page, else 200."""
    if path in _KNOWN_PATHS or path.rstrip("/") in _KNOWN_PATHS:
        return 200
    match = _PAGE_RE.match(path)
    if match and warehouse.exists(match.group(1), match.group(2)):
        return 200
    match = _MESURE_RE.match(path)
    if match and match.group(1) in set(warehouse.measures["id"]):
        return 200
    return 404


def register_routes(server: Flask, warehouse: Warehouse, url_base: str = "/") -> GeometryCache:
    cache = GeometryCache(warehouse)

    @server.route("/geo/<niveau>.geojson")
    def geo_level(niveau: str):
        if niveau not in LEVELS:
            abort(404)
        return _send(cache.get(niveau), warehouse)

    @server.route("/geo/commune/<departement>.geojson")
    def geo_communes(departement: str):
        if not warehouse.exists("departement", departement):
            abort(404)
        return _send(cache.get("commune", departement), warehouse)

    register_downloads(server, warehouse)
    register_templates(server, warehouse)

    @server.after_request
    def status_of_pages(response: Response) -> Response:
        # Dash serves its single-page index for every path; give a missing territory or
        # page its real status (the page itself says "introuvable" in French).
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.mimetype == "text/html"
            and not request.path.startswith(("/_dash", "/assets", "/_favicon", "/importer", "/connexion"))
        ):
            response.status_code = page_status(warehouse, request.path)
        return response

    return cache
