"""The State programmes in Debian's headless Chromium, on the warehouse built with the ANCT
files: the commune card at desktop (1440 px) and phone (390 px) widths, and the map's
« Programmes » layer from its address. Screenshots are kept in the test's folder."""

from __future__ import annotations

import pytest

from tests.support.app_server import served_app

pytestmark = pytest.mark.integration  # needs Chromium

WAIT = 40


@pytest.fixture(scope="module")
def server(small_public_run):
    with served_app(small_public_run.db_path) as url:
        yield url


@pytest.fixture(scope="module")
def busiest(small_public_db):
    """The commune with the most programmes, and their labels."""
    code = small_public_db.execute("SELECT commune FROM programme_commune GROUP BY commune "
                                   "ORDER BY count(DISTINCT programme) DESC, commune LIMIT 1").fetchone()[0]
    labels = [l for (l,) in small_public_db.execute(
        "SELECT DISTINCT p.libelle FROM programme_commune pc JOIN programme p ON p.code = pc.programme "
        "WHERE pc.commune = ?", [code]).fetchall()]
    return code, labels


def _wait(browser, script: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT).until(lambda d: d.execute_script(script))


@pytest.mark.parametrize("width", [1440, 390])
def test_the_commune_card_shows_its_programmes_at_desktop_and_phone_width(server, browser, busiest, width, tmp_path):
    code, labels = busiest
    browser.set_window_size(width, 1000)
    browser.get(f"{server}/commune/{code}")
    _wait(browser, "return document.querySelectorAll('#bloc-programmes .badge.programme').length > 0")
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#bloc-programmes .badge.programme')).map(b => b.textContent)")
    assert sorted(shown) == sorted(labels)
    # every badge and contract line stays inside its block (nothing cut at phone width)
    overflow = browser.execute_script(
        "var block = document.querySelector('#bloc-programmes').getBoundingClientRect();"
        "return Array.from(document.querySelectorAll('#bloc-programmes .badge, #bloc-programmes li'))"
        ".filter(e => e.getBoundingClientRect().right > block.right + 1).length;")
    assert overflow == 0
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    browser.execute_script("document.querySelector('#bloc-programmes').scrollIntoView()")
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(width, min(height + 100, 6000))
    assert browser.save_screenshot(str(tmp_path / f"fiche-commune-{code}-{width}.png"))


def test_the_map_shows_a_programme_from_its_address(server, browser, small_public_db):
    inside = {c for (c,) in small_public_db.execute(
        "SELECT commune FROM programme_commune WHERE programme = 'pvd'").fetchall()}
    in_22 = {c for (c,) in small_public_db.execute("SELECT code FROM commune WHERE departement = '22'").fetchall()}
    browser.set_window_size(1440, 1000)
    browser.get(f"{server}/#couche=programmes&programme=pvd&departement=22")
    _wait(browser, "var gd = document.querySelector('#carte .js-plotly-plot');"
                   "return gd && gd.data && gd.data[0] && gd.data[0].customdata && gd.data[0].customdata.length > 0")
    labels = browser.execute_script(
        "var t = document.querySelector('#carte .js-plotly-plot').data[0];"
        "var out = {}; for (var i = 0; i < t.locations.length; i++) { out[t.locations[i]] = t.customdata[i]; }"
        "return out;")
    assert {c for c, label in labels.items() if label == "Petites villes de demain"} == inside & in_22
    assert set(labels) == in_22
    assert "Petites villes de demain" in browser.find_element("css selector", "#carte-programme").text
