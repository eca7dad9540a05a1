"""The Dash app over a warehouse, served by werkzeug in a thread on a free loopback port,
for the browser tests (Selenium drives Debian's Chromium against it)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

__all__ = ["served_app"]


@contextlib.contextmanager
def served_app(db_path: str | Path) -> Iterator[str]:
    """Serve the dashboard over ``db_path`` while the block runs; yields its base URL."""
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    app = create_app(db_path)
    httpd = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(10)
