"""Production serving under gunicorn: several workers, each with its own read-only warehouse."""

from __future__ import annotations

import threading
from pathlib import Path

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict, db_path: Path):
        self.options = options
        self.db_path = db_path
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from .app import create_app

        app = create_app(self.db_path)
        warm_up(app)
        return app.server


def warm_up(app) -> threading.Thread:
    """Build this worker's caches (display geometry, map layers, search) in the background,
    so that the first visitor does not wait for them."""

    def run():
        from .data import get_warehouse
        from .labels import COUCHES, NIVEAUX
        from .mapview import national_layer

        warehouse = get_warehouse()
        cache = app.server.config["GEOMETRY"]
        for level in NIVEAUX:
            cache.get(level)
            for couche in COUCHES:
                national_layer(warehouse, level, couche)
        warehouse.search_index

    thread = threading.Thread(target=run, name="prechauffage", daemon=True)
    thread.start()
    return thread


def serve_gunicorn(host: str, port: int, workers: int, db_path: Path) -> None:
    """Run the dashboard on ``host:port`` with ``workers`` gunicorn workers."""
    options = {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-", "timeout": 120}
    _Gunicorn(options, db_path).run()


def wsgi_app():
    """WSGI callable for an external gunicorn: ``gunicorn 'dashboard.server:wsgi_app()'``."""
    from .app import create_app

    return create_app().server
