"""The EPCI card in headless Chromium over the France demo warehouse: Brest Métropole's card
(map, priority communes, history, peers, exports), the link from a commune's card, the search
by SIREN, and the French page of an unknown SIREN."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration

WAIT = 60
BREST_METROPOLE = "242900314"


def _block(browser, block_id: str):
    return WebDriverWait(browser, WAIT).until(EC.presence_of_element_located((By.ID, block_id)))


def test_the_epci_card_of_brest_metropole(server, browser, demo_db):
    browser.get(f"{server}/epci/{BREST_METROPOLE}")
    nom = demo_db.execute("SELECT nom FROM epci WHERE code = ?", [BREST_METROPOLE]).fetchone()[0]
    assert _block(browser, "fiche-nom").text == nom
    assert f"SIREN {BREST_METROPOLE}" in browser.find_element(By.CSS_SELECTOR, ".fiche-entete .muted").text
    card_map = _block(browser, "carte-territoire")
    WebDriverWait(browser, WAIT).until(lambda _: card_map.find_elements(By.CSS_SELECTOR, ".js-plotly-plot"))
    communes = {c for (c,) in demo_db.execute("SELECT code FROM commune WHERE epci = ?", [BREST_METROPOLE]).fetchall()}
    priorities = _block(browser, "bloc-priorites").find_elements(By.CSS_SELECTOR, "tbody a")
    assert priorities and {a.get_attribute("href").rsplit("/", 1)[1] for a in priorities} <= communes
    history = _block(browser, "bloc-historique")
    WebDriverWait(browser, WAIT).until(lambda _: history.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .scatterlayer"))
    peers = [a.get_attribute("href") for a in _block(browser, "bloc-pairs").find_elements(By.CSS_SELECTOR, "table a")]
    expected = [r[0] for r in demo_db.execute(
        "SELECT pair FROM territoire_pair WHERE niveau = 'epci' AND code = ? ORDER BY rang", [BREST_METROPOLE]).fetchall()]
    assert expected and [link.rsplit("/", 1)[1] for link in peers[:len(expected)]] == expected
    assert all("/epci/" in link for link in peers[:len(expected)])
    pdf = browser.find_element(By.ID, "export-pdf").get_attribute("href")
    assert pdf.endswith(f"/exporter/epci/{BREST_METROPOLE}/pdf")


def test_the_commune_card_links_its_epci(server, browser):
    browser.get(f"{server}/commune/29019")
    link = _block(browser, "fiche-epci")
    assert link.get_attribute("href").endswith(f"/epci/{BREST_METROPOLE}")


def test_the_search_finds_an_epci_by_siren_and_an_unknown_siren_is_a_french_404(server, browser):
    browser.get(f"{server}/recherche?q={BREST_METROPOLE}")
    WebDriverWait(browser, WAIT).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, f"main a[href='/epci/{BREST_METROPOLE}']"))
    browser.get(f"{server}/epci/999999999")
    WebDriverWait(browser, WAIT).until(lambda b: "EPCI introuvable" in b.find_element(By.TAG_NAME, "body").text)
