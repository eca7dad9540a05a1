"""What the map page starts downloading from its ``<head>``, before Dash's scripts have run.

On the home page (``/``) the map's figure arrives after three round trips (Dash's layout,
the page's content, the map callback) and Plotly's script only once the graph exists.
The server knows the data version, hence the URLs of the geometry of every France-wide
view: the page carries them (``<script type="application/json" id="atlas-precharge">``)
and a small inline script (:data:`SCRIPT`, allowed by its hash in the page's CSP) fetches
and parses the geometry of the view the URL fragment names, into ``window.atlasPrecharge``
(URL → promise of the parsed GeoJSON, or null), where ``assets/carte.js`` takes it: still
one request and one parse per geometry. Plotly's script is preloaded
(``<link rel=preload>``) for the graph to find it downloaded.
"""

from __future__ import annotations

import base64
import hashlib
import json

from flask import has_request_context, request

from .data import Warehouse
from .labels import NIVEAUX
from .mapstate import MapState
from .plotly_bundle import PLOTLY_PATH

__all__ = ["SCRIPT", "script_hash", "geometry_urls", "head_tags"]

#: Reads the URLs of ``#atlas-precharge`` and fetches those of the view named by the URL
#: fragment (France-wide views only: a drill-down's URLs are left to the map's figure).
SCRIPT = (
    "(function () {"
    "var node = document.getElementById('atlas-precharge'), p = new URLSearchParams(location.hash.slice(1));"
    "if (!node || !window.fetch || p.get('region') || p.get('departement')"
    " || (p.get('vue') || 'metropole') !== 'metropole') { return; }"
    "var data = JSON.parse(node.textContent), urls = data.echelles[p.get('echelle')] || data.echelles[data.defaut];"
    "window.atlasPrecharge = {};"
    "urls.forEach(function (url) {"
    " window.atlasPrecharge[url] = fetch(url, {credentials: 'same-origin'})"
    ".then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });"
    "});"
    "})();"
)


def script_hash() -> str:
    """The CSP source allowing :data:`SCRIPT`."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii") + "'"


_urls: dict[tuple, dict[str, list[str]]] = {}


def geometry_urls(warehouse: Warehouse) -> dict[str, list[str]]:
    """For each level of the France-wide map, the geometry URLs its figure uses (kept per data version)."""
    from .mapview import map_figure_for  # the map's own builder: the URLs are the figure's

    key = warehouse.cache_key
    if key not in _urls:
        urls = {}
        for level in NIVEAUX:
            traces = map_figure_for(MapState(echelle=level), warehouse)["data"]
            found = [t["geojson"] for t in traces if isinstance(t.get("geojson"), str)]
            urls[level] = list(dict.fromkeys(found))
        _urls.clear()
        _urls[key] = urls
    return _urls[key]


def head_tags(warehouse: Warehouse, prefix: str) -> str:
    """The tags the home page's ``<head>`` carries (empty for any other page)."""
    if not has_request_context() or request.path != prefix:
        return ""
    data = json.dumps({"defaut": MapState().echelle, "echelles": geometry_urls(warehouse)}).replace("<", "\\u003c")
    return (f'<link rel="preload" as="script" href="{prefix}{PLOTLY_PATH}">'
            f'<script type="application/json" id="atlas-precharge">{data}</script><script>{SCRIPT}</script>')
