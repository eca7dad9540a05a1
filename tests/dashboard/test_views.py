"""The views of the territory cards hold what the warehouse has; the cards render a view
without reading anything."""

from __future__ import annotations

import datetime as dt
import importlib
import json

import dash
import pytest

from atlas.vocabulary import EPCI_NATURES
from dashboard.data import Warehouse
from etl.scores.config import load_parameters
from dashboard.mapstate import MapState
from dashboard.views import (
    Activity, Alliance, Catalyst, CommuneView, Crte, Experiment, IndicatorValue, Place, PriorityCommune, TerritoryView, commune_view,
    territory_view,
)


@pytest.fixture(scope="module")
def warehouse(small_run):
    return Warehouse(small_run.db_path)


def _shown(component) -> str:
    """The JSON of a Dash component tree (every text and property it carries)."""
    return json.dumps(component, default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def _column(con, sql: str, *params) -> list:
    return [row[0] for row in con.execute(sql, list(params)).fetchall()]


def test_commune_view_holds_what_the_warehouse_has(warehouse, small_db):
    code = small_db.execute("SELECT min(commune) FROM experimentation WHERE commune IS NOT NULL").fetchone()[0]
    view = commune_view(warehouse, code)
    nom, population, departement, region, epci = small_db.execute(
        "SELECT nom, population, departement, region, epci FROM commune WHERE code = ?", [code]).fetchone()
    assert (view.code, view.nom, view.population) == (code, nom, population)
    assert (view.departement.code, view.region.code) == (departement, region)
    assert view.epci == (Place("epci", epci, small_db.execute("SELECT nom FROM epci WHERE code = ?", [epci]).fetchone()[0])
                         if epci else None)
    maturite, classe = small_db.execute(
        "SELECT maturite_score, maturite_classe FROM indicateur_territoire WHERE niveau = 'commune' AND code = ?",
        [code]).fetchone()
    assert view.indicators["maturite_score"] == pytest.approx(maturite) and view.indicators["maturite_classe"] == classe
    assert [label.split(" : ")[0] for label, _ in view.comparison] == (
        ["Commune"] + (["EPCI"] if epci else []) + ["Département", "Région", "France"])
    assert view.comparison[0][1] == view.indicators
    latest = small_db.execute(
        "SELECT indicateur, max(annee) FROM indicateur_commune WHERE commune = ? GROUP BY indicateur ORDER BY 1",
        [code]).fetchall()
    assert [(v.indicateur, v.annee) for v in view.indicator_values] == latest and latest
    assert all(v.demo and v.source is None and not v.secret for v in view.indicator_values)

    alliances = _column(small_db, "SELECT a.intitule FROM alliance_commune ac JOIN alliance a ON a.id = ac.alliance "
                                 "WHERE ac.commune = ?", code)
    assert sorted(a.intitule for a in view.alliances) == sorted(alliances)
    assert all(isinstance(a.partenaires, tuple) and isinstance(a.odd, tuple) for a in view.alliances)
    crte = _column(small_db, "SELECT k.nom FROM crte_epci ce JOIN crte k ON k.id = ce.crte WHERE ce.epci = ?", epci)
    assert sorted(c.nom for c in view.crte) == sorted(crte)
    here = _column(small_db, "SELECT intitule FROM experimentation WHERE commune = ?", code)
    assert set(here) <= {x.intitule for x in view.experiments if x.commune == code} and here
    assert all(x.distance_km is None or x.distance_km <= view.experiment_radius_km for x in view.experiments)
    distances = [c.distance_km for c in view.catalysts]
    assert 0 < len(distances) <= 5 and distances == sorted(distances)
    contacts = dict(small_db.execute("SELECT nom, email FROM catalyseur").fetchall())
    assert all(c.email == contacts[c.nom] and c.email.endswith(".example") for c in view.catalysts)  # demo contact
    assert [n.code for n in view.neighbours if n.est_la_commune] == [code] and len(view.neighbours) > 1

    active = small_db.execute(
        "SELECT count(DISTINCT ac.alliance) FILTER (WHERE a.statut = 'active') FROM alliance_commune ac "
        "JOIN alliance a ON a.id = ac.alliance WHERE ac.commune = ?", [code]).fetchone()[0]
    assert (view.activity.alliances, view.activity.alliances_actives) == (len(alliances), active)
    year, change = small_db.execute(
        "SELECT c.population_annee, e.evolution FROM commune c "
        "LEFT JOIN commune_evolution_population e ON e.commune = c.code WHERE c.code = ?", [code]).fetchone()
    assert view.vintage["population_annee"] == year
    assert view.vintage["evolution_population"] == (None if change is None else pytest.approx(change))


def test_territory_views_of_a_departement_and_a_region(warehouse, small_db):
    view = territory_view(warehouse, "departement", "29")
    assert (view.nom, view.region) == ("Finistère", Place("region", "53", "Bretagne"))
    assert view.children_count == small_db.execute("SELECT count(*) FROM commune WHERE departement = '29'").fetchone()[0]
    assert [label for label, _ in view.comparison] == ["Département : Finistère", "Région : Bretagne", "France"]
    alliances = small_db.execute(
        "SELECT count(DISTINCT ac.alliance) FROM alliance_commune ac JOIN commune c ON c.code = ac.commune "
        "WHERE c.departement = '29'").fetchone()[0]
    assert view.activity.alliances == alliances
    priorities = _column(small_db, "SELECT p.code FROM priorite p JOIN commune c ON c.code = p.code "
                                  "WHERE p.niveau = 'commune' AND c.departement = '29' "
                                  "ORDER BY p.priorite_score DESC, p.code LIMIT 15")
    assert [p.code for p in view.priorities] == priorities
    assert {p.departement_nom for p in view.priorities} == {"Finistère"}
    assert view.map_state == MapState(region="53", departement="29")
    communes = _column(small_db, "SELECT code FROM commune WHERE departement = '29'")
    assert set(view.map_figure["data"][0]["locations"]) <= set(communes)

    region = territory_view(warehouse, "region", "53")
    assert region.region is None and region.map_state == MapState(region="53")
    assert region.children_count == small_db.execute("SELECT count(*) FROM departement WHERE region = '53'").fetchone()[0]
    assert [label for label, _ in region.comparison] == ["Région : Bretagne", "France"]
    ranks = _column(small_db, "SELECT rang FROM priorite WHERE niveau = 'commune' AND region = '53' "
                             "ORDER BY priorite_score DESC, code LIMIT 15")
    assert [p.rang for p in region.priorities] == ranks


@pytest.mark.parametrize("code", ["242900001", "200022001"])
def test_territory_view_of_an_epci(warehouse, small_db, code):
    view = territory_view(warehouse, "epci", code)
    nom, population = small_db.execute(
        "SELECT nom, population FROM territoire WHERE niveau = 'epci' AND code = ?", [code]).fetchone()
    departement, region = small_db.execute(
        "SELECT departement, region FROM commune WHERE epci = ? GROUP BY ALL ORDER BY count(*) DESC, departement "
        "LIMIT 1", [code]).fetchone()
    assert (view.level, view.code, view.nom, view.population) == ("epci", code, nom, population)
    assert view.departement == Place("departement", departement, warehouse.name("departement", departement))
    departements = _column(small_db, "SELECT departement FROM commune WHERE epci = ? GROUP BY ALL "
                                     "ORDER BY count(*) DESC, departement", code)
    assert view.departements == tuple(Place("departement", d, warehouse.name("departement", d)) for d in departements)
    assert view.departements[0] == view.departement
    assert view.region == Place("region", region, warehouse.name("region", region))
    nature = small_db.execute("SELECT nature FROM epci WHERE code = ?", [code]).fetchone()[0]
    assert view.nature == EPCI_NATURES.get(nature)
    communes = _column(small_db, "SELECT code FROM commune WHERE epci = ? ORDER BY code", code)
    assert view.children_count == len(communes) > 1
    assert [label.split(" : ")[0] for label, _ in view.comparison] == ["EPCI", "Département", "Région", "France"]
    alliances = small_db.execute(
        "SELECT count(DISTINCT ac.alliance) FROM alliance_commune ac JOIN commune c ON c.code = ac.commune "
        "WHERE c.epci = ?", [code]).fetchone()[0]
    assert view.activity.alliances == alliances
    priorities = _column(small_db, "SELECT p.code FROM priorite p JOIN commune c ON c.code = p.code "
                                  "WHERE p.niveau = 'commune' AND c.epci = ? "
                                  "ORDER BY p.priorite_score DESC, p.code LIMIT 15", code)
    assert [p.code for p in view.priorities] == priorities and priorities
    # the map shows the communes of the EPCI only, framed on the EPCI
    shown = {loc for trace in view.map_figure["data"] for loc in trace.get("locations", []) if len(loc) == 5}
    assert set(view.map_figure["data"][0]["locations"]) <= shown == set(communes)
    assert view.map_figure["layout"]["meta"]["cadre"] == list(warehouse.extents[("epci", code)])


def test_the_epci_page_shows_its_card_history_and_peers(warehouse, small_db, monkeypatch):
    import sys

    import dashboard.data
    from dashboard.app import create_app

    # the page module as an app loads it: imported on its own, its callbacks would be
    # registered a second time in the next app created by the test session
    monkeypatch.setattr(dashboard.data, "_default", dashboard.data._default)
    create_app(warehouse.path)
    territoire = sys.modules["dashboard.pages.territoire"]

    monkeypatch.setattr(dashboard.data, "get_warehouse", lambda: warehouse)
    monkeypatch.setattr(territoire, "get_warehouse", lambda: warehouse)
    shown = _shown(territoire.territory_layout("epci", "242900001"))
    nom = warehouse.name("epci", "242900001")
    peers = _column(small_db, "SELECT pair FROM territoire_pair WHERE niveau = 'epci' AND code = '242900001' "
                              "ORDER BY rang")
    assert peers
    for text in (nom, "SIREN 242900001", "/region/53", "/departement/29", "Communes prioritaires",
                 "Maturité des communes", "/exporter/epci/242900001/pdf", "/exporter/epci/242900001/xlsx",
                 "bloc-historique", "Territoires qui me ressemblent", "Ce qui marche chez des EPCI comme le vôtre",
                 *(f"/epci/{p}" for p in peers)):
        assert text in shown, text
    assert '"Département"' in shown and '"Départements"' not in shown
    # an EPCI across two départements names both
    across = _shown(territoire.territory_layout("epci", "200022001"))
    names = ", ".join(f"{n} ({c})" for c, n in small_db.execute(
        "SELECT departement, d.nom FROM commune c JOIN departement d ON d.code = c.departement "
        "WHERE c.epci = '200022001' GROUP BY ALL ORDER BY count(*) DESC, departement").fetchall())
    assert '"Départements"' in across and names in across and ", " in names
    missing = _shown(territoire.territory_layout("epci", "999999999"))
    assert "EPCI introuvable" in missing and "Aucun EPCI ne porte le code « 999999999 »." in missing


@pytest.mark.parametrize("code", ["00000", "29019'--", None, "29", 29019])
def test_unknown_commune_gives_no_view(warehouse, code):
    assert commune_view(warehouse, code) is None


@pytest.mark.parametrize("level, code", [("departement", "99"), ("region", "29"), ("region", "2A"),
                                         ("commune", "29019"), ("epci", "242900314"), ("region", None)])
def test_unknown_territory_gives_no_view(warehouse, level, code):
    assert territory_view(warehouse, level, code) is None


# ---------------------------------------------------------------------- pure builders


@pytest.fixture
def no_warehouse(monkeypatch):
    """Any warehouse read fails; pages are imported without a Dash app (nothing registered)."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a card builder read the warehouse")

    monkeypatch.setattr(Warehouse, "query", refuse)
    monkeypatch.setattr("dashboard.data.get_warehouse", refuse)
    monkeypatch.setattr(dash, "register_page", lambda *args, **kwargs: None)
    return lambda name: importlib.import_module(f"dashboard.pages.{name}")


_ROW = {"maturite_classe": "actif", "maturite_score": 52.0, "fragilite_score": 31.0, "alliances_nombre": 3,
        "alliances_pour_10000": 1.5, "crte_couverture": 1.0, "maturite_alliances": 40.0, "fragilite_densite": 12.0}
_ACTIVITY = Activity(alliances=3, alliances_actives=2, crte_signes=1, experimentations=4, catalyseurs=5)


def test_the_commune_card_renders_a_hand_made_view(no_warehouse):
    view = CommuneView(
        code="99001", nom="Villeneuve-sur-Essai", population=1234, superficie_km2=12.5,
        departement=Place("departement", "99", "Essai"), region=Place("region", "98", "Région d'essai"), epci=None,
        vintage={"population_annee": 2021, "evolution_population": None}, indicators=_ROW,
        indicator_values=(IndicatorValue("revenu_median", 2021, 21340.0, False, "cc_filosofi_2021_COM.csv", False),
                          IndicatorValue("taux_chomage", 2021, None, True, "base_cc_comparateur.csv", False),
                          IndicatorValue("taux_pauvrete", 2019, 14.2, False, None, True)),
        comparison=(("Commune : Villeneuve-sur-Essai", _ROW), ("France", None)), parameters=load_parameters(),
        alliances=(Alliance("Jardins partagés", "active", "mecenat", ("association",), (2, 11), "commune", None,
                            dt.date(2022, 3, 1), None, 5000.0),),
        crte=(Crte("CRTE d'essai", "signe", dt.date(2021, 6, 2), 3, "200099001", "Communauté d'essai"),
              Crte("CRTE communal", "non_renseigne", None, 0, "commune", None)),
        experiments=(Experiment("Tiers-lieu", "Association X", "en_cours", None, 2023, None, "99002", "Voisine", 4.2),),
        experiment_radius_km=25.0,
        catalysts=(Catalyst("Fabrique", "fondation", "99002", "Voisine", 4.2, True, 2019),),
        neighbours=(), activity=_ACTIVITY,
    )
    shown = _shown(no_warehouse("commune").commune_layout(view))
    for text in ("Villeneuve-sur-Essai", "code INSEE 99001", "1\u202f234 habitants", "(millésime 2021)",
                 "Essai (99)", "Région d'essai", "/departement/99", "/region/98", "Jardins partagés",
                 "ODD 2, ODD 11", "depuis le 1er mars 2022", "CRTE d'essai", "Voisine (4,2\u00a0km)", "Fabrique",
                 "Contour indisponible", "Alliances (1)", "Catalyseurs implantés",
                 "Indicateurs de la commune", "21\u202f340 €", "cc_filosofi_2021_COM.csv", "Taux de chômage des 15-64 ans",
                 '"secret statistique"', "base_cc_comparateur.csv", "14,2 %", "2019",
                 "fichier indicateurs (données de démonstration)", "Secret statistique » : valeur couverte",

                 "Communauté d'essai (200099001)", "CRTE communal", "Non renseigné", "la commune seule"):
        assert text in shown, text


def test_the_territory_card_renders_a_hand_made_view(no_warehouse):
    figure = {"data": [{"type": "choroplethmap", "locations": ["99001"], "z": [1],
                        "meta": {"etiquettes": ["Donnée absente", "Actif"]}}], "layout": {}}
    view = TerritoryView(
        level="departement", code="99", nom="Essai", population=45678, region=Place("region", "98", "Région d'essai"),
        children_count=2, indicators=_ROW, comparison=(("Département : Essai", _ROW), ("France", None)),
        parameters=load_parameters(),
        activity=_ACTIVITY,
        priorities=(PriorityCommune(7, "99001", "Villeneuve-sur-Essai", "99", "Essai", 1234, "premiers_pas", 20.0,
                                    70.0, 56.0),),
        map_state=MapState(region="98", departement="99"), map_figure=figure,
    )
    shown = _shown(no_warehouse("territoire").territory_card(view))
    for text in ("Essai", "Département · code 99", "45\u202f678 habitants", "Région d'essai", "/region/98",
                 "Villeneuve-sur-Essai", "/commune/99001", "56,0", "/exporter/departement/99/pdf",
                 "departement=99", '"customdata": ["Actif"]'):
        assert text in shown, text
    assert "customdata" not in figure["data"][0]  # the view is left as it was


def test_a_missing_list_in_the_warehouse_is_an_empty_tuple_in_the_view():
    import pandas as pd

    from dashboard.views import Alliance, _records

    frame = pd.DataFrame([{"intitule": "Sans ODD", "statut": "active", "forme": "mecenat", "partenaires": None,
                           "odd": None, "via": "commune", "epci_nom": None, "date_debut": pd.Timestamp("2022-03-01"),
                           "date_fin": pd.NaT, "budget": float("nan")}])
    (alliance,) = _records(frame, Alliance)
    assert alliance.odd == () and alliance.partenaires == () and alliance.date_fin is None and alliance.budget is None
