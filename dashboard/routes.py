"""Flask routes beside the Dash pages: display geometry as static, cacheable files, and
the HTTP status of pages whose territory does not exist.

``/geo/<niveau>.geojson``, ``/geo/commune/<departement>.geojson`` and
``/geo/epci/<siren>/communes.geojson`` (the communes of one EPCI, whatever their département:
the map of the EPCI card) are built once per worker (in memory, gzipped), sent with an ETag,
and revalidate to ``304 Not Modified``;
``/geo/france/<niveau>.geojson`` is the same level with the overseas départements moved
into boxes beside metropolitan France (the France-wide map: one map, no inset maps).
``/tuiles/<niveau>/<z>/<x>/<y>.pbf`` are the vector tiles of the France-wide map of a level
of :data:`tiles.TILE_LEVELS` (see ``dashboard/tiles.py``).
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

from .compression import etag_matches
from .data import Warehouse
from .downloads import register_downloads
from .geometry import FRANCE_TOLERANCE, LEVELS, OUTRE_MER, frame_id, level_geojson_bytes, relocate, simplify
from .templates import register_templates
from .tiles import TILE_LEVELS, TileCache, in_range

__all__ = ["GeometryCache", "geo_url", "tile_url", "overseas_departements", "export_url", "fiche_url", "register_routes",
           "page_status", "EXPORT_LEVELS"]

_IMMUTABLE = "public, max-age=31536000, immutable"
_REVALIDATE = "public, no-cache"


@dataclass(frozen=True)
class GeoAsset:
    gz: bytes
    size: int  # bytes once decompressed
    etag: str


class GeometryCache:
    """Gzipped GeoJSON per level (and per département or per EPCI for communes), built on first use."""

    def __init__(self, warehouse: Warehouse):
        self.warehouse = warehouse
        self._assets: dict[tuple, GeoAsset] = {}
        self._lock = threading.Lock()

    def get(self, level: str, departement: str | None = None, france: bool = False,
            epci: str | None = None) -> GeoAsset:
        key = (self.warehouse.version, level, departement, france, epci)  # a new publication, new assets
        asset = self._assets.get(key)
        if asset is None:
            with self._lock:
                asset = self._assets.get(key)
                if asset is None:
                    cursor = self.warehouse.cursor()
                    try:
                        raw = level_geojson_bytes(cursor, level, departement, epci)
                    finally:
                        cursor.close()
                    if france and level == "commune":
                        raw = simplify(raw, FRANCE_TOLERANCE)
                    if france:
                        extents = {code: self.warehouse.extents[("departement", code)] for code in OUTRE_MER
                                   if ("departement", code) in self.warehouse.extents}
                        raw = relocate(raw, overseas_departements(self.warehouse, level), extents)
                    digest = hashlib.blake2b(raw, digest_size=12).hexdigest()
                    asset = GeoAsset(gzip.compress(raw, 9, mtime=0), len(raw), f'"{digest}"')
                    self._assets = {k: v for k, v in self._assets.items() if k[0] == key[0]}
                    self._assets[key] = asset
        return asset


def overseas_departements(warehouse: Warehouse, level: str) -> dict[str, str]:
    """Territories of ``level`` that lie in an overseas département: code → département."""
    frame = warehouse.territories
    communes = frame[(frame["niveau"] == "commune") & frame["departement"].isin(OUTRE_MER)]
    if level == "commune":
        return dict(zip(communes["code"], communes["departement"]))
    if level == "epci":
        return dict(zip(communes["epci"].dropna(), communes["departement"][communes["epci"].notna()]))
    departements = frame[(frame["niveau"] == "departement") & frame["code"].isin(OUTRE_MER)]
    if level == "departement":
        return dict(zip(departements["code"], departements["code"]))
    return dict(zip(departements["region"], departements["code"]))


def geo_url(warehouse: Warehouse, level: str, departement: str | None = None, france: bool = False,
            epci: str | None = None) -> str:
    """URL of the display geometry of ``level`` (communes of one ``departement``, or of one
    ``epci``, if given; ``france``: with the overseas départements in boxes beside the mainland)."""
    if epci:
        path = f"/geo/epci/{epci}/communes.geojson"
    elif departement:
        path = f"/geo/commune/{departement}.geojson"
    else:
        path = f"/geo/france/{level}.geojson" if france else f"/geo/{level}.geojson"
    return f"{path}?v={warehouse.version}"


def tile_url(warehouse: Warehouse, level: str) -> str:
    """URL template (``{z}``, ``{x}``, ``{y}``) of the vector tiles of the France-wide map of ``level``."""
    return f"/tuiles/{level}/{{z}}/{{x}}/{{y}}.pbf?v={warehouse.version}"


def _send(asset: GeoAsset, warehouse: Warehouse, mimetype: str = "application/geo+json") -> Response:
    immutable = request.args.get("v") == warehouse.version
    headers = {
        "ETag": asset.etag,
        "Cache-Control": _IMMUTABLE if immutable else _REVALIDATE,
        "Vary": "Accept-Encoding",
    }
    if etag_matches(asset.etag, request.headers.get("If-None-Match", "")):
        return Response(status=304, headers=headers)
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        body = asset.gz
        headers["Content-Encoding"] = "gzip"
    else:
        body = gzip.decompress(asset.gz)
    return Response(body, status=200, headers=headers, mimetype=mimetype)


#: Levels whose snapshot can be exported.
EXPORT_LEVELS = EXPORT_LEVEL_CODES


def export_url(level: str, code: str, fmt: str) -> str:
    """Download URL of a territory's snapshot in one format."""
    return f"/exporter/{level}/{code}/{fmt}"


def fiche_url(code: str) -> str:
    """Download URL of a commune's one-page fiche (PDF)."""
    return f"/exporter/commune/{code}/fiche.pdf"


_PAGE_RE = re.compile(r"^/(commune|epci|departement|region)/([^/]+)/?$")
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


def register_routes(server: Flask, warehouse: Warehouse, url_base: str = "/") -> tuple[GeometryCache, TileCache]:
    cache = GeometryCache(warehouse)

    @server.route("/geo/<niveau>.geojson")
    def geo_level(niveau: str):
        if niveau not in LEVELS:
            abort(404)
        return _send(cache.get(niveau), warehouse)

    @server.route("/geo/france/<niveau>.geojson")
    def geo_france(niveau: str):
        if niveau not in LEVELS:
            abort(404)
        return _send(cache.get(niveau, france=True), warehouse)

    @server.route("/geo/commune/<departement>.geojson")
    def geo_communes(departement: str):
        if not warehouse.exists("departement", departement):
            abort(404)
        return _send(cache.get("commune", departement), warehouse)

    @server.route("/geo/epci/<siren>/communes.geojson")
    def geo_epci_communes(siren: str):
        # the SIREN only selects a known EPCI: it reaches the query as a parameter, never a path
        if not warehouse.exists("epci", siren):
            abort(404)
        return _send(cache.get("commune", epci=siren), warehouse)

    tiles = TileCache(lambda level: gzip.decompress(cache.get(level, france=True).gz), lambda: warehouse.version,
                      {frame_id(code) for code in OUTRE_MER})

    @server.route("/tuiles/<niveau>/<int:z>/<int:x>/<int:y>.pbf")
    def tile(niveau: str, z: int, x: int, y: int):
        if niveau not in TILE_LEVELS or not in_range(z, x, y):
            abort(404)
        gz, etag = tiles.get(niveau, z, x, y)
        return _send(GeoAsset(gz, 0, etag), warehouse, "application/vnd.mapbox-vector-tile")

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

    return cache, tiles
