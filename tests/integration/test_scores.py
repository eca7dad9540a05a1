"""Indices over the real France with the full demonstration dataset."""

from __future__ import annotations


def test_the_demo_gives_communes_of_every_class(demo_db):
    classes = {r[0] for r in demo_db.execute(
        "SELECT DISTINCT maturite_classe FROM indicateur_territoire WHERE niveau = 'commune'").fetchall()}
    assert {"pionnier", "actif", "premiers_pas", "en_questionnement", "donnees_insuffisantes"} <= classes


def test_the_demo_gives_a_population_change_to_many_communes(demo_db):
    changed = demo_db.execute(
        "SELECT count(*) FROM commune_fragilite WHERE composante = 'evolution_population'").fetchone()[0]
    assert changed > 1000
