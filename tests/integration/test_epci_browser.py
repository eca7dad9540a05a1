"""The EPCI card in headless Chromium over the France demo warehouse: Brest Métropole's card
(map, priority communes, history, peers, exports), the map of an EPCI across two départements,
the link from a commune's card, the search by SIREN, and the French page of an unknown SIREN."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.browser import WAIT, drawn_locations, hrefs as _hrefs, present as _present

pytestmark = pytest.mark.integration

BREST_METROPOLE = "242900314"
#: Poher communauté: communes in Finistère and in Côtes-d'Armor
POHER = "242900744"


def test_the_epci_card_of_brest_metropole(server, browser, demo_db):
    browser.get(f"{server}/epci/{BREST_METROPOLE}")
    nom = demo_db.execute("SELECT nom FROM epci WHERE code = ?", [BREST_METROPOLE]).fetchone()[0]
    WebDriverWait(browser, WAIT).until(lambda b: [e.text for e in b.find_elements(By.ID, "fiche-nom")] == [nom])
    assert f"SIREN {BREST_METROPOLE}" in browser.find_element(By.CSS_SELECTOR, ".fiche-entete .muted").text
    _present(browser, "#carte-territoire .js-plotly-plot")
    communes = {c for (c,) in demo_db.execute("SELECT code FROM commune WHERE epci = ?", [BREST_METROPOLE]).fetchall()}
    priorities = _hrefs(browser, "#bloc-priorites tbody a")
    assert {href.rsplit("/", 1)[1] for href in priorities} <= communes
    _present(browser, "#bloc-historique .js-plotly-plot .scatterlayer")
    expected = [f"/epci/{r[0]}" for r in demo_db.execute(
        "SELECT pair FROM territoire_pair WHERE niveau = 'epci' AND code = ? ORDER BY rang", [BREST_METROPOLE]).fetchall()]
    assert expected and _hrefs(browser, "#bloc-pairs table a")[:len(expected)] == expected
    assert _hrefs(browser, "#export-pdf") == [f"/exporter/epci/{BREST_METROPOLE}/pdf"]


def test_the_map_of_an_epci_across_two_departements_draws_all_its_communes(server, browser, demo_db):
    communes = dict(demo_db.execute("SELECT code, departement FROM commune WHERE epci = ?", [POHER]).fetchall())
    assert sorted(set(communes.values())) == ["22", "29"]
    browser.get(f"{server}/epci/{POHER}")
    drawn = drawn_locations(browser, "#carte-territoire .js-plotly-plot")
    assert sorted(drawn) == sorted(communes)
    assert {communes[c] for c in drawn} == {"22", "29"}


def test_the_commune_card_links_its_epci(server, browser):
    browser.get(f"{server}/commune/29019")
    assert _hrefs(browser, "#fiche-epci") == [f"/epci/{BREST_METROPOLE}"]


def test_the_search_finds_an_epci_by_siren_and_an_unknown_siren_is_a_french_404(server, browser):
    browser.get(f"{server}/recherche?q={BREST_METROPOLE}")
    WebDriverWait(browser, WAIT).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, f"main a[href='/epci/{BREST_METROPOLE}']"))
    browser.get(f"{server}/epci/999999999")
    WebDriverWait(browser, WAIT).until(lambda b: "EPCI introuvable" in b.find_element(By.TAG_NAME, "body").text)
