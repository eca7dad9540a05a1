"""The import in headless Chromium against ``territoires serve`` (two processes) over a copy of
the small warehouse: log in, drop a filled template holding 3 bad rows, read them in the
report, publish, and find the new alliance on the commune's page (served by whichever
process answers, without a restart)."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from importer.accounts import Accounts
from tests.chromium import chromium_driver
from tests.dashboard.conftest import start_server, stop_server
from tests.importer.test_web import PASSWORD, _alliances, _new_and_bad
from tests.support.browser import text as page_text

pytestmark = pytest.mark.integration
WAIT = 60


@pytest.fixture()
def served(copy_of, small_run, tmp_path, monkeypatch):
    db = copy_of(small_run)
    folder = tmp_path / "import"
    Accounts(folder).add("alice", PASSWORD, "admin")
    monkeypatch.setenv("TERRITOIRES_IMPORT", str(folder))
    process, url = start_server(db, "--workers", "2")
    yield url, db, tmp_path
    stop_server(process)


def test_log_in_upload_read_rejects_publish_and_see_the_commune(served):
    url, db, tmp_path = served
    upload = tmp_path / "mes alliances.xlsx"
    upload.write_bytes(_alliances(db, _new_and_bad))
    browser = chromium_driver()
    wait = WebDriverWait(browser, WAIT)
    try:
        browser.get(url + "/connexion")
        browser.find_element(By.ID, "nom").send_keys("alice")
        browser.find_element(By.ID, "mot_de_passe").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form.formulaire button").click()
        wait.until(EC.presence_of_element_located((By.ID, "fichiers")))
        browser.find_element(By.ID, "fichiers").send_keys(str(upload))
        browser.find_element(By.CSS_SELECTOR, "form.formulaire button").click()
        rejects = wait.until(EC.presence_of_element_located((By.ID, "rejets")))
        rows = rejects.find_elements(By.CSS_SELECTOR, "tbody tr")
        assert len(rows) == 3
        text = rejects.text
        assert "date invalide « 32/13/2024 »" in text and "« Inconnu »" in text and "« 99999 »" in text
        browser.find_element(By.ID, "publier").click()
        clicked = time.monotonic()
        # read in one script (page_text): Dash may render a block again between a lookup and its text
        wait.until(lambda b: "Publiée" in page_text(b, "#etat-publication"))
        first = _first_commune(db)
        deadline = time.monotonic() + WAIT
        while True:  # both processes must serve the new data: ask several times
            seen = []
            for _ in range(4):
                browser.get(f"{url}/commune/{first}")
                wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
                time.sleep(1)
                seen.append("Jardin partagé des Tilleuls (dépôt web)" in page_text(browser, "main"))
            if all(seen):
                break
            assert time.monotonic() < deadline, "la fiche commune ne montre pas la nouvelle alliance"
        print(f"de « Publier » à la nouvelle donnée servie : {time.monotonic() - clicked:.1f} s")
    finally:
        browser.quit()


def _first_commune(db) -> str:
    from atlas.warehouse import connect, fetch_df

    con = connect(db, read_only=True)
    try:
        return fetch_df(con, "app/territoires").query("niveau == 'commune'")["code"].min()
    finally:
        con.close()
