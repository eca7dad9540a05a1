"""The methodology text is built from the run's parameters only (no warehouse needed)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from dashboard.methodology import class_ranges, methodology
from etl.scores.config import load_parameters


@pytest.fixture(scope="module")
def defaults():
    return load_parameters()


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def _section(page, block_id: str):
    """The section of ``page`` whose id is ``block_id``."""
    return next(child for child in page.children if getattr(child, "id", None) == block_id)


def test_class_ranges_follow_the_thresholds_from_the_most_mature(defaults):
    p = dataclasses.replace(defaults, seuils={"pionnier": 72.0, "actif": 47.5, "premiers_pas": 21.0})
    assert class_ranges(p) == [
        ("Pionnier", "score d'au moins 72"),
        ("Actif", "score d'au moins 47,5 et inférieur à 72"),
        ("Premiers pas", "score d'au moins 21 et inférieur à 47,5"),
        ("En questionnement", "score inférieur à 21"),
        ("Données insuffisantes", "aucune alliance, aucun catalyseur ni aucune expérimentation connus (pas de score)"),
    ]


def test_weights_are_shown_as_the_shares_the_run_applied(defaults):
    doubled = {k: 2 * v for k, v in defaults.maturite_poids.items()}
    only_two = {k: (1.0 if k in ("densite", "isolement") else 0.0) for k in defaults.fragilite_poids}
    page = methodology(dataclasses.replace(defaults, maturite_poids=doubled, fragilite_poids=only_two))
    maturity = _text(_section(page, "methodologie-maturite"))
    fragility = _text(_section(page, "methodologie-fragilite"))
    assert "35\u00a0%" in maturity  # alliances: 0.70 out of 2.00
    assert fragility.count("50\u00a0%") == 2  # two fragility components left, half each
    assert "Taux de pauvreté" not in fragility  # a component without weight is not listed


def test_pole_threshold_and_radius_are_those_of_the_run(defaults):
    p = dataclasses.replace(defaults, fragilite={**defaults.fragilite, "seuil_pole_habitants": 15000.0},
                            donnees={**defaults.donnees, "rayon_experimentations_km": 12.5})
    text = _text(methodology(p))
    assert "commune de 15\u202f000 habitants ou plus" in text
    assert "à moins de 12,5 km" in text
