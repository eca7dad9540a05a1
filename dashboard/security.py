"""HTTP hardening of the dashboard: security headers, request size limit, allowed hosts.

Headers come from flask-talisman on every Flask response: a Content-Security-Policy that
allows only this origin's scripts plus the hashes of Dash's own inline scripts
(``Dash.csp_hashes``), ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and
``frame-ancestors 'none'``, ``Referrer-Policy``; the page's configuration leaves out the
Python, Dash and Plotly versions. HTTPS is not forced: the server listens on
loopback or behind a proxy that terminates TLS.

``style-src`` keeps ``'unsafe-inline'``: Dash components and Plotly set ``style``
attributes and inject ``<style>`` elements at run time, which hashes cannot cover.
"""

from __future__ import annotations

import ipaddress
import os

from dash import Dash
from flask_talisman import Talisman

from . import prefetch

__all__ = ["MAX_BODY_BYTES", "HOSTS_ENV", "secure", "complete_policy", "content_security_policy", "allowed_hosts", "is_loopback", "hide_versions"]

MAX_BODY_BYTES = 1024 * 1024
"""Largest request body accepted (1 MiB); the dashboard's callbacks send a few kilobytes."""

HOSTS_ENV = "TERRITOIRES_HOTES_AUTORISES"
"""Environment variable: comma-separated host names the server answers to (empty: any)."""


def content_security_policy(app: Dash) -> dict[str, str | list[str]]:
    """The CSP of ``app``: call it once every callback (clientside ones too) is registered."""
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes(), prefetch.script_hash()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "worker-src": ["'self'", "blob:"],
        "child-src": ["'self'", "blob:"],
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def allowed_hosts(environ: dict | None = None) -> list[str]:
    """Host names listed in ``$TERRITOIRES_HOTES_AUTORISES`` (lower case, without blanks)."""
    value = (environ if environ is not None else os.environ).get(HOSTS_ENV, "")
    return [host.strip().lower() for host in value.split(",") if host.strip()]


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_VERSION_KEYS = ("dash_version", "python_version", "plotly_version", "ddk_version", "dash_version_url")


def hide_versions(app: Dash) -> None:
    """Leave the Python, Dash and Plotly versions out of the page's ``_dash-config``.

    Dash puts them there for its development tools' upgrade check, which is off here.
    What still shows a version: the fingerprints of Dash's asset URLs (``…v4_4_1m….js``),
    the favicon's ``?v=`` and the served JavaScript files themselves.
    """
    config = app._config

    def config_without_versions() -> dict:
        values = {key: value for key, value in config().items() if key not in _VERSION_KEYS}
        values["disable_version_check"] = True
        return values

    app._config = config_without_versions


def secure(app: Dash, hosts: list[str] | None = None) -> Talisman:
    """Add the security headers, the body size limit and the allowed hosts to ``app``.

    Dash adds one more inline script (its pages router's) during the first request it serves:
    call :func:`complete_policy` once the app has served a page (``dashboard.app.register_resources``).

    ``hosts`` (default: :func:`allowed_hosts`) non-empty: requests whose ``Host`` is not
    one of them get 400 (Flask's ``TRUSTED_HOSTS``).
    """
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    hide_versions(app)
    hosts = allowed_hosts() if hosts is None else hosts
    if hosts:
        server.config["TRUSTED_HOSTS"] = hosts
    talisman = Talisman(
        server,
        force_https=False,
        strict_transport_security=False,
        session_cookie_secure=False,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        content_security_policy=content_security_policy(app),
    )
    return talisman


def complete_policy(app: Dash, talisman: Talisman) -> None:
    """Allow the inline scripts Dash has now, once it has served its first page."""
    talisman.content_security_policy = content_security_policy(app)
