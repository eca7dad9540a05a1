"""Dash application factory."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import Dash, html

from atlas.vocabulary import DEMO_TITLE

from . import guard
from .data import get_warehouse, set_default
from .security import secure

ASSETS = Path(__file__).resolve().parent.parent / "assets"


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
    )
    components.register_callbacks(app)
    guard.install(app)
    app.server.config["WAREHOUSE"] = warehouse
    app.server.config["GEOMETRY"] = register_routes(app.server, warehouse)
    app.layout = html.Div(
        [
            components.header(warehouse.is_demo),
            html.Main(dash.page_container, className="content"),
            html.Footer(
                [
                    "Atlas des alliances territoriales — limites administratives INSEE/IGN (Licence Ouverte 2.0). ",
                    f"{DEMO_TITLE} signalées comme telles." if warehouse.is_demo else "",
                ],
                className="site-footer",
            ),
        ],
        lang="fr",
    )
    secure(app)
    return app
