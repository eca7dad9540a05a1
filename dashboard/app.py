"""Dash application factory."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import Dash, html

from .data import get_warehouse, set_default

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app(db_path: str | Path | None = None) -> Dash:
    """Build the Dash app over the warehouse at ``db_path`` (read-only)."""
    warehouse = get_warehouse(db_path)
    set_default(warehouse.path)
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(Path(__file__).parent / "pages"),
        assets_folder=str(ASSETS),
        title="Atlas des alliances territoriales",
        update_title=None,
        suppress_callback_exceptions=True,
    )
    app.server.config["WAREHOUSE"] = warehouse
    app.layout = html.Div(
        [
            html.Header(
                [
                    html.A("Atlas des alliances territoriales", href="/", className="brand"),
                    html.Span("co-construction territoriale et alliances d'intérêt général", className="tagline"),
                ],
                className="site-header",
            ),
            html.Main(dash.page_container, className="content"),
        ],
        lang="fr",
    )
    return app
