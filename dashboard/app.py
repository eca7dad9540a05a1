"""Dash application factory."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import dash
from dash import Dash, State, dcc, html

from . import guard, plotly_bundle, prefetch
from .compression import compress
from .data import get_warehouse, set_default
from .security import complete_policy, secure

ASSETS = Path(__file__).resolve().parent.parent / "assets"
#: Modules whose ``register(server, db_path)`` adds routes to the server, comma-separated:
#: ``territoires serve`` names ``importer.web`` (the dashboard never imports them itself).
EXTENSIONS_ENV = "TERRITOIRES_EXTENSIONS"


def create_app(db_path: str | Path | None = None) -> Dash:
    """Build the Dash app over the warehouse at ``db_path`` (read-only)."""
    warehouse = get_warehouse(db_path)
    set_default(warehouse.path)
    from . import components
    from .routes import register_routes

    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(Path(__file__).parent / "pages"),
        assets_folder=str(ASSETS),
        title="Atlas des alliances territoriales",
        update_title=None,
        suppress_callback_exceptions=True,
        # the URL fragment reaches the pages' layouts (the home page draws its map's state from it)
        routing_callback_inputs={"fragment": State("_pages_location", "hash")},
    )
    compress(app.server)  # pages, scripts and callback answers travel compressed
    plotly_bundle.register(app.server, app.config.routes_pathname_prefix)  # plotly.js with the atlas's traces only
    app.index_string = app.index_string.replace("<html>", '<html lang="fr">', 1)  # read aloud in French
    early_downloads(app, warehouse)
    components.register_callbacks(app)
    guard.install(app)
    app.server.config["WAREHOUSE"] = warehouse
    app.server.config["GEOMETRY"], app.server.config["TUILES"] = register_routes(app.server, warehouse)
    # a function: the banner and the footer follow a publication made while the server runs
    app.layout = lambda: page_frame(warehouse)
    talisman = secure(app)
    register_extensions(app.server, warehouse.path)  # after secure(): their cookie settings win
    register_resources(app)
    complete_policy(app, talisman)  # Dash completed its inline scripts while serving that page
    return app


def page_frame(warehouse) -> html.Div:
    """What every page shares: skip link, header (with the demo banner of the warehouse as
    published now), the page itself, and the footer."""
    from . import components

    warehouse.follow_publication()
    status = warehouse.demo_status
    return html.Div(
        [
            html.A("Aller au contenu", href="#contenu", className="lien-evitement"),
            components.header(status),
            html.Main(dash.page_container, className="content", id="contenu", tabIndex="-1"),
            html.Footer(
                [
                    "Atlas des alliances territoriales — limites administratives INSEE/IGN (Licence Ouverte 2.0). ",
                    f"{status.label()}. " if status.any else "",
                    dcc.Link("Sources des données", href="/sources"),
                ],
                className="site-footer",
            ),
        ],
        lang="fr",
    )


def early_downloads(app: Dash, warehouse) -> None:
    """The home page's ``<head>`` starts the map's downloads (see ``dashboard/prefetch.py``)."""
    interpolate = app.interpolate_index
    prefix = app.config.requests_pathname_prefix

    def interpolate_index(**parts) -> str:
        parts["metas"] = parts.get("metas", "") + prefetch.head_tags(warehouse, prefix)
        return interpolate(**parts)

    app.interpolate_index = interpolate_index


def register_extensions(server, db_path: Path) -> None:
    """Call ``register(server, db_path)`` of each module named by :data:`EXTENSIONS_ENV`."""
    for name in filter(None, (n.strip() for n in os.environ.get(EXTENSIONS_ENV, "").split(","))):
        importlib.import_module(name).register(server, db_path)


def register_resources(app: Dash) -> None:
    """Render the home page once, internally, so that this process serves Dash's script files.

    Dash records which script and style files it may serve while rendering a page, in the
    process that renders it. Behind a server of several processes, a browser that got the
    page from one process and asks another one for a script would be refused (404) and
    stay on « Loading… »; every process therefore renders a page before serving anyone.
    """
    trusted = app.server.config.get("TRUSTED_HOSTS") or ["localhost"]
    host = trusted[0] if not trusted[0].startswith(".") else "atlas" + trusted[0]
    app.server.test_client().get("/", headers={"Host": host})
