"""What issue 14 gives élus, in headless Chromium over the France demo warehouse: on the card of
Brest, of a small rural commune and of an overseas commune, then on the card of its EPCI, every
block shows what the warehouse holds.

One test per commune opens its card and runs the checks of :data:`COMMUNE_CARD`, then opens its
EPCI's card and runs those of :data:`EPCI_CARD`. A check is a function of the open :class:`Card`;
a new block of a card adds its check to the list of that card.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass

import pytest
from selenium.webdriver.common.by import By

from atlas.format import decimal, score
from atlas.progression import for_commune
from dashboard.fiches import EXPORT_LABELS, FICHE_LABEL
from exports.fiche_commune import SECTIONS
from dashboard.labels import CLASSE_LABELS
from tests.support.pdf import one_a4_page, pdf_text
from tests.support.browser import drawn_locations, hrefs, present, table_rows, text, wait

pytestmark = pytest.mark.integration

BREST = "29019"
SAINT_DENIS_REUNION = "97411"


@dataclass(frozen=True)
class Card:
    """The card open in ``browser``: territory ``code`` of ``level`` ("commune" or "epci")."""

    server: str
    browser: object
    db: object
    level: str
    code: str

    def one(self, sql: str, *params):
        return self.db.execute(sql, list(params)).fetchone()

    def all(self, sql: str, *params) -> list:
        return self.db.execute(sql, list(params)).fetchall()

    def open(self) -> None:
        self.browser.get(f"{self.server}/{self.level}/{self.code}")
        nom = self.one("SELECT nom FROM territoire WHERE niveau = ? AND code = ?", self.level, self.code)[0]
        wait(self.browser, lambda b: [e.text for e in b.find_elements(By.ID, "fiche-nom")] == [nom])


def small_rural_commune(db) -> str:
    """The least populated commune of Finistère that belongs to an EPCI (the smallest code on a tie)."""
    return db.execute("SELECT code FROM commune WHERE departement = '29' AND epci IS NOT NULL "
                      "ORDER BY population, code LIMIT 1").fetchone()[0]


# ------------------------------------------------------------------ checks of one block


def _label(classe) -> str:
    return CLASSE_LABELS.get(classe, "—")


def peers(card: Card) -> None:
    """« Territoires qui me ressemblent »: the 10 peers in rank order, with their class, their
    score and a link to their card, and where the territory ranks among them."""
    expected = card.all("""
        SELECT p.pair, t.nom, i.maturite_classe, i.maturite_score
        FROM territoire_pair p
        JOIN territoire t ON t.niveau = p.niveau AND t.code = p.pair
        LEFT JOIN indicateur_territoire i ON i.niveau = p.niveau AND i.code = p.pair
        WHERE p.niveau = ? AND p.code = ? ORDER BY p.rang""", card.level, card.code)
    assert len(expected) == 10
    rows = table_rows(card.browser, "#bloc-pairs table")
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        (str(rang), nom, _label(classe), score(value)) for rang, (_, nom, classe, value) in enumerate(expected, 1)]
    links = card.browser.execute_script(
        "return Array.from(document.querySelector('#bloc-pairs table').querySelectorAll('tbody a'))"
        ".map(a => a.getAttribute('href'))")
    assert links == [f"/{card.level}/{pair}" for pair, *_ in expected]
    own = card.one("SELECT maturite_score FROM indicateur_territoire WHERE niveau = ? AND code = ?",
                   card.level, card.code)[0]
    sentence = text(card.browser, "#pairs-rang")
    if own is None:
        assert "ne peut pas être" in sentence
    else:
        scored = [value for *_, value in expected if value is not None]
        rang = 1 + sum(1 for value in scored if value > own)
        first = "1re" if card.level == "commune" else "1er"
        assert f"se classe {first if rang == 1 else f'{rang}e'} sur {len(scored) + 1} " in sentence


def history(card: Card) -> None:
    """« Maturité depuis 2014 »: the chart of the score of each year, and the same values in a table."""
    years = card.all("SELECT annee, maturite_score, maturite_classe FROM indicateur_historique "
                     "WHERE niveau = ? AND code = ? ORDER BY annee", card.level, card.code)
    present(card.browser, "#bloc-historique .js-plotly-plot .scatterlayer")
    x, y = card.browser.execute_script(
        "var trace = document.querySelector('#graphique-historique .js-plotly-plot').data[0];"
        "return [Array.from(trace.x), Array.from(trace.y)];")
    assert x == [annee for annee, *_ in years]
    assert len(y) == len(years)
    for got, (_, value, _) in zip(y, years):
        assert got is None if value is None else got == pytest.approx(value, abs=0.05)  # drawn to 0.1
    summary = card.browser.find_element(By.CSS_SELECTOR, "#historique-tableau summary")
    card.browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
    summary.click()
    wait(card.browser, lambda b: b.find_element(By.CSS_SELECTOR, "#historique-tableau table").is_displayed())
    rows = table_rows(card.browser, "#historique-tableau table")
    assert rows == [[str(annee), score(value), _label(classe)] for annee, value, classe in years]


def epci_link(card: Card) -> None:
    """The commune card links the card of its EPCI."""
    epci = card.one("SELECT epci FROM commune WHERE code = ?", card.code)[0]
    assert hrefs(card.browser, "#fiche-epci") == [f"/epci/{epci}"]


def exports(card: Card) -> None:
    """One download button per format (a commune's one-page fiche first), and the CSV really downloads."""
    expected = [f"/exporter/{card.level}/{card.code}/{fmt}" for fmt in EXPORT_LABELS]
    if card.level == "commune":
        expected.insert(0, f"/exporter/commune/{card.code}/fiche.pdf")
    assert hrefs(card.browser, "#bloc-export a") == expected
    with urllib.request.urlopen(card.server + expected[list(EXPORT_LABELS).index("csv")], timeout=120) as response:
        assert response.status == 200 and "attachment" in response.headers["Content-Disposition"]


def progression(card: Card) -> None:
    """« Ce qui ferait progresser »: the sentence and the actions, with their points, that
    :func:`atlas.progression.for_commune` computes from the warehouse."""
    expected = for_commune(card.db, card.code)
    assert text(card.browser, "#bloc-progression h2") == "Ce qui ferait progresser"
    assert text(card.browser, "#progression-phrase") == expected.phrase
    rows = table_rows(card.browser, "#progression-actions") if expected.actions else []
    assert [r[0] for r in rows] == [a.libelle for a in expected.actions]
    assert [r[1].split()[1] for r in rows] == [decimal(a.points, 1) for a in expected.actions]


def fiche(card: Card) -> None:
    """The button « Fiche pour le conseil municipal » downloads a one-page A4 PDF naming the
    commune, with every section of the fiche."""
    nom = card.one("SELECT nom FROM commune WHERE code = ?", card.code)[0]
    link = card.browser.find_element(By.ID, "export-fiche")
    assert link.text == FICHE_LABEL
    assert link.get_attribute("href") == f"{card.server}/exporter/commune/{card.code}/fiche.pdf"
    with urllib.request.urlopen(link.get_attribute("href"), timeout=120) as response:
        assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
        assert f"-{card.code}_" in response.headers["Content-Disposition"]
        content = response.read()
    one_a4_page(content)
    shown = pdf_text(content)
    assert nom in shown and all(title in shown for title in SECTIONS.values())


def maturity(card: Card) -> None:
    """The maturity class and score of the territory in its key figures."""
    classe, value = card.one("SELECT maturite_classe, maturite_score FROM indicateur_territoire "
                             "WHERE niveau = ? AND code = ?", card.level, card.code)
    shown = text(card.browser, "#fiche-maturite")
    assert _label(classe) in shown and score(value) in shown


def communes_map(card: Card) -> None:
    """The map of the EPCI card draws every commune of the EPCI, whatever its département."""
    communes = [c for (c,) in card.all("SELECT commune FROM territoire_commune WHERE niveau = ? AND code = ?",
                                       card.level, card.code)]
    assert sorted(drawn_locations(card.browser, "#carte-territoire .js-plotly-plot")) == sorted(communes)


#: The checks of a commune card, in the order of its blocks.
COMMUNE_CARD = (epci_link, exports, fiche, history, peers, progression)
#: The checks of an EPCI card.
EPCI_CARD = (maturity, communes_map, exports, history, peers)


def _check_cards(server, browser, db, commune: str) -> None:
    """The card of ``commune``, then the card of its EPCI, through the link of the commune card."""
    card = Card(server, browser, db, "commune", commune)
    card.open()
    for check in COMMUNE_CARD:
        check(card)
    epci = Card(server, browser, db, "epci", hrefs(browser, "#fiche-epci")[0].rsplit("/", 1)[1])
    epci.open()
    for check in EPCI_CARD:
        check(epci)


def test_brest_and_brest_metropole(server, browser, demo_db):
    _check_cards(server, browser, demo_db, BREST)


def test_a_small_rural_commune_and_its_epci(server, browser, demo_db):
    _check_cards(server, browser, demo_db, small_rural_commune(demo_db))


def test_an_overseas_commune_and_its_epci(server, browser, demo_db):
    _check_cards(server, browser, demo_db, SAINT_DENIS_REUNION)


def test_the_departement_card_shows_its_history(server, browser, demo_db):
    card = Card(server, browser, demo_db, "departement", "29")
    card.open()
    history(card)
    assert browser.find_element(By.ID, "historique-resume").text.startswith("Premier score en ")
