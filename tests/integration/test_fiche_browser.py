"""The button « Fiche pour le conseil municipal » on the commune card, in headless Chromium over
the France demo warehouse (Brest, a small rural commune, an overseas one), and the PDF it gets."""

from __future__ import annotations

import urllib.request

import pytest
from selenium.webdriver.common.by import By

from dashboard.fiches import FICHE_LABEL
from exports.fiche_commune import SECTIONS
from tests.exports.test_fiche_commune import _one_a4_page, _text
from tests.integration.test_elus_browser import _block, _small_rural

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("which", ["29019", "rural", "97411"])
def test_the_commune_card_links_its_one_page_fiche(server, browser, demo_db, which):  # noqa: F811
    code = _small_rural(demo_db) if which == "rural" else which
    nom = demo_db.execute("SELECT nom FROM commune WHERE code = ?", [code]).fetchone()[0]
    browser.get(f"{server}/commune/{code}")
    block = _block(browser, "bloc-export")
    link = block.find_element(By.ID, "export-fiche")
    assert link.text == FICHE_LABEL
    assert link.get_attribute("href") == f"{server}/exporter/commune/{code}/fiche.pdf"
    with urllib.request.urlopen(link.get_attribute("href"), timeout=120) as response:
        assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
        assert f"-{code}_" in response.headers["Content-Disposition"]
        content = response.read()
    _one_a4_page(content)
    text = _text(content)
    assert nom in text and all(title in text for title in SECTIONS.values())
