"""The maires file of the Répertoire national des élus, written here in its published
layout (``elus-maires-mai.csv``: UTF-8, ``;``, fourteen columns), read by
:class:`etl.public.rne.RneMairesReader` and loaded by a run."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil

import duckdb
import openpyxl
import pytest

from atlas.warehouse import connect
from dashboard.data import Warehouse
from dashboard.views import commune_view
from exports import render

from etl.domain.errors import DomainFileError
from etl.domain.references import References
from etl.public import READERS, public_files
from etl.public.rne import RneMairesReader
from etl.runner import RunOptions, run_etl

HEADER = ("Code du département;Libellé du département;Code de la collectivité à statut particulier;"
          "Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;"
          "Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;"
          "Libellé de la catégorie socio-professionnelle;Date de début du mandat;Date de début de la fonction")
#: The conseillers municipaux file of the same répertoire: it names the function in a column.
CM_HEADER = ("Code du département;Libellé du département;Code de la collectivité à statut particulier;"
             "Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;"
             "Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;"
             "Libellé de la catégorie socio-professionnelle;Date de début du mandat;Libellé de la fonction;"
             "Date de début de la fonction;Code nationalité")


RNE_FILE_SOURCE = "Répertoire national des élus (elus-maires-mai.csv)"


def row(dep, code, libelle, nom, prenom, debut, naissance="1970-04-02", sexe="F"):
    return ";".join([dep, "Département test", "", "", code, libelle, nom, prenom, sexe, naissance, "37",
                     "Cadre de la fonction publique", "2026-03-15", debut])


def write(path, rows, header=HEADER):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


REFS = References(
    communes=frozenset({"01001", "01002", "2A004"}),
    historique={"01003": "01002"},  # a commune déléguée of 01002
    arrondissements={},
    epci=frozenset(),
    departements=frozenset({"01", "2A"}),
    regions=frozenset(),
)


def test_detected_by_its_published_name_or_its_header(tmp_path):
    reader = RneMairesReader()
    named = write(tmp_path / "elus-maires-mai.csv", [])
    renamed = write(tmp_path / "maires-2026.csv", [])
    cm = write(tmp_path / "elus-conseillers-municipaux-cm.csv", [], CM_HEADER)
    other = tmp_path / "alliances.csv"
    other.write_text("id;intitule\n", encoding="utf-8")
    assert reader.detect(named).layout == "Répertoire national des élus, maires"
    assert reader.detect(renamed) is not None
    assert reader.detect(cm) is None and reader.detect(other) is None
    assert any(isinstance(r, RneMairesReader) for r in READERS)
    assert [f.path.name for f in public_files(tmp_path)] == ["elus-maires-mai.csv", "maires-2026.csv"]


def test_every_row_is_loaded_or_rejected_with_its_reason(tmp_path):
    path = write(tmp_path / "elus-maires-mai.csv", [
        row("01", "01001", "Abergement-Test", "MARTIN", "Alice", "2026-03-23"),  # line 2: ISO dates (2026)
        row("2A", "2A004", "Ajaccio-Test", "SANTONI", "Ange", "20/03/2026"),    # line 3: JJ/MM/AAAA
        row("01", "01003", "Ancienne-Test", "BERNARD", "Luc", "2026-03-20"),    # line 4: former code -> 01002
        row("01", "01999", "Inconnue", "DUPONT", "Marc", "2026-03-21"),         # line 5: unknown commune
        row("01", "01001", "Abergement-Test", "DOUBLE", "Zoé", "2026-03-24"),   # line 6: second maire
        row("01", "1002", "Varey-Test", "", "Paul", "2026-03-22"),              # line 7: no name
        row("01", "1002", "Varey-Test", "LEROY", "Paul", "31/02/2026"),         # line 8: bad date
        row("01", "1002", "Varey-Test", "LEROY", "Paul", "1890-01-01"),         # line 9: out of the window
    ])
    load = RneMairesReader().load([RneMairesReader().detect(path)], REFS)
    frame = load.tables["rne_maire"]
    assert frame[["commune", "prenom", "nom"]].values.tolist() == [
        ["01001", "Alice", "MARTIN"], ["2A004", "Ange", "SANTONI"], ["01002", "Luc", "BERNARD"]]
    assert list(frame["date_debut_fonction"]) == [dt.date(2026, 3, 23), dt.date(2026, 3, 20), dt.date(2026, 3, 20)]
    assert set(frame["source"]) == {"Répertoire national des élus (elus-maires-mai.csv)"}
    assert not {"Date de naissance", "Code sexe", "date_naissance", "sexe", "profession"} & set(frame.columns)
    reasons = {(r.line, r.column): r.reason for r in load.rejects}
    assert reasons[(5, "Code de la commune")] == "code commune inconnu « 01999 » (Inconnue)"
    assert reasons[(6, "Code de la commune")] == "la commune 01001 a déjà un maire dans ce fichier (ligne 2)"
    assert reasons[(7, "Nom de l'élu")] == "valeur obligatoire manquante"
    assert "date invalide « 31/02/2026 »" in reasons[(8, "Date de début de la fonction")]
    assert "période plausible" in reasons[(9, "Date de début de la fonction")]
    assert len(reasons) == 5
    [mapping] = load.mappings
    assert (mapping.line, mapping.ancien_code, mapping.code_actuel) == (4, "01003", "01002")
    [count] = load.file_counts
    assert (count.entity, count.read, count.loaded, count.rejected) == ("maires", 8, 3, 5)
    assert any("Date de naissance" in n.message and "jamais conservées" in n.message for n in load.notes)


def test_a_file_without_the_commune_column_is_refused_with_its_name(tmp_path):
    path = write(tmp_path / "elus-maires-mai.csv", ["01;Ain;MARTIN;Alice"],
                 header="Code du département;Libellé du département;Nom de l'élu;Prénom de l'élu")
    with pytest.raises(DomainFileError, match=r"elus-maires-mai.csv : colonnes « Code de la commune », "
                                              r"« Date de début de la fonction » absentes"):
        RneMairesReader().load([RneMairesReader().detect(path)], REFS)


@pytest.fixture(scope="module")
def rne_run(tmp_path_factory, small_bare_run):
    """The small boundaries-only warehouse, run again with a maires file of two communes and an unknown one."""
    folder = tmp_path_factory.mktemp("rne")
    db = folder / "warehouse.duckdb"
    shutil.copy(small_bare_run.db_path, db)
    con = duckdb.connect(str(db), read_only=True)
    communes = [c for (c,) in con.execute("SELECT code FROM commune ORDER BY code LIMIT 2").fetchall()]
    con.close()
    data = folder / "donnees"
    data.mkdir()
    write(data / "elus-maires-mai.csv", [
        row(communes[0][:2], communes[0], "Première", "MARTIN", "Alice", "2026-03-23"),
        row(communes[1][:2], communes[1], "Seconde", "BERNARD", "Luc", "20/03/2026"),
        row("01", "01999", "Inconnue", "DUPONT", "Marc", "2026-03-21"),
    ])
    return run_etl(RunOptions(db_path=db, data_dir=data)), communes


def test_a_run_brings_the_maires_up_to_date_and_keeps_no_personal_data(rne_run):
    report, communes = rne_run
    con = duckdb.connect(str(report.db_path), read_only=True)
    try:
        maires = con.execute("SELECT commune, prenom, nom, fonction, date_debut_fonction, source FROM maire "
                             "ORDER BY commune").fetchall()
        assert maires == [
            (communes[0], "Alice", "MARTIN", "MAI", dt.date(2026, 3, 23), RNE_FILE_SOURCE),
            (communes[1], "Luc", "BERNARD", "MAI", dt.date(2026, 3, 20), RNE_FILE_SOURCE),
        ]
        assert con.execute("SELECT count(*) FROM mairie").fetchone()[0] == 0  # a user's boundaries file: no mairie
        rejects = con.execute("SELECT source, line, reason FROM etl_rejects WHERE run_id = "
                              "(SELECT max(run_id) FROM etl_runs)").fetchall()
        assert rejects == [("elus-maires-mai.csv", 4, "code commune inconnu « 01999 » (Inconnue)")]
        columns = {c for (c,) in con.execute("SELECT column_name FROM information_schema.columns").fetchall()}
        assert not {"date_naissance", "sexe", "code_sexe", "profession", "date_de_naissance"} & columns
        [sources] = con.execute("SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()
        [entry] = [s for s in json.loads(sources) if s.get("lecteur") == "rne"]
        assert (entry["nom"], entry["lues"], entry["chargees"], entry["rejetees"]) == ("elus-maires-mai.csv", 3, 2, 1)
    finally:
        con.close()


def test_the_card_and_the_exports_show_the_maire(rne_run):
    report, communes = rne_run
    view = commune_view(Warehouse(report.db_path), communes[0])
    assert [(m.prenom, m.nom, m.date_debut_fonction) for m in view.maires] == [("Alice", "MARTIN", dt.date(2026, 3, 23))]
    assert view.mairie is None and view.published == report.finished_at.date()
    con = connect(report.db_path, read_only=True)
    try:
        departement = con.execute("SELECT departement FROM commune WHERE code = ?", [communes[0]]).fetchone()[0]
        content, _, _ = render(con, "departement", departement, "csv")
        workbook, _, _ = render(con, "departement", departement, "xlsx")
    finally:
        con.close()
    table = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    by_code = {r["Code commune"]: r for r in table}
    assert (by_code[communes[0]]["Maire"], by_code[communes[0]]["Maire depuis le"]) == ("Alice MARTIN", "23/03/2026")
    assert {"Téléphone de la mairie", "Courriel de la mairie", "Adresse de la mairie", "Site de la mairie"} <= set(table[0])
    sheet = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True)
    header_rows = [list(r) for ws in sheet.worksheets for r in ws.iter_rows(values_only=True) if r and "Maire" in r]
    assert header_rows, "the communes sheet has a « Maire » column"
