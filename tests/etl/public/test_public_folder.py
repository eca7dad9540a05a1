"""A data folder as a user fills it: the demo files of what is not published, beside the
ANCT programme lists, a Filosofi file and the Répertoire national des élus maires file,
all dropped with their published names. Each family goes to its own reader, no file is
ignored, and every file read is accounted for (read = loaded + rejected) in the journal."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from etl.runner import RunOptions, run_etl
from tests.support.insee_files import write_filosofi

RNE_HEADER = ("Code du département;Libellé du département;Code de la collectivité à statut particulier;"
              "Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;"
              "Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;"
              "Libellé de la catégorie socio-professionnelle;Date de début du mandat;Date de début de la fonction")


@pytest.fixture(scope="module")
def mixed_folder_run(tmp_path_factory, small_public_run):
    folder = tmp_path_factory.mktemp("dossier-mixte")
    data = folder / "donnees"
    shutil.copytree(small_public_run.db_path.parent / "donnees", data)
    db = folder / "warehouse.duckdb"
    shutil.copy(small_public_run.db_path, db)
    con = duckdb.connect(str(db), read_only=True)
    communes = [c for (c,) in con.execute("SELECT code FROM commune ORDER BY code LIMIT 3").fetchall()]
    con.close()
    write_filosofi(data, [(communes[0], "14,2", "21340"), (communes[1], "s", "s"), (communes[2], "9,8", "23120")])
    (data / "elus-maires-mai.csv").write_text("\n".join([
        RNE_HEADER,
        f"{communes[0][:2]};Département;;;{communes[0]};Commune;MARTIN;Alice;F;1970-04-02;37;Cadre;2026-03-15;2026-03-23",
    ]) + "\n", encoding="utf-8")
    report = run_etl(RunOptions(db_path=db, data_dir=data))
    return report, sorted(p.name for p in data.iterdir())


def test_each_published_file_goes_to_its_reader_and_none_is_ignored(mixed_folder_run):
    report, names = mixed_folder_run
    public = {s["nom"]: s for s in report.sources if s.get("role") == "publique"}
    readers = {name: public[name]["lecteur"] for name in public}
    assert readers["cc_filosofi_2021_COM.csv"] == "insee"
    assert readers["elus-maires-mai.csv"] == "rne"
    assert {readers[n] for n in names if n.startswith("liste-")} <= {"anct", "anct_crte"}
    assert all(n in public for n in names if n.startswith(("liste-", "cc_filosofi", "elus-")))
    assert not [w.message for w in report.warnings if "ignoré :" in w.message]


def test_every_file_read_is_loaded_or_rejected(mixed_folder_run):
    report, _ = mixed_folder_run
    for count in report.file_counts:
        assert count.read == count.loaded + count.rejected, count.file
    for source in report.sources:
        if source.get("role") == "publique":
            assert source["lues"] == source["chargees"] + source["rejetees"], source["nom"]
            assert len(source["sha256"]) == 64 and source["licence"]


def test_the_warehouse_holds_each_family_beside_the_demo(mixed_folder_run):
    report, _ = mixed_folder_run
    con = duckdb.connect(str(report.db_path), read_only=True)
    try:
        programmes = con.execute("SELECT count(DISTINCT commune) FROM programme_commune").fetchone()[0]
        secrets, values = con.execute(
            "SELECT count(*) FILTER (WHERE secret), count(*) FILTER (WHERE NOT secret) FROM indicateur_commune "
            "WHERE source = 'cc_filosofi_2021_COM.csv'").fetchone()
        maire = con.execute("SELECT prenom, nom FROM maire WHERE fonction = 'MAI' AND source LIKE '%elus-maires%'"
                            ).fetchall()
        demo_alliances = con.execute("SELECT count(*) FROM alliance WHERE demo").fetchone()[0]
        sources = json.loads(con.execute("SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
    finally:
        con.close()
    assert programmes > 0 and values > 0 and secrets > 0
    assert maire == [("Alice", "MARTIN")]
    assert demo_alliances > 0  # the demo files beside the real ones are still loaded, still flagged
    assert {s["nom"] for s in sources if s.get("role") == "publique"} >= {"cc_filosofi_2021_COM.csv",
                                                                        "elus-maires-mai.csv"}
