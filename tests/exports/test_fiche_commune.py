"""The one-page fiche of a commune: one A4 page whatever the commune, every section, the demo
label only when something is demo, readable in greyscale, and its command.

Expected values are read from the small warehouse; the long-list case stretches a real
fiche's lists (CRTE, programmes, actions) far beyond what fits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pypdf
import pytest
from PIL import Image, ImageDraw

from atlas.provenance import read_demo_status
from atlas.progression import Action, Progression, for_commune
from atlas.vocabulary import MATURITY_LABELS
from atlas.warehouse import connect, fetch_df
from exports import UnknownTerritoryError, fiche_file_name, render_fiche
from exports.fiche_commune import LIMITS, MAP_DPI, SECTIONS
from exports.fiche_commune import render_fiche as render_page
from exports.fiche_data import load_fiche
from exports.fiche_map import neighbours_map
from tests.support.pdf import one_a4_page as _one_a4_page, pdf_text as _text
from tests.support.cli import handled, run_cli
from tests.support.small_warehouse import ISLAND

DEMO = "données de démonstration"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def without_alliance(small_db):
    """A commune with an outline and no alliance of its own (the small warehouse has some)."""
    code = small_db.execute(
        "SELECT code FROM commune WHERE geom IS NOT NULL AND code NOT IN (SELECT commune FROM alliance_commune) "
        "ORDER BY code LIMIT 1").fetchone()
    assert code is not None
    return code[0]


def test_fiche_is_one_a4_page_with_every_section(small_db):
    content, name, mimetype = render_fiche(small_db, "29001", today=TODAY)
    _one_a4_page(content)
    assert mimetype == "application/pdf" and name == "fiche-saint-eloi-des-landes-29001_2026-11-23.pdf"
    text = _text(content)
    for title in SECTIONS.values():
        assert title in text, title
    nom, epci_nom = small_db.execute(
        "SELECT c.nom, e.nom FROM commune c JOIN epci e ON e.code = c.epci WHERE c.code = '29001'").fetchone()
    assert nom in text and epci_nom in text and "Finistère (29)" in text
    classe = small_db.execute(
        "SELECT maturite_classe FROM indicateur_territoire WHERE niveau = 'commune' AND code = '29001'").fetchone()[0]
    assert MATURITY_LABELS[classe] in text
    peers = small_db.execute(
        "SELECT t.nom FROM territoire_pair p JOIN territoire t ON t.niveau = p.niveau AND t.code = p.pair "
        "WHERE p.niveau = 'commune' AND p.code = '29001' ORDER BY p.rang").fetchall()
    assert peers and all(p in text for (p,) in peers)
    nearest = fetch_df(small_db, "app/commune_catalyseurs", code="29001", limite=1).iloc[0]
    assert nearest["nom"].split(" ")[0] in text
    assert nearest["email"] and nearest["email"] in "".join(text.split())  # its contact, however wrapped
    page = _one_a4_page(content)
    links = {a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])}
    assert f"mailto:{nearest['email']}" in links and nearest["site"] in links


def test_demo_label_on_demo_data_and_none_without(small_db, small_bare_run):
    demo_text = " ".join(_text(render_fiche(small_db, "29001", today=TODAY)[0]).split())
    assert read_demo_status(small_db).label() in demo_text  # the label every export prints
    bare = connect(small_bare_run.db_path, read_only=True)
    try:
        content = render_fiche(bare, "29001", today=TODAY)[0]
    finally:
        bare.close()
    _one_a4_page(content)
    assert DEMO not in _text(content).lower()
    assert DEMO not in (pypdf.PdfReader(io.BytesIO(content)).metadata.subject or "").lower()


def test_mixed_warehouse_names_only_what_is_still_demo(small_mixed_run):
    """Real CRTE, half-real catalyseurs: the label the other exports print, and no more."""
    con = connect(small_mixed_run.db_path, read_only=True)
    try:
        label = read_demo_status(con).label()
        text = " ".join(_text(render_fiche(con, "22001", today=TODAY)[0]).split())
    finally:
        con.close()
    assert label.startswith("Données de démonstration : alliances, expérimentations, catalyseurs (en partie)")
    assert label in text and "Données réelles : CRTE, limites administratives" in text
    assert "Données de démonstration : alliances, CRTE" not in text


@pytest.mark.parametrize("case", ["sans alliance", "île", "sans contour"])
def test_communes_of_every_shape_fit_one_page(small_db, without_alliance, case):
    code = {"sans alliance": without_alliance, "île": ISLAND, "sans contour": "22005"}[case]
    content = render_fiche(small_db, code, today=TODAY)[0]
    _one_a4_page(content)
    text = _text(content)
    assert SECTIONS["voisines"] in text and SECTIONS["sources"] in text
    if case == "sans contour":
        assert "pas de carte" in text


def test_long_lists_are_cut_and_still_fit_one_page(small_db):
    fiche = load_fiche(small_db, "29001", today=TODAY)
    crte = pd.concat([fiche.crte.head(1)] * 12, ignore_index=True) if len(fiche.crte) else pd.DataFrame(
        {"nom": ["Contrat territorial"] * 12, "statut": ["signe"] * 12, "date_signature": [pd.NaT] * 12})
    crte["nom"] = [f"CRTE du très long nom de territoire n° {i} avec ses communes associées" for i in range(12)]
    programmes = pd.DataFrame({
        "libelle": ["Petites villes de demain"] * 20, "nom": [f"Site n° {i} au nom développé" for i in range(20)],
        "id": [f"pvd-{i}" for i in range(20)], "date_signature": [pd.Timestamp("2021-06-01")] * 20,
    })
    progression = Progression(
        "premiers_pas", "actif", 31.0, 40.0,
        tuple(Action("alliance", f"Une alliance de plus, avec un partenaire d'un nouveau type (action n° {i})", 2.5)
              for i in range(9)),
        "Neuf actions feraient passer la commune de « premiers pas » à « actif ».",
    )
    long = dataclasses.replace(fiche, crte=crte, programmes=programmes, progression=progression)
    content = render_page(long)
    _one_a4_page(content)
    text = _text(content)
    assert f"… et {12 - LIMITS['crte']} autres CRTE" in text
    assert f"… et {20 - LIMITS['programmes']} autres" in text
    assert f"… et {9 - LIMITS['actions']} autres" in text
    assert progression.phrase in text and "+2,5" in text


def test_progression_section_says_what_would_move_the_commune_up(small_db):
    expected = for_commune(small_db, "29002")
    assert expected is not None and expected.phrase
    text = " ".join(_text(render_fiche(small_db, "29002", today=TODAY)[0]).split())
    assert " ".join(expected.phrase.split()) in text
    assert all(" ".join(a.libelle.split()) in text for a in expected.actions[:LIMITS["actions"]])


def test_progression_actions_are_listed_with_their_points(small_db):
    fiche = load_fiche(small_db, "29002", today=TODAY)
    progression = Progression("actif", "pionnier", 52.0, 60.0, (Action("alliance", "Deux alliances de plus", 8.5),),
                              "2 alliances de plus feraient passer la commune d'« actif » à « pionnier ».")
    text = _text(render_page(dataclasses.replace(fiche, progression=progression)))
    assert "2 alliances de plus feraient passer" in text
    assert "Deux alliances de plus" in text and "+8,5" in text


def test_unknown_or_invalid_commune_is_refused_in_french(small_db):
    for code in ("99999", "../29001", "2A0"):
        with pytest.raises(UnknownTerritoryError, match="commune"):
            render_fiche(small_db, code)


def test_file_name_is_built_from_the_warehouse_name_and_code():
    assert fiche_file_name("Île-de-Sein", "29083", TODAY) == "fiche-ile-de-sein-29083_2026-11-23.pdf"


# --------------------------------------------------------------------------- greyscale


def _masks(fig, geometries, size: tuple[int, int], scale: float, shrink: float) -> list[np.ndarray]:
    """Pixel masks of ``geometries`` (shrunk by ``shrink`` metres) in a PNG of ``fig`` saved at ``scale`` × its dpi."""
    ax = fig.axes[0]
    out = []
    for geometry in geometries:
        inner = geometry.buffer(-shrink)
        image = Image.new("1", size, 0)
        for polygon in getattr(inner, "geoms", [inner]):
            points = ax.transData.transform(np.asarray(polygon.exterior.coords)) * scale
            ImageDraw.Draw(image).polygon([(x, size[1] - y) for x, y in points], fill=1)
        out.append(np.asarray(image, dtype=bool))
    return out


def test_commune_stands_out_from_neighbours_of_its_class_in_greyscale(small_db):
    """The map embedded in the PDF, in greyscale: the commune's cross-hatching makes it darker than
    its neighbours even when they all share its class, and its outline is black."""
    fiche = load_fiche(small_db, "29002", today=TODAY)
    same_class = fiche.neighbours.assign(maturite_classe="actif")
    page = _one_a4_page(render_page(dataclasses.replace(fiche, neighbours=same_class)))
    (embedded,) = page.images
    grey = np.asarray(Image.open(io.BytesIO(embedded.data)).convert("L"), dtype=float)
    fig = neighbours_map(same_class, width_in=grey.shape[1] / MAP_DPI)
    scale = grey.shape[1] / (fig.get_size_inches()[0] * fig.dpi)
    own = same_class["est_la_commune"].to_numpy(dtype=bool)
    masks = _masks(fig, same_class.geometry, (grey.shape[1], grey.shape[0]), scale, shrink=400)
    commune = grey[masks[int(np.flatnonzero(own)[0])]].mean()
    neighbours = [grey[m].mean() for m, is_own in zip(masks, own) if not is_own]
    assert neighbours, "the test commune has neighbours"
    assert all(abs(commune - n) >= 25 for n in neighbours), (commune, neighbours)  # a tenth of the grey range
    ring = _masks(fig, [same_class.geometry[own].iloc[0].buffer(60)], (grey.shape[1], grey.shape[0]), scale, 0)[0] \
        & ~_masks(fig, [same_class.geometry[own].iloc[0]], (grey.shape[1], grey.shape[0]), scale, 60)[0]
    assert grey[ring].mean() < 110  # the thick black outline


# --------------------------------------------------------------------------- command


def test_cli_writes_the_fiche(small_run, tmp_path: Path):
    result = run_cli("export", "--commune", "29001", "--fiche", "--out", str(tmp_path), "--db", str(small_run.db_path))
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.glob("fiche-*.pdf")
    assert path.name.startswith("fiche-saint-eloi-des-landes-29001_")
    _one_a4_page(path.read_bytes())
    assert "Fiche commune" in result.output


def test_cli_refuses_a_fiche_for_another_level(small_run, tmp_path: Path):
    result = run_cli("export", "--departement", "29", "--fiche", "--out", str(tmp_path), "--db", str(small_run.db_path))
    assert result.exit_code == 2 and handled(result)
    assert "--fiche va avec --commune" in result.output + (result.stderr or "")
    assert not list(tmp_path.iterdir())
