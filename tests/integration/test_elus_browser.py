"""The peers and the maturity history on the cards, in headless Chromium over the France demo
warehouse: Brest, a small rural commune, an overseas one, a département."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


pytestmark = pytest.mark.integration

WAIT = 60


def _small_rural(demo_db) -> str:
    return demo_db.execute("""
        SELECT c.code FROM commune c JOIN indicateur_territoire i ON i.niveau = 'commune' AND i.code = c.code
        WHERE c.population < 300 AND c.departement = '48' AND i.maturite_score IS NOT NULL
        ORDER BY c.code LIMIT 1""").fetchone()[0]


def _block(browser, block_id: str):
    return WebDriverWait(browser, WAIT).until(EC.presence_of_element_located((By.ID, block_id)))


@pytest.mark.parametrize("which", ["29019", "rural", "97411"])
def test_the_commune_card_shows_its_peers_and_its_history(server, browser, demo_db, which):  # noqa: F811
    code = _small_rural(demo_db) if which == "rural" else which
    browser.get(f"{server}/commune/{code}")
    history = _block(browser, "bloc-historique")
    WebDriverWait(browser, WAIT).until(lambda _: history.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .scatterlayer"))
    peers = _block(browser, "bloc-pairs")
    links = [a.get_attribute("href") for a in peers.find_elements(By.CSS_SELECTOR, "table a")]
    expected = [r[0] for r in demo_db.execute(
        "SELECT pair FROM territoire_pair WHERE niveau = 'commune' AND code = ? ORDER BY rang", [code]).fetchall()]
    assert [link.rsplit("/", 1)[1] for link in links[:10]] == expected
    assert "se classe" in browser.find_element(By.ID, "pairs-rang").text
    # the values of the figure, as a table a screen reader reaches
    details = browser.find_element(By.ID, "historique-tableau")
    details.find_element(By.TAG_NAME, "summary").click()
    rows = details.find_elements(By.CSS_SELECTOR, "tbody tr")
    years = demo_db.execute("SELECT count(*) FROM indicateur_historique WHERE niveau = 'commune' AND code = ?",
                            [code]).fetchone()[0]
    assert len(rows) == years and rows[0].text.startswith("2014")


def test_the_departement_card_shows_its_history(server, browser):  # noqa: F811
    browser.get(f"{server}/departement/29")
    history = _block(browser, "bloc-historique")
    WebDriverWait(browser, WAIT).until(lambda _: history.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .scatterlayer"))
    assert browser.find_element(By.ID, "historique-resume").text.startswith("Premier score en ")
