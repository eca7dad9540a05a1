"""The publication guard's rules, on plain values."""

from __future__ import annotations

from etl.domain.loader import FileCount, Reject
from etl.guard import DEFAULT_MAX_LOSS, ENTITY_TABLES, empty_files, losses
from atlas.entities import ENTITIES


def test_every_entity_has_its_published_table():
    assert set(ENTITY_TABLES) == set(ENTITIES)
    assert DEFAULT_MAX_LOSS == 0.5


def test_files_without_a_loaded_row_are_refused_with_their_first_reasons():
    counts = [
        FileCount("alliances.xlsx", "alliances", read=4, loaded=0, rejected=4),
        FileCount("crte.csv", "crte", read=0, loaded=0, rejected=0),
        FileCount("catalyseurs.csv", "catalyseurs", read=3, loaded=1, rejected=2),
    ]
    rejects = [Reject("alliances.xlsx", line, "date_debut", "x", f"raison {line}") for line in (2, 3, 4, 5)]
    rejects.append(Reject("catalyseurs.csv", 2, None, None, "autre"))
    assert empty_files(counts, rejects) == [
        "fichier alliances.xlsx : aucune ligne chargée, les 4 lignes lues sont toutes rejetées ; premiers "
        "rejets : ligne 2, colonne date_debut : raison 2 ; ligne 3, colonne date_debut : raison 3 ; "
        "ligne 4, colonne date_debut : raison 4",
        "fichier crte.csv : aucune ligne de données (en-tête seul) ; pour vider « Contrats de relance et de "
        "transition écologique (CRTE) », retirer le fichier du dossier",
    ]


def test_losses_beyond_the_share_are_refused():
    published = {"alliance": 2000, "crte": 10, "catalyseur": 350, "commune": 34900}
    built = {"alliance": 998, "crte": 5, "catalyseur": 0, "mesure": 21, "commune": 10}
    assert losses(published, built) == [
        "« Alliances d'intérêt général » (table alliance) passerait de 2\u202f000 à 998 lignes, "
        "soit 50,1\u00a0% de perte (au-delà de 50\u00a0%)",
        "« Catalyseurs territoriaux » (table catalyseur) passerait de 350 à 0 lignes, "
        "soit 100,0\u00a0% de perte (au-delà de 50\u00a0%)",
    ]
    assert losses(published, built, max_loss=1.0) == []
    assert losses({}, built) == []  # a first run has nothing to lose


def test_losing_most_state_programme_contracts_is_refused_like_an_entity():
    refusals = losses({"programme_territoire": 40}, {"programme_territoire": 4})
    assert len(refusals) == 1 and "Programmes de l'État" in refusals[0] and "programme_territoire" in refusals[0]
    assert losses({"programme_territoire": 40}, {"programme_territoire": 30}) == []
