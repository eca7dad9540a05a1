"""Debian's headless Chromium driven by Selenium through Debian's chromedriver (no network,
no downloaded browser): the browser of the dashboard's browser tests."""

from __future__ import annotations

import shutil

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
         "--use-gl=swiftshader", "--enable-unsafe-swiftshader", "--window-size=1400,1100", "--lang=fr-FR")


def chromium_driver(console_log: bool = False, performance_log: bool = False):
    """A new headless Chromium; ``console_log``: its console is kept for ``driver.get_log("browser")``;
    ``performance_log``: the DevTools network events are kept for ``driver.get_log("performance")``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    assert shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER), "chromium et chromedriver : lancez « make system-deps »"
    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    logs = {**({"browser": "ALL"} if console_log else {}), **({"performance": "ALL"} if performance_log else {})}
    if logs:
        options.set_capability("goog:loggingPrefs", logs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver
