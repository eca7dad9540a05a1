"""The State programmes as the dashboard shows them, on the small warehouse built with the
ANCT files (``small_public_run``): commune card, CRTE block, territory counts, map layer.
Expected values are read from the warehouse's tables with the test's own SQL."""

from __future__ import annotations

import base64
import datetime as dt
import importlib
import json

import dash

import numpy as np
import pytest

from atlas.format import date_fr
from dashboard.data import Warehouse
from dashboard.mapstate import MapState
from dashboard.mapview import map_update
from dashboard.programmes import (
    OUTSIDE_LABEL, ProgrammeBadge, ProgrammeContract, ProgrammePresence, programmes_block, territory_programmes_block,
)
from dashboard.views import commune_view, territory_view


@pytest.fixture(scope="module")
def warehouse(small_public_run):
    return Warehouse(small_public_run.db_path)


@pytest.fixture
def page(monkeypatch):
    """A page module imported without a Dash app (nothing registered)."""
    monkeypatch.setattr(dash, "register_page", lambda *args, **kwargs: None)
    return lambda name: importlib.import_module(f"dashboard.pages.{name}")


def _shown(component) -> str:
    return json.dumps(component, default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def _communes_of(small_public_db, programme: str) -> set[str]:
    return {c for (c,) in small_public_db.execute(
        "SELECT DISTINCT commune FROM programme_commune WHERE programme = ?", [programme]).fetchall()}


def _z(trace) -> list:
    z = trace["z"]
    if isinstance(z, dict):
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).tolist()
    return list(z)


# ---------------------------------------------------------------------- commune card


def test_every_covered_commune_has_one_badge_per_programme_with_its_contracts(warehouse, small_public_db):
    rows = small_public_db.execute(
        "SELECT pc.commune, p.code, p.libelle, pc.id, t.nom, t.date_signature FROM programme_commune pc "
        "JOIN programme p ON p.code = pc.programme "
        "LEFT JOIN programme_territoire t ON t.programme = pc.programme AND t.id = pc.id").fetchall()
    assert rows, "the ANCT files gave no programme"
    expected: dict[str, dict[str, set]] = {}
    for commune, code, libelle, contract, nom, date in rows:
        expected.setdefault(commune, {}).setdefault((code, libelle), set()).add((contract, nom, date))
    for commune, programmes in expected.items():
        view = commune_view(warehouse, commune)
        assert {(b.code, b.libelle) for b in view.programmes} == set(programmes), commune
        assert len(view.programmes) == len(programmes)  # one badge per programme
        for item in view.programmes:
            assert {(c.id, c.nom, c.date_signature) for c in item.contracts} == programmes[(item.code, item.libelle)]
    uncovered = small_public_db.execute(
        "SELECT min(code) FROM commune WHERE code NOT IN (SELECT commune FROM programme_commune)").fetchone()[0]
    if uncovered is not None:
        assert commune_view(warehouse, uncovered).programmes == ()


def test_the_card_shows_badges_dates_links_and_sources(warehouse, small_public_db, page):
    commune_layout = page("commune").commune_layout
    commune = small_public_db.execute("SELECT commune FROM programme_commune GROUP BY commune "
                         "ORDER BY count(DISTINCT programme) DESC, commune LIMIT 1").fetchone()[0]
    shown = _shown(commune_layout(commune_view(warehouse, commune)))
    rows = small_public_db.execute(
        "SELECT DISTINCT p.libelle, p.url, t.date_signature, t.source, coalesce(t.nom, 'Identifiant ' || t.id) "
        "FROM programme_commune pc "
        "JOIN programme p ON p.code = pc.programme JOIN programme_territoire t ON t.programme = pc.programme "
        "AND t.id = pc.id WHERE pc.commune = ?", [commune]).fetchall()
    assert len({r[0] for r in rows}) > 1
    assert f"Programmes de l'État ({len({r[0] for r in rows})})" in shown
    for libelle, url, date, source, name in rows:
        assert libelle in shown and name in shown and source in shown
        if url:
            assert url in shown
        if date:
            assert f"signé le {date_fr(date)}" in shown
    assert any(date is None for *_, date, _, _ in rows) and "non renseignée" not in shown  # a site has no date


def test_the_crte_block_lists_every_crte_of_the_commune_with_its_status(warehouse, small_public_db, page):
    commune_layout = page("commune").commune_layout
    commune = small_public_db.execute(
        "SELECT commune FROM crte_commune GROUP BY commune HAVING count(DISTINCT crte) > 1 "
        "ORDER BY commune LIMIT 1").fetchone()[0]
    expected = small_public_db.execute(
        "SELECT k.nom, k.statut, k.date_signature FROM crte_commune cc JOIN crte k ON k.id = cc.crte "
        "WHERE cc.commune = ?", [commune]).fetchall()
    view = commune_view(warehouse, commune)
    assert sorted((c.nom, c.statut, c.date_signature) for c in view.crte) == sorted(set(expected))
    shown = _shown(commune_layout(view))
    assert f"Contrats de relance et de transition écologique ({len(set(expected))})" in shown
    assert {"signe", "non_renseigne"} <= {s for _, s, _ in expected}  # the fixture's real rules
    assert "Signé" in shown and "Non renseigné" in shown


def test_a_crte_signed_by_the_commune_alone_says_so(warehouse, small_public_db):
    commune = small_public_db.execute("SELECT min(commune) FROM crte_commune WHERE via = 'commune'").fetchone()[0]
    view = commune_view(warehouse, commune)
    assert "commune" in {c.via for c in view.crte}


# ---------------------------------------------------------------------- territories


@pytest.mark.parametrize("level, code", [("departement", "22"), ("departement", "29"), ("region", "53")])
def test_territory_counts_match_the_warehouse(warehouse, small_public_db, page, level, code):
    column = {"departement": "departement", "region": "region"}[level]
    total = small_public_db.execute(f"SELECT count(*) FROM commune WHERE {column} = ?", [code]).fetchone()[0]
    expected = small_public_db.execute(
        f"SELECT pc.programme, count(DISTINCT pc.commune), count(DISTINCT pc.id) FROM programme_commune pc "
        f"JOIN commune c ON c.code = pc.commune WHERE c.{column} = ? GROUP BY pc.programme", [code]).fetchall()
    view = territory_view(warehouse, level, code)
    assert {(p.code, p.communes, p.contrats) for p in view.programmes} == set(expected)
    assert {p.communes_total for p in view.programmes} == {total}
    shown = _shown(page("territoire").territory_card(view))
    for p in view.programmes:
        assert p.libelle in shown and f"{p.communes} sur {total}" in shown
        assert f"couche=programmes&programme={p.code}" in shown


def test_the_map_panel_of_an_epci_lists_its_programmes(warehouse, small_public_db):
    epci = small_public_db.execute("SELECT c.epci FROM programme_commune pc JOIN commune c ON c.code = pc.commune "
                      "WHERE c.epci IS NOT NULL GROUP BY c.epci ORDER BY count(DISTINCT pc.programme) DESC LIMIT 1"
                      ).fetchone()[0]
    outputs = map_update(warehouse, "#couche=maturite&echelle=epci", None, None, None,
                         {"points": [{"location": epci}]}, "carte")
    shown = _shown(outputs[3])
    labels = [l for (l,) in small_public_db.execute(
        "SELECT DISTINCT p.libelle FROM programme_commune pc JOIN commune c ON c.code = pc.commune "
        "JOIN programme p ON p.code = pc.programme WHERE c.epci = ?", [epci]).fetchall()]
    assert f"Programmes de l'État ({len(labels)})" in shown and all(l in shown for l in labels)


# ---------------------------------------------------------------------- map layer


def test_choosing_a_programme_recolours_the_communes_of_a_departement(warehouse, small_public_db):
    programme = "pvd"
    inside = _communes_of(small_public_db, programme)
    outputs = map_update(warehouse, "#couche=maturite&departement=22", None, None, None, None, "carte-programme",
                         programme)
    fragment, figure, legend = outputs[0], outputs[1], _shown(outputs[4])
    assert fragment == "#couche=programmes&programme=pvd&departement=22"
    assert outputs[5] == "programmes" and outputs[8] == programme
    trace = figure["data"][0]
    in_22 = {c for (c,) in small_public_db.execute("SELECT code FROM commune WHERE departement = '22'").fetchall()}
    labels = trace["meta"]["etiquettes"]
    shown = {code: labels[z] for code, z in zip(trace["locations"], _z(trace))}
    libelle = warehouse.programme_label(programme)
    assert shown == {c: libelle if c in inside else OUTSIDE_LABEL for c in in_22}
    assert {libelle, OUTSIDE_LABEL} == set(shown.values())
    description, url = small_public_db.execute("SELECT description, url FROM programme WHERE code = ?",
                                               [programme]).fetchone()
    assert libelle in legend and description in legend and url in legend
    # the same state, read back from the URL, gives the same figure
    again = map_update(warehouse, fragment, None, None, None, None, "carte-url")
    assert again[1]["data"][0]["locations"] == trace["locations"] and _z(again[1]["data"][0]) == _z(trace)


