"""What a map page costs in the browser: when the map is painted, what crossed the network,
which map sources were built. Shared by ``bench/browser.py`` and the browser tests.

*Painted* means: Plotly emitted ``plotly_afterplot`` for a figure whose first trace is the
expected one (Plotly emits it once every map subplot's promise has resolved: the traces'
GeoJSON fetched, then a maplibre ``render`` with ``map.loaded()``), and every map subplot is
then loaded with its tiles (``map.loaded()`` and ``map.areTilesLoaded()``: the sources that
maplibre fetches by URL itself, which Plotly does not wait for, are loaded too) and holds
a source with features (a trace whose geometry Plotly gave up waiting for leaves its map
empty, yet Plotly still emits ``plotly_afterplot``). A figure drawn from vector tiles (France by
commune, ``meta.tuiles`` on its first trace, see ``assets/carte.js``) is painted once the graph
has also emitted ``atlas-tuiles`` for it: the tiles' source loaded, every tile loaded and
rendered (maplibre ``idle``) after the communes' colours were set; :func:`rendered_colour` reads
a drawn pixel back to check a commune's colour. Times are
read in the page (``performance.now()``, milliseconds since the navigation started).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

__all__ = ["HOOK", "install_hook", "painted", "map_sources", "layer_urls", "Network", "network", "drain", "plot_key",
           "rendered_colour", "expected_colour", "tile_urls"]

GRAPH = "#carte .js-plotly-plot"

#: Installed before any page script (DevTools ``Page.addScriptToEvaluateOnNewDocument``): records
#: every ``plotly_afterplot`` of the map with the first trace's name, length and first location.
HOOK = """
window.__carte = [];
window.__carteTuiles = [];
(function attach() {
    var gd = document.querySelector('%s');
    if (!gd || !gd.on) { return setTimeout(attach, 20); }
    gd.addEventListener('atlas-tuiles', function (e) { window.__carteTuiles.push({t: e.detail.t, key: e.detail.cle}); });
    gd.on('plotly_afterplot', function () {
        var t = gd._fullData && gd._fullData[0];
        window.__carte.push({t: performance.now(), key: t ? [t.name, t._length, t.locations && t.locations[0]].join('|') : ''});
    });
})();
""" % GRAPH

_STATE = """
var gd = document.querySelector('%s');
var out = {key: '', ready: false, now: performance.now()};
if (!gd || !gd._fullLayout) { return out; }
var t = gd._fullData && gd._fullData[0];
out.key = t ? [t.name, t._length, t.locations && t.locations[0]].join('|') : '';
var fl = gd._fullLayout, ids = (fl._subplots && fl._subplots.map) || [];
out.ready = ids.length > 0 && ids.every(function (id) {
    var s = fl[id]._subplot;
    if (!(s && s.map && s.map.loaded() && s.map.areTilesLoaded())) { return false; }
    var sources = s.map.getStyle().sources;  // a map whose geometry failed to load has none
    return Object.keys(sources).some(function (k) { var d = sources[k].data; return d && d.features && d.features.length; });
});
out.events = window.__carte || [];
out.tiles = !!(t && t.meta && t.meta.tuiles);
out.tileEvents = window.__carteTuiles || [];
return out;
""" % GRAPH


def install_hook(driver) -> None:
    """Record the map's ``plotly_afterplot`` events in every page this driver opens from now on."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})


def plot_key(driver) -> str:
    """Name, length and first location of the map's first trace (changes with the figure)."""
    return driver.execute_script(_STATE)["key"]


def painted(driver, since: float, *, differs_from: str | None = None, name: str | None = None,
            timeout: float = 120.0) -> float:
    """Milliseconds (page clock) at which the map was painted after ``since`` (page clock):
    the first ``plotly_afterplot`` after ``since`` for a non-empty figure (whose key differs
    from ``differs_from``, whose first trace is called ``name``), once every map is loaded."""
    deadline = time.monotonic() + timeout
    waited = False  # the figure was plotted but a map was still loading at an earlier look
    while time.monotonic() < deadline:
        state = driver.execute_script(_STATE)
        event = next((e for e in state.get("events", []) if _matches(e, since, differs_from, name)), None)
        if event is not None and state["key"] == event["key"]:
            if state["tiles"]:  # drawn once the tiles are, after that figure was plotted (every map loaded then)
                drawn = next((e for e in state["tileEvents"] if e["key"] == event["key"] and e["t"] >= event["t"]), None)
                if drawn and state["ready"]:
                    return drawn["t"]
            elif state["ready"]:
                return state["now"] if waited else event["t"]
            waited = True
        time.sleep(0.025)
    raise TimeoutError("la carte n'a pas été peinte")


def tile_urls(driver) -> list[str]:
    """URLs of the vector tiles the main map holds: maplibre fetches each once, in its worker,
    out of the page's network log."""
    return driver.execute_script(
        "var gd = document.querySelector('%s'), sub = gd._fullLayout.map && gd._fullLayout.map._subplot;"
        "var map = sub && sub.map, out = [];"
        "if (!map || !map.getSource('atlas-tuiles')) { return out; }"
        "var manager = map.style.tileManagers['atlas-tuiles'], template = map.getSource('atlas-tuiles').tiles[0];"
        "manager.getIds().forEach(function (id) { var c = manager.getTileByID(id).tileID.canonical;"
        "  out.push(template.replace('{z}', c.z).replace('{x}', c.x).replace('{y}', c.y)); });"
        "return Array.from(new Set(out));" % GRAPH)


