"""Map callbacks over the real France: payloads stay small at the scale of 34 800 communes."""

from __future__ import annotations

import json

import pytest

from dashboard.app import create_app
from dashboard.probe import CallbackProbe


@pytest.fixture(scope="module")
def probe(demo_run):
    return CallbackProbe(create_app(demo_run.db_path))


def _response(body: bytes) -> dict:
    return json.loads(body)["response"]


def test_recolouring_france_by_commune_sends_codes_and_values_only(probe):
    status, body, _ = probe.map("#couche=maturite&echelle=commune", couche="fragilite", echelle="commune",
                                changed="carte-couche.value")
    assert status == 200
    assert len(body) <= 600_000
    trace = _response(body)["carte-donnees"]["data"]["data"][0]
    assert len(trace["locations"]) > 34_000
    assert b"coordinates" not in body


def test_drilling_into_a_departement_stays_small(probe, demo_db):
    status, body, _ = probe.map("#couche=maturite&region=53", click={"points": [{"location": "29"}]},
                                changed="carte.clickData")
    assert status == 200 and len(body) <= 250_000
    expected = demo_db.execute("SELECT count(*) FROM commune WHERE departement = '29'").fetchone()[0]
    assert len(_response(body)["carte-donnees"]["data"]["data"][0]["locations"]) == expected > 250
