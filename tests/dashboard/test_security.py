"""Security headers, allowed hosts and body limit of the dashboard; its CSP in a real browser."""

from __future__ import annotations

import pytest

from dashboard.security import HOSTS_ENV, MAX_BODY_BYTES, allowed_hosts, is_loopback
from tests.support.small_warehouse import COMMUNES

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


@pytest.fixture(scope="module")
def client(small_run):
    """A test client of the app as ``create_app`` builds it (no allowed hosts configured)."""
    from dashboard.app import create_app

    return create_app(small_run.db_path).server.test_client()


def _csp(headers) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in headers["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", ["/", "/mesures", f"/commune/{COMMUNES[0].code}", "/commune/00000", "/_dash-layout",
                                  "/_dash-dependencies", "/geo/region.geojson", "/n-existe-pas"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    for name, value in HEADERS.items():
        assert response.headers[name] == value, name
    policy = _csp(response.headers)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP on loopback: nothing forced
    assert response.status_code != 302


def _inline_scripts_allowed(response) -> None:
    import base64
    import hashlib
    import re

    page = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S)  # IE-only comment
    inline = [body for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
              if "src=" not in attributes and "application/json" not in attributes]
    assert inline, "Dash rend au moins son script de démarrage dans la page"
    allowed = set(_csp(response.headers)["script-src"])
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_script_src_allows_exactly_the_inline_scripts_of_the_page(client):
    _inline_scripts_allowed(client.get("/"))


def test_the_policy_follows_dash_even_when_a_process_starts_with_a_refused_request(small_run, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv(HOSTS_ENV, "atlas.example")
    client = create_app(small_run.db_path).server.test_client()  # a fresh process's first requests:
    assert client.get("/", headers={"Host": "ailleurs.example"}).status_code == 400  # runs no Dash hook
    _inline_scripts_allowed(client.get("/", headers={"Host": "atlas.example"}))


def test_page_does_not_tell_the_versions(client):
    import json
    import re
    import sys

    import dash
    import plotly

    page = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page, re.S)[1])
    assert not {"dash_version", "python_version", "plotly_version"} & set(config)
    assert config["disable_version_check"] is True
    assert sys.version not in page and sys.version.split()[0] not in page
    assert f'"{plotly.__version__}"' not in page and f'"{dash.__version__}"' not in page


def test_body_over_the_limit_gets_413_from_the_app(client):
    response = client.post("/_dash-update-component", data=b" " * (MAX_BODY_BYTES + 1),
                           content_type="application/json")
    assert response.status_code == 413


def test_allowed_hosts_from_the_environment():
    assert allowed_hosts({"TERRITOIRES_HOTES_AUTORISES": " Atlas.example ,, localhost "}) == ["atlas.example",
                                                                                               "localhost"]
    assert allowed_hosts({}) == []


@pytest.mark.parametrize("host, expected", [("127.0.0.1", True), ("127.8.0.3", True), ("::1", True),
                                            ("localhost", True), ("0.0.0.0", False), ("192.0.2.10", False),
                                            ("atlas.example", False)])
def test_loopback_addresses(host, expected):
    assert is_loopback(host) is expected


def test_hosts_checked_when_configured(small_run, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv(HOSTS_ENV, "atlas.example")
    client = create_app(small_run.db_path).server.test_client()
    assert client.get("/mesures", headers={"Host": "atlas.example"}).status_code == 200
    assert client.get("/mesures", headers={"Host": "atlas.example:8050"}).status_code == 200
    refused = client.get("/mesures", headers={"Host": "ailleurs.example"})
    assert refused.status_code == 400
    assert refused.headers["X-Frame-Options"] == "DENY"


# ---------------------------------------------------------------- the CSP in Chromium

@pytest.fixture(scope="module")
def logging_browser():
    from tests.chromium import chromium_driver

    driver = chromium_driver(console_log=True)
    yield driver
    driver.quit()


def _map_drawn(browser) -> bool:
    return browser.execute_script(
        "var gd = document.querySelector('.js-plotly-plot');"
        "if (!gd || !gd.data || !gd.data[0] || !gd._fullLayout.map) return false;"
        "var map = gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;"
        "return !!(map && map.loaded() && gd.querySelector('canvas'));"
    )


def _violations(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser")
            if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]]


@pytest.mark.integration  # needs Chromium
@pytest.mark.parametrize("path, text", [("/", "Régions de France"), (f"/commune/{COMMUNES[0].code}", COMMUNES[0].nom)])
def test_no_csp_violation_in_the_browser(served, logging_browser, path, text):
    """The real server's pages render (map drawn by MapLibre) with nothing refused by the CSP."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    logging_browser.get_log("browser")  # drop what earlier pages logged
    from selenium.common.exceptions import TimeoutException

    logging_browser.get(served + path)
    try:
        WebDriverWait(logging_browser, 60).until(lambda b: text in b.find_element(By.TAG_NAME, "main").text)
    except TimeoutException:  # say what the page showed and what the browser logged
        shown = logging_browser.execute_script("return document.body ? document.body.innerText : ''")[:500]
        pytest.fail(f"« {text} » absent après 60 s ; page : {shown!r} ; journal : {logging_browser.get_log('browser')}")
    if path == "/":
        WebDriverWait(logging_browser, 60).until(_map_drawn)
    assert _violations(logging_browser) == []


def test_a_fresh_process_serves_at_once_the_scripts_another_one_put_in_the_page(small_run):
    """Behind several server processes, the page and its scripts may come from different ones,
    and a browser asks for every script at once: a process that had served nothing answered
    some of these first, concurrent requests 404 (Dash records its files during the first
    request it serves, while the others already look them up)."""
    import re
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.app import create_app

    page = create_app(small_run.db_path).server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="(/_dash-component-suites/[^"]+)"', page)
    assert scripts
    other = create_app(small_run.db_path).server  # has served no visitor yet

    def fetch(src):
        return other.test_client().get(src).status_code

    with ThreadPoolExecutor(len(scripts)) as pool:
        assert list(pool.map(fetch, scripts)) == [200] * len(scripts)