def rendered_colour(driver, lon: float, lat: float) -> list[int]:
    """RGB of the pixel the main map draws at (``lon``, ``lat``), read back from its WebGL
    canvas within a render (the drawing buffer is cleared once the frame is shown)."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1], lon = arguments[0], lat = arguments[1];"
        "var map = document.querySelector('%s')._fullLayout.map._subplot.map;"
        "map.once('render', function () {"
        "  var gl = map.painter.context.gl, p = map.project([lon, lat]), ratio = window.devicePixelRatio || 1;"
        "  var pixel = new Uint8Array(4);"
        "  gl.readPixels(Math.round(p.x * ratio), Math.round(gl.drawingBufferHeight - p.y * ratio), 1, 1,"
        "                gl.RGBA, gl.UNSIGNED_BYTE, pixel);"
        "  done([pixel[0], pixel[1], pixel[2]]);"
        "});"
        "map.triggerRepaint();" % GRAPH, lon, lat)


def _rgb(colour: str) -> list[float]:
    if colour.startswith("#"):
        return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return [float(v) for v in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]


def expected_colour(driver, code: str) -> list[int] | None:
    """The RGB that the map's first trace gives territory ``code`` (its colour scale between
    its stops, at its opacity over the white background); None if ``code`` has no value."""
    trace = driver.execute_script(
        "var t = document.querySelector('%s')._fullData[0], i = Array.from(t.locations).indexOf(arguments[0]);"
        "return i < 0 ? null : {z: Number(t.z[i]), zmin: t.zmin, zmax: t.zmax, scale: t.colorscale,"
        "                       opacity: t.marker.opacity};" % GRAPH, code)
    if trace is None:
        return None
    span = trace["zmax"] - trace["zmin"]
    position = min(max((trace["z"] - trace["zmin"]) / span if span else 0.0, 0.0), 1.0)
    stops = trace["scale"]
    for (low, low_colour), (high, high_colour) in zip(stops, stops[1:]):
        if position <= high:
            weight = (position - low) / (high - low) if high > low else 1.0
            colour = [a + (b - a) * weight for a, b in zip(_rgb(low_colour), _rgb(high_colour))]
            break
    else:
        colour = _rgb(stops[-1][1])
    opacity = trace["opacity"]
    return [round(c * opacity + 255 * (1 - opacity)) for c in colour]


def _matches(event: dict, since: float, differs_from: str | None, name: str | None) -> bool:
    trace_name, length = (event["key"].split("|") + ["", ""])[:2]
    return (event["t"] >= since and length not in ("", "0")
            and (differs_from is None or event["key"] != differs_from)
            and (name is None or trace_name == name))


def map_sources(driver) -> list[dict]:
    """Every source of every map of the figure: its subplot, type, and URL if maplibre loads it itself."""
    return driver.execute_script(
        "var gd = document.querySelector('%s'); var fl = gd._fullLayout, out = [];"
        "((fl._subplots && fl._subplots.map) || []).forEach(function (id) {"
        "  var sources = fl[id]._subplot.map.getStyle().sources;"
        "  Object.keys(sources).forEach(function (k) {"
        "    var d = sources[k].data;"
        "    out.push({subplot: id, type: sources[k].type, url: typeof d === 'string' ? d : null,"
        "              features: d && d.features ? d.features.length : null});"
        "  });"
        "}); return out;" % GRAPH
    )


def layer_urls(driver) -> list[str]:
    """URLs given as ``source`` of the figure's map layers: maplibre fetches and parses each itself
    (in its worker, out of the page's network log)."""
    return driver.execute_script(
        "var fl = document.querySelector('%s')._fullLayout, out = [];"
        "((fl._subplots && fl._subplots.map) || []).forEach(function (id) {"
        "  (fl[id].layers || []).forEach(function (l) { if (typeof l.source === 'string') { out.push(l.source); } });"
        "}); return out;" % GRAPH
    )


@dataclass
class Network:
    """Requests seen by the browser (memory-cache hits included), and the bytes received."""

    requests: list[dict] = field(default_factory=list)
    bytes: int = 0

    def to(self, fragment: str) -> list[dict]:
        return [r for r in self.requests if fragment in r["url"]]


def drain(driver) -> None:
    """Forget the network events seen so far."""
    driver.get_log("performance")


def network(driver) -> Network:
    """Requests and received bytes since the last :func:`drain` or :func:`network` call."""
    result = Network()
    by_id: dict[str, dict] = {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            request = {"url": params["request"]["url"], "cache": False, "encoding": None, "status": None}
            by_id[params["requestId"]] = request
            result.requests.append(request)
        elif method == "Network.requestServedFromCache" and params["requestId"] in by_id:
            by_id[params["requestId"]]["cache"] = True
        elif method == "Network.responseReceived" and params["requestId"] in by_id:
            response = params["response"]
            headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
            request = by_id[params["requestId"]]
            request.update(status=response.get("status"), encoding=headers.get("content-encoding"),
                           cache_control=headers.get("cache-control"))
            if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
                request["cache"] = True
        elif method == "Network.loadingFinished":
            result.bytes += int(params.get("encodedDataLength", 0))
    return result
