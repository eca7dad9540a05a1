"""The block « Ce qui ferait progresser » on the commune card, in headless Chromium over the
France demo warehouse: Brest, a small rural commune, an overseas one."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from atlas.progression import for_commune
from atlas.format import decimal
from tests.integration.test_elus_browser import _block, _small_rural

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("which", ["29019", "rural", "97411"])
def test_the_commune_card_says_what_would_move_it_up(server, browser, demo_db, which):  # noqa: F811
    code = _small_rural(demo_db) if which == "rural" else which
    expected = for_commune(demo_db, code)
    browser.get(f"{server}/commune/{code}")
    block = _block(browser, "bloc-progression")
    assert block.find_element(By.TAG_NAME, "h2").text == "Ce qui ferait progresser"
    assert browser.find_element(By.ID, "progression-phrase").text == expected.phrase
    rows = block.find_elements(By.CSS_SELECTOR, "#progression-actions tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows] == [a.libelle for a in expected.actions]
    assert [r.find_elements(By.TAG_NAME, "td")[1].text.split()[1] for r in rows] == [
        decimal(a.points, 1) for a in expected.actions]
