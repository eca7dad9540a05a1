"""Every page of the dashboard in headless Chromium, on the demo warehouse of all France:
axe-core's WCAG 2.0/2.1 A and AA rules report nothing at desktop and phone widths; phones
and tablets get one column that fits the screen, the map's legend under the map; the
keyboard reaches what the map does through the table of the territories it shows."""

from __future__ import annotations

import re

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.axe import axe_violations, describe
from tests.chromium import chromium_driver
from tests.support.browser import every_page, open_rendered

WAIT = 60
#: (width, height, mobile) of the screens checked: desktop, tablet, phone.
SCREENS = {1440: (1440, 1000, False), 768: (768, 1024, True), 390: (390, 844, True)}


@pytest.fixture(scope="module")
def browser(server):
    driver = chromium_driver()
    yield driver
    driver.quit()


def _screen(browser, width: int) -> None:
    w, h, mobile = SCREENS[width]
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile})


@pytest.fixture(scope="module")
def pages(server, demo_db):
    return every_page()


@pytest.mark.parametrize("width", [1440, 390])
def test_no_page_breaks_a_wcag_21_aa_rule(server, browser, pages, width):
    _screen(browser, width)
    found = {}
    for path in pages:
        open_rendered(browser, server + path)
        violations = axe_violations(browser)
        if violations:
            found[path] = describe(violations)
    assert {"/", "/commune/29019", "/departement/29", "/region/53", "/mesures", "/methodologie"} <= set(pages)
    assert found == {}, "\n".join(f"{path} :\n{text}" for path, text in found.items())


def _rect(browser, selector: str) -> dict:
    rect = browser.execute_script(
        "var e = document.querySelector(arguments[0]); return e && e.getBoundingClientRect().toJSON();", selector)
    assert rect, f"{selector} absent"
    return rect


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("width", [768, 390])
def test_phones_and_tablets_get_one_column_that_fits_the_screen(server, browser, pages, width):
    _screen(browser, width)
    for path in pages:
        open_rendered(browser, server + path)
        scroll, inner = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
        assert scroll <= inner, f"{path} déborde à {width} px : {scroll} > {inner}"
    open_rendered(browser, server + "/")
    frame, plot = _rect(browser, ".carte-cadre"), _rect(browser, "#carte .js-plotly-plot .mapboxgl-canvas, #carte .js-plotly-plot .maplibregl-canvas")
    assert frame["width"] >= 0.9 * width, "la carte ne prend pas la largeur de l'écran"
    # the colour bar is folded away; the legend (HTML) comes under the map, then the territory's card
    assert browser.execute_script("return document.querySelectorAll('#carte .colorbar').length;") == 0
    legend, card = _rect(browser, "#carte-legende"), _rect(browser, "#carte-panneau")
    assert not _overlap(legend, plot) and legend["top"] >= frame["bottom"]
    assert card["top"] >= legend["bottom"]
    table = _rect(browser, "#carte-territoires .tableau-conteneur")
    assert table["right"] <= width  # a wide table scrolls inside its own box


def test_the_colour_bar_stays_beside_the_map_on_a_desktop(server, browser):
    _screen(browser, 1440)
    open_rendered(browser, server + "/")
    assert browser.execute_script("return document.querySelectorAll('#carte .colorbar').length;") == 1


def test_the_keyboard_reaches_what_the_map_does(server, browser, demo_db):
    _screen(browser, 1440)
    open_rendered(browser, server + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Aller au contenu"
    skip.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "contenu"
    assert browser.execute_script("return location.hash;") == ""  # the map's state is untouched
    # past the map (its controls are the mouse's), to the table of what it shows
    ActionChains(browser).send_keys(Keys.TAB).perform()
    for _ in range(20):
        if "saut-carte" in (browser.switch_to.active_element.get_attribute("class") or ""):
            break
        ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.is_displayed()
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "carte-territoires"
    rows = browser.find_elements(By.CSS_SELECTOR, "#carte-territoires tbody tr")
    assert len(rows) == demo_db.execute("SELECT count(*) FROM region").fetchone()[0]
    # sorted by the value column with the keyboard, twice: descending
    value_header = "#carte-territoires th:nth-child(3)"
    for order in ("ascending", "descending"):
        browser.find_element(By.CSS_SELECTOR, value_header + " button").send_keys(Keys.ENTER)
        # the table is rendered anew by the sort: a header found just before is then stale, look again
        WebDriverWait(browser, WAIT, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda _: browser.find_element(By.CSS_SELECTOR, value_header).get_attribute("aria-sort") == order)
    assert browser.switch_to.active_element.text == "Score de maturité"  # the focus stays on its header
    values = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "#carte-territoires td:nth-child(3)")]
    known = [int(re.match(r"\d+", v).group()) for v in values if v != "—"]
    assert known == sorted(known, reverse=True) and values[len(known):] == ["—"] * (len(values) - len(known))
    # the drill-down a click on Bretagne performs, by the keyboard
    link = browser.find_element(By.CSS_SELECTOR, "#carte-territoires a[href$='region=53']")
    link.send_keys(Keys.ENTER)
    n_departements = demo_db.execute("SELECT count(*) FROM departement WHERE region = '53'").fetchone()[0]
    WebDriverWait(browser, WAIT).until(lambda _: len(browser.find_elements(
        By.CSS_SELECTOR, "#carte-territoires a[href^='/departement/']")) == n_departements)
    WebDriverWait(browser, WAIT).until(lambda _: "Bretagne" in browser.find_element(By.ID, "carte-ariane").text)
    assert "Départements affichés" in browser.find_element(By.ID, "carte-territoires-titre").text
    WebDriverWait(browser, WAIT).until(
        lambda _: browser.title == "Bretagne — carte des départements — Atlas des alliances territoriales")
    # a visible focus: the focused link has an outline
    link = browser.find_element(By.CSS_SELECTOR, "#carte-territoires a[href='/departement/29']")
    browser.execute_script("arguments[0].focus();", link)
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element == link
    outline = browser.execute_script("var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth];")
    assert outline[0] == "solid" and outline[1] == "3px"


def test_the_title_names_the_territory(server, browser):
    _screen(browser, 1440)
    open_rendered(browser, server + "/")
    WebDriverWait(browser, WAIT).until(
        lambda _: browser.title == "Carte des régions de France — Atlas des alliances territoriales")
    open_rendered(browser, server + "/commune/29019")
    assert browser.title == "Brest — commune — Atlas des alliances territoriales"
    open_rendered(browser, server + "/region/53")
    assert browser.title == "Bretagne — région — Atlas des alliances territoriales"
