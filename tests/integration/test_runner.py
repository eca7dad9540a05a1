"""Domain data on the real boundaries: the full demo's sizes, merged communes, census vintages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from atlas.entities import ENTITIES
from tests.etl.test_runner import _write


@pytest.fixture()
def published(copy_of, full_run):
    return copy_of(full_run)


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
