"""What a map page costs in the browser: when the map is painted, what crossed the network,
which map sources were built. Shared by ``bench/browser.py`` and the browser tests.

*Painted* means: Plotly emitted ``plotly_afterplot`` for a figure whose first trace is the
expected one (Plotly emits it once every map subplot's promise has resolved: the traces'
GeoJSON fetched, then a maplibre ``render`` with ``map.loaded()``), and every map subplot is
then loaded with its tiles (``map.loaded()`` and ``map.areTilesLoaded()``: the sources that
maplibre fetches by URL itself, which Plotly does not wait for, are loaded too) and holds
a source with features (a trace whose geometry Plotly gave up waiting for leaves its map
empty, yet Plotly still emits ``plotly_afterplot``). Times are
read in the page (``performance.now()``, milliseconds since the navigation started).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

__all__ = ["HOOK", "install_hook", "painted", "map_sources", "layer_urls", "Network", "network", "drain", "plot_key"]

GRAPH = "#carte .js-plotly-plot"

#: Installed before any page script (DevTools ``Page.addScriptToEvaluateOnNewDocument``): records
#: every ``plotly_afterplot`` of the map with the first trace's name, length and first location.
HOOK = """
window.__carte = [];
(function attach() {
    var gd = document.querySelector('%s');
    if (!gd || !gd.on) { return setTimeout(attach, 20); }
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
            if state["ready"]:
                return state["now"] if waited else event["t"]
            waited = True
        time.sleep(0.025)
    raise TimeoutError("la carte n'a pas été peinte")


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
