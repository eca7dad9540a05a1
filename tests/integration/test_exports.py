"""Exports over the real France: an overseas département in its local CRS, a real region's payload."""

from __future__ import annotations

import re

import pyogrio
import pytest

from exports import FORMATS, export_territory
from tests.exports.test_exports import DEMO, EXTENSIONS, TODAY, _pdf_text


@pytest.fixture(scope="module")
def martinique_export(demo_db, tmp_path_factory):
    """The Python API on a small overseas département (local CRS), every format, run once."""
    out = tmp_path_factory.mktemp("export-departement")
    paths = export_territory(demo_db, "departement", "972", FORMATS, out, today=TODAY)
    return {p.suffix[1:]: p for p in paths}


def test_overseas_departement_uses_local_crs(martinique_export, demo_db):
    assert set(martinique_export) == EXTENSIONS
    assert all(p.name == f"martinique-972_{TODAY.isoformat()}.{ext}" for ext, p in martinique_export.items())
    expected = demo_db.execute("SELECT count(*) FROM commune WHERE departement = '972'").fetchone()[0]
    info = pyogrio.read_info(martinique_export["gpkg"], layer="communes")
    assert info["crs"] == "EPSG:5490"
    assert info["features"] == expected
    text = _pdf_text(martinique_export["pdf"])
    assert "Martinique" in text and DEMO in text.lower()
    assert re.search(rf"Communes {expected}\b", " ".join(text.split()))


#: Poher communauté: communes in Finistère and in Côtes-d'Armor
POHER = "242900744"


def test_the_exports_of_an_epci_across_two_departements_hold_all_its_communes(demo_db, tmp_path):
    import geopandas as gpd
    import shapely

    from exports.maps import maturity_figure
    from exports.snapshot import load_snapshot

    communes = dict(demo_db.execute("SELECT code, departement FROM commune WHERE epci = ?", [POHER]).fetchall())
    assert sorted(set(communes.values())) == ["22", "29"]
    paths = {p.suffix[1:]: p for p in export_territory(demo_db, "epci", POHER, ("pdf", "gpkg"), tmp_path, today=TODAY)}
    layer = gpd.read_file(paths["gpkg"], layer="communes")
    assert sorted(layer["code"]) == sorted(communes) and layer.geometry.notna().all()
    assert re.search(rf"Communes {len(communes)}\b", " ".join(_pdf_text(paths["pdf"]).split()))
    # the map of the PDF draws every polygon of every commune (and the EPCI's outline), all inside its frame
    snapshot = load_snapshot(demo_db, "epci", POHER, today=TODAY)
    ax = maturity_figure(snapshot, width_in=7.0).axes[0]
    projected = snapshot.projected("communes")
    polygons = sum(len(shapely.get_parts(g)) for g in projected.geometry)
    outline = sum(len(shapely.get_parts(g)) for g in snapshot.projected("outline").geometry)
    assert sum(len(c.get_paths()) for c in ax.collections) == polygons + outline
    west, south, east, north = projected.total_bounds
    assert ax.get_xlim()[0] <= west and east <= ax.get_xlim()[1]
    assert ax.get_ylim()[0] <= south and north <= ax.get_ylim()[1]


@pytest.mark.parametrize("code", ["29019", "29289", "97411", "75056", "13055"])
def test_fiche_of_real_communes_is_one_page(demo_db, code):
    """Brest, a commune of 119 inhabitants, Saint-Denis de La Réunion (local CRS), Paris and Marseille."""
    from tests.exports.test_fiche_commune import _one_a4_page, _text
    from exports import render_fiche
    from exports.fiche_commune import SECTIONS

    content, name, _ = render_fiche(demo_db, code, today=TODAY)
    _one_a4_page(content)
    nom, voisines = demo_db.execute(
        "SELECT nom, (SELECT count(*) FROM commune v WHERE ST_Intersects(v.geom, c.geom) AND v.code <> c.code) "
        "FROM commune c WHERE code = ?", [code]).fetchone()
    assert name.endswith(f"-{code}_{TODAY.isoformat()}.pdf")
    text = _text(content)
    assert nom in text and all(title in text for title in SECTIONS.values())
    assert DEMO in text.lower()
    assert f"{voisines} commune{'s' if voisines > 1 else ''} voisine" in text
