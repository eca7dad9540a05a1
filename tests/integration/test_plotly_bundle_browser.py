"""Every chart of every page is drawn by the plotly.js the page gets: the reduced bundle
(``dashboard/plotly_bundle.py``, built by ``make``) knows every trace type the pages use."""

from __future__ import annotations

import pytest

from dashboard.plotly_bundle import TRACES, bundle_path
from tests.chromium import chromium_driver
from tests.support.browser import every_page, open_rendered

#: The trace types each page's charts use and the ones its plotly.js knows (none before a chart
#: is there: Dash loads plotly.js for the first graph), read in the page.
_TRACES = (
    "var used = [];"
    "document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {"
    "  (gd.data || []).forEach(function (t) { used.push(t.type || 'scatter'); });"
    "});"
    "return {used: used, known: window.Plotly ? Object.keys(Plotly.PlotSchema.get().traces) : []};"
)


@pytest.fixture(scope="module")
def browser(server):
    driver = chromium_driver()
    yield driver
    driver.quit()


def test_every_chart_of_every_page_has_its_trace_type_in_the_served_plotlyjs(server, browser, demo_db):
    used, known = set(), set()
    for path in every_page():
        open_rendered(browser, server + path)
        found = browser.execute_script(_TRACES)
        missing = set(found["used"]) - set(found["known"])
        assert not missing, f"{path} : plotly.js servi sans les traces {sorted(missing)}"
        used |= set(found["used"])
        known = set(found["known"]) or known  # a page without a chart does not load plotly.js
    assert {"choroplethmap", "bar", "scatter"} <= used  # the pages' charts were there to be checked
    if bundle_path().is_file():  # built by make: the reduced bundle, nothing the pages do not draw
        assert known == {"scatter", *TRACES}
    else:
        assert "scatter3d" in known