@pytest.mark.parametrize("level", ["epci", "departement", "region"])
def test_larger_territories_show_the_share_of_their_communes_in_the_programme(warehouse, small_public_db, level):
    programme = "ti"
    state = MapState(couche="programmes", programme=programme, echelle=level)
    outputs = map_update(warehouse, state.to_fragment(), None, None, None, None, "carte-url")
    trace = outputs[1]["data"][0]
    rows = small_public_db.execute(
        "SELECT tc.code, count(*) FILTER (WHERE tc.commune IN (SELECT commune FROM programme_commune "
        "WHERE programme = ?)) / count(*) FROM territoire_commune tc WHERE tc.niveau = ? GROUP BY tc.code",
        [programme, level]).fetchall()
    assert dict(zip(trace["locations"], _z(trace))) == pytest.approx(dict(rows), rel=1e-6)
    assert any(v > 0 for _, v in rows)
    assert "%{z:.0%}" in trace["hovertemplate"]


def test_the_number_of_programmes_per_commune(warehouse, small_public_db):
    outputs = map_update(warehouse, "#couche=programmes&programme=nombre&echelle=commune", None, None, None, None,
                         "carte-url")
    trace = outputs[1]["data"][0]
    expected = dict(small_public_db.execute("SELECT c.code, count(DISTINCT pc.programme) FROM commune c LEFT JOIN "
                               "programme_commune pc ON pc.commune = c.code GROUP BY c.code").fetchall())
    assert dict(zip(trace["locations"], _z(trace))) == expected
    assert max(expected.values()) > 1


def test_an_unknown_programme_in_the_url_falls_back_to_the_number_of_programmes(warehouse):
    assert MapState.parse("#couche=programmes&programme=drop%20table", warehouse).programme == "nombre"
    outputs = map_update(warehouse, "", None, None, None, None, "carte-programme", "pas-un-programme")
    assert outputs[8] == "nombre"


# ---------------------------------------------------------------------- pure builders


def test_the_blocks_render_hand_made_records():
    item = ProgrammeBadge("pvd", "Petites villes de demain", "Revitaliser les centralités.", "https://exemple.fr/pvd", (
        ProgrammeContract("pvd-1", "Ville d'essai", dt.date(2021, 3, 1), "commune", None, "liste-pvd-com2024.csv"),
        ProgrammeContract("pvd-2", None, None, "200099001", "Communauté d'essai", "liste-pvd-com2024.csv"),
    ))
    shown = _shown(programmes_block((item,)))
    for text in ("Programmes de l'État (1)", "Petites villes de demain", "https://exemple.fr/pvd", "Ville d'essai",
                 "signé le 1er mars 2021", "Identifiant pvd-2", "Communauté d'essai (200099001)",
                 "liste-pvd-com2024.csv", "Revitaliser les centralités."):
        assert text in shown, text
    assert "Aucun programme" in _shown(programmes_block(()))
    presence = ProgrammePresence("ti", "Territoires d'industrie", None, 3, 12, 1)
    shown = _shown(territory_programmes_block((presence,), "departement", MapState(region="98", departement="99")))
    assert "3 sur 12" in shown and "25\u00a0%" in shown and "programme=ti&departement=99" in shown


def test_a_warehouse_without_programmes_says_how_to_add_them(small_run):
    warehouse = Warehouse(small_run.db_path)
    assert warehouse.programmes.empty
    outputs = map_update(warehouse, "#couche=programmes&departement=29", None, None, None, None, "carte-url")
    assert "aucun programme" in _shown(outputs[4]) and "liste-<programme>" in _shown(outputs[4])
    assert set(_z(outputs[1]["data"][0])) == {0}  # every commune shown, with no programme
    assert "Aucun programme de l'État connu" in _shown(programmes_block(commune_view(warehouse, "29001").programmes))
