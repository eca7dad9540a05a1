"""The commune card's peers (« Territoires qui me ressemblent ») and the maturity history
blocks: what the views read from the warehouse, and what the pure builders show."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.historique import YearScore, history_block, history_view
from dashboard.historique import history_summary
from dashboard.pairs import (
    PEER_ALLIANCES_LIMIT, PEER_ALLIANCES_PER_PEER, Peer, PeerAlliance, PeerCatalyst, PeersView, peers_block,
    peers_view,
)
from etl.scores.config import load_parameters
from tests.dashboard.test_views import _shown, warehouse  # noqa: F401  (fixture)


@pytest.mark.parametrize("level", ["commune", "epci"])
def test_peers_view_holds_the_peers_and_the_alliances_of_the_more_mature(warehouse, small_db, level):
    codes = [r[0] for r in small_db.execute("SELECT code FROM territoire WHERE niveau = ? ORDER BY code",
                                            [level]).fetchall()]
    for code in codes:
        view = peers_view(warehouse, code, level)
        expected = [r[0] for r in small_db.execute(
            "SELECT pair FROM territoire_pair WHERE niveau = ? AND code = ? ORDER BY rang", [level, code]).fetchall()]
        assert [p.code for p in view.peers] == expected and code not in expected
        scores = {p.code: p.maturite_score for p in view.peers}
        per_peer = [a.commune for a in view.alliances]
        assert all(per_peer.count(c) <= PEER_ALLIANCES_PER_PEER for c in per_peer)
        assert len(per_peer) <= PEER_ALLIANCES_LIMIT
        for alliance in view.alliances:
            assert alliance.commune in scores
            assert scores[alliance.commune] is not None
            assert view.maturite_score is None or scores[alliance.commune] > view.maturite_score
        animated = {c for k in view.catalysts for c in k.pairs_animes}
        assert animated <= {a.commune_nom for a in view.alliances}
        # every catalyseur located in a commune of a peer whose alliances are shown animates that peer
        located = small_db.execute(
            "SELECT k.nom, t.nom FROM catalyseur k JOIN territoire_commune tc ON tc.commune = k.commune "
            "JOIN territoire t ON t.niveau = tc.niveau AND t.code = tc.code "
            "WHERE tc.niveau = ? AND list_contains(?, tc.code)", [level, per_peer]).fetchall()
        listed = {(k.nom, pair) for k in view.catalysts for pair in k.pairs_animes}
        assert set(located) <= listed


@pytest.mark.parametrize("level", ["commune", "epci"])
def test_some_territory_of_the_small_warehouse_has_something_that_works(warehouse, small_db, level):
    codes = [r[0] for r in small_db.execute("SELECT code FROM territoire WHERE niveau = ?", [level]).fetchall()]
    views = [peers_view(warehouse, c, level) for c in codes]
    assert any(v.alliances for v in views) and any(v.catalysts for v in views)


def test_history_view_is_every_year_up_to_today(warehouse, small_db):
    years = history_view(warehouse, "departement", "29")
    assert [y.annee for y in years] == list(range(2014, dt.date.today().year + 1))
    today = small_db.execute("SELECT maturite_score, maturite_classe FROM indicateur_territoire "
                             "WHERE niveau = 'departement' AND code = '29'").fetchone()
    assert (years[-1].maturite_score, years[-1].maturite_classe) == pytest.approx(today)


def test_the_peers_block_renders_a_hand_made_view():
    peers = (Peer(1, "99002", "Voisine", 1200, 0.4, 55.0, "actif"),
             Peer(2, "99003", "Lointaine", 900, 0.9, 20.5, "premiers_pas"),
             Peer(3, "99004", "Muette", 300, 1.2, None, "donnees_insuffisantes"))
    view = PeersView(
        code="99001", nom="Villeneuve-sur-Essai", maturite_score=30.0, peers=peers,
        alliances=(PeerAlliance("Repair café", "active", "mecenat", ("association", "entreprise"), (12,), "commune",
                                None, dt.date(2021, 5, 3), None, None, "99002", "Voisine"),),
        catalysts=(PeerCatalyst("La Fabrique", "association", "99002", "Voisine", ("Voisine",)),),
        programmes=False,
    )
    shown = _shown(peers_block(view))
    for text in ("Territoires qui me ressemblent", "/commune/99002", "Voisine", "se classe 2e sur 3",
                 "Ce qui marche chez des communes comme la vôtre", "pairs plus mûrs que la commune", "Repair café", "Les catalyseurs qui animent ces communes", "ODD 12", "depuis le 3 mai 2021",
                 "La Fabrique", "Actif", "55\u00a0/\u00a0100"):
        assert text in shown, text
    assert "programmes de l'ANCT" not in shown


def test_the_peers_block_of_an_epci_names_the_peer_epci_and_their_catalyseurs():
    view = PeersView(
        code="299000001", nom="Communauté d'essai", maturite_score=30.0,
        peers=(Peer(1, "299000002", "Communauté voisine", 41_000, 0.3, 52.0, "actif"),),
        alliances=(PeerAlliance("Tiers-lieu partagé", "active", "cooperation_economique", ("collectivite", "entreprise"),
                                (8, 17), "commune", None, dt.date(2020, 1, 15), dt.date(2024, 6, 30), None,
                                "299000002", "Communauté voisine"),),
        catalysts=(PeerCatalyst("Maison des alliances", "association", "99007", "Bourg-Essai",
                                ("Communauté voisine",)),),
        programmes=False, level="epci",
    )
    shown = _shown(peers_block(view))
    for text in ("Ce qui marche chez des EPCI comme le vôtre", "pairs plus mûrs que l'EPCI",
                 "catalyseurs territoriaux qui animent ces EPCI", "/epci/299000002", "Tiers-lieu partagé",
                 "ODD 8, ODD 17", "du 15 janvier 2020 au 30 juin 2024", "Les catalyseurs qui animent ces EPCI",
                 "Maison des alliances", "Bourg-Essai (99007)", "se classe 2e sur 2"):
        assert text in shown, text
    assert "/commune/299000002" not in shown and "ces communes" not in shown


def test_a_commune_without_score_is_not_ranked():
    view = PeersView("99001", "Sans-Données", None, (), (), (), True)
    shown = _shown(peers_block(view))
    assert "ne peut pas être classée" in shown and "programmes de l'ANCT" in shown
    assert "Aucun pair : aucune variable du profil" in shown and "Aucun pair plus mûr" in shown
    assert "pairs qui ont un score de maturité" in shown


def test_the_history_block_has_a_figure_and_a_table_of_the_same_values():
    years = (YearScore(2014, None, "donnees_insuffisantes"), YearScore(2015, 22.0, "premiers_pas"),
             YearScore(2016, 41.4, "actif"))
    block = history_block(years, load_parameters())
    shown = _shown(block)
    assert "Maturité depuis 2014" in shown and "2016 : état actuel des données" in shown
    assert "Premier score en 2015" in shown and "actif depuis 2016" in shown
    assert '"y": [null, 22.0, 41.4]' in shown
    for text in ("Les valeurs année par année (tableau)", "41\u00a0/\u00a0100", "Données insuffisantes"):
        assert text in shown, text


def test_the_summary_of_a_larger_territory_skips_the_years_without_a_class():
    years = (YearScore(2014, 18.0, "donnees_insuffisantes"), YearScore(2015, 25.0, "premiers_pas"),
             YearScore(2016, 31.0, "donnees_insuffisantes"))
    text = history_summary(years)
    assert text.startswith("Premier score en 2015 (25")
    assert text.endswith("en 2016 : données insuffisantes pour classer le territoire.")
    assert history_summary((YearScore(2014, None, "donnees_insuffisantes"),)).startswith("Aucune année")


def test_the_history_figure_draws_the_bands_of_the_run_thresholds():
    from dashboard.figures.carte import MATURITE_COULEURS
    from dashboard.figures.historique import history_figure

    figure = history_figure([2014, 2015, 2016], [10.0, None, 80.0], {"pionnier": 72.0, "actif": 47.0,
                                                                     "premiers_pas": 21.0})
    bands = [(s["y0"], s["y1"], s["fillcolor"]) for s in figure["layout"]["shapes"]]
    assert bands == [(0, 21.0, MATURITE_COULEURS["en_questionnement"]), (21.0, 47.0, MATURITE_COULEURS["premiers_pas"]),
                     (47.0, 72.0, MATURITE_COULEURS["actif"]), (72.0, 100, MATURITE_COULEURS["pionnier"])]
    assert [a["text"] for a in figure["layout"]["annotations"]] == ["En questionnement", "Premiers pas", "Actif",
                                                                    "Pionnier"]
    assert figure["data"][0]["x"] == [2014, 2015, 2016] and figure["data"][0]["y"] == [10.0, None, 80.0]


def test_the_methodology_page_states_the_run_peer_weights():
    import dataclasses

    from dashboard.methodology import _peers_and_history

    defaults = load_parameters()
    weights = {"population": 1.0, "densite": 1.0, "isolement": 2.0, "fragilite": 0.0, "programmes": 0.0}
    section = _peers_and_history(dataclasses.replace(defaults, pairs={"nombre": 7.0}, pairs_poids=weights))
    rows = [[cell.children for cell in tr.children] for tr in section.children[2].children.children[1].children]
    assert [r[1] for r in rows] == ["25\u00a0%", "25\u00a0%", "50\u00a0%", "0\u00a0%", "0\u00a0%"]
    assert "les 7 territoires du même niveau" in _shown(section)
