"""The pages' plotly.js, reduced to the traces the atlas draws.

Dash's graph loads plotly.js from ``/_dash-component-suites/plotly/package_data/plotly.min.js``
(the full library, 4.8 MB: 3D, financial and WebGL traces the atlas never draws). Parsing and
running it is most of a page's start-up in a browser without a warm cache. ``make`` builds a
bundle of the same plotly.js version with only Plotly's core (scatter, shapes, axes, colour
bars) and :data:`TRACES`, from npm with esbuild (``dashboard/bundle/build_plotly.js``), into
:func:`bundle_path`; when it is there, the server answers that URL with it (about 3 MB, a third
less to parse). When it is not (no ``npm`` on the machine), Dash's full plotly.js is served:
same pages, slower start.

    python -m dashboard.plotly_bundle version   # the plotly.js version to fetch from npm
    python -m dashboard.plotly_bundle traces    # the traces to build in
    python -m dashboard.plotly_bundle path      # where the bundle goes
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from flask import Flask, Response, request

from .compression import etag_matches

__all__ = ["TRACES", "PLOTLY_PATH", "plotlyjs_version", "bundle_path", "register"]

#: Trace types the dashboard's figures use beyond ``scatter`` (always in Plotly's core).
TRACES = ("choroplethmap", "bar")
#: Where Dash's graph component fetches plotly.js (``serve_locally``), after the URL prefix.
PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"


def plotlyjs_version() -> str:
    """The plotly.js version the installed Python ``plotly`` writes its figures for."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def bundle_path(version: str | None = None) -> Path:
    """The reduced bundle of plotly.js ``version`` (default: the installed one), in this
    environment's ``share/atlas`` (``.venv/share/atlas`` for ``make``)."""
    return Path(sys.prefix) / "share" / "atlas" / f"plotly-{version or plotlyjs_version()}-atlas.min.js"


def register(server: Flask, prefix: str = "/") -> Path | None:
    """Serve the reduced bundle at Dash's plotly.js URL, if it was built for the installed
    plotly; return its path (``None``: Dash's full plotly.js is served)."""
    path = bundle_path()
    if not path.is_file():
        return None
    body = path.read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

    def plotly_js() -> Response:
        headers = {"ETag": etag, "Cache-Control": "no-cache"}  # same URL for every version: revalidated
        if etag_matches(etag, request.headers.get("If-None-Match", "")):
            return Response(status=304, headers=headers)
        return Response(body, headers=headers, mimetype="text/javascript")

    # a static rule: Werkzeug prefers it to Dash's ``<package_name>/<path:…>`` rule for this URL
    server.add_url_rule(prefix + PLOTLY_PATH, "atlas_plotly_js", plotly_js, methods=["GET"])
    return path


def main(argv: list[str] | None = None) -> int:
    what = (argv if argv is not None else sys.argv[1:]) or ["path"]
    answers = {"version": plotlyjs_version, "traces": lambda: " ".join(TRACES), "path": lambda: str(bundle_path())}
    if what[0] not in answers:
        print(f"usage: python -m dashboard.plotly_bundle {{{'|'.join(answers)}}}", file=sys.stderr)
        return 2
    print(answers[what[0]]())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
