"""What the browser tests read from a page, each read in one script (Dash may re-render a block
between two Selenium calls), waiting until it is there."""

from __future__ import annotations

import dash
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

__all__ = ["PAGE_SAMPLES", "WAIT", "drawn_locations", "every_page", "hrefs", "open_rendered", "present", "table_rows", "text", "wait"]

#: Seconds a page of the France demo warehouse may take to render on a loaded machine.
WAIT = 60


def wait(browser, condition, timeout: float = WAIT):
    """``condition(browser)`` once it is truthy."""
    return WebDriverWait(browser, timeout).until(condition)


def present(browser, css: str) -> None:
    """Wait until an element matches ``css``."""
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, css))


def text(browser, css: str) -> str:
    """The text of the first element matching ``css``, once there is one, as the document holds it
    (non-breaking spaces kept, unlike Selenium's ``.text``)."""
    return wait(browser, lambda b: b.execute_script(
        "var e = document.querySelector(arguments[0]); return e && e.textContent;", css))


def hrefs(browser, css: str) -> list[str]:
    """The ``href`` of the links matching ``css``, once there are some."""
    return wait(browser, lambda b: b.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(a => a.getAttribute('href'))", css))


def table_rows(browser, css: str) -> list[list[str]]:
    """The text of each cell of each body row of the first table matching ``css``, once it has
    rows (read from the document: a table in a closed ``<details>`` counts too; runs of spaces and
    line breaks read as one space, non-breaking spaces are kept)."""
    return wait(browser, lambda b: b.execute_script(
        "var table = document.querySelector(arguments[0]);"
        "if (!table) return null;"
        "var rows = Array.from(table.querySelectorAll('tbody tr')).map(tr =>"
        "  Array.from(tr.children).map(cell => cell.textContent.replace(/[ \\t\\r\\n]+/g, ' ').trim()));"
        "return rows.length ? rows : null;", css))


_DRAWN = """
var gd = document.querySelector(arguments[0]);
if (!gd || !gd.data || !gd.data.length || !gd._fullLayout) return null;
var sub = gd._fullLayout.map && gd._fullLayout.map._subplot;
if (!(sub && sub.map && sub.map.loaded())) return null;
var geometry = (window.PlotlyGeoAssets || {})[gd.data[0].geojson];
if (!geometry || !geometry.features) return null;
var ids = new Set(geometry.features.map(f => f.id));
return {drawn: Array.from(gd.data[0].locations).filter(code => ids.has(code))};
"""


def drawn_locations(browser, css: str) -> list[str]:
    """The territories of the first trace of the map ``css`` (a ``.js-plotly-plot``) that have an
    outline in the GeoJSON the browser loaded for it, once the map has drawn it."""
    return wait(browser, lambda b: b.execute_script(_DRAWN, css))["drawn"]


#: A code for each page template (Brest, Finistère, Bretagne); a new template needs one here.
PAGE_SAMPLES = {"/commune/<code>": "/commune/29019", "/departement/<code>": "/departement/29", "/region/<code>": "/region/53",
                "/epci/<code>": "/epci/242900314", "/mesures/<mesure_id>": "/mesures/M05"}


def every_page() -> list[str]:
    """Every page the app registers (its templates filled from PAGE_SAMPLES), a search, an unknown code
    and the map at a past year."""
    paths = []
    for page in dash.page_registry.values():
        template = page.get("path_template") or page["path"]
        assert "<" not in template or template in PAGE_SAMPLES, f"ajoutez un exemple de {template} à PAGE_SAMPLES"
        if template != "/404":
            paths.append(PAGE_SAMPLES.get(template, template))
    # and the map of a région's départements at a past year (the year range input moved)
    return sorted(paths) + ["/recherche?q=brest", "/commune/00000", "/#couche=maturite&annee=2016&region=53"]


def open_rendered(browser, url: str) -> None:
    """Load ``url`` and wait until Dash has rendered it and answered its callbacks."""
    browser.get(url)

    def ready(_):
        return browser.execute_script(
            "var main = document.querySelector('#contenu h1');"
            "var busy = document.querySelector('[data-dash-is-loading=\"true\"]');"
            "var graphs = Array.from(document.querySelectorAll('.js-plotly-plot'));"
            "var map = document.querySelector('#carte');"
            "var mapDone = !map || !!(map.querySelector('.js-plotly-plot') && map.querySelector('.js-plotly-plot').data"
            "  && map.querySelector('.js-plotly-plot').data.length && document.querySelector('#carte-territoires h2'));"
            "return !!main && !busy && mapDone && graphs.every(function (g) { return !!g._fullLayout; });")
    wait(browser, ready)
