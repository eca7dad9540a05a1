"""``territoires modeles``: blank templates, filled templates, a missing warehouse."""

from __future__ import annotations

import openpyxl

from atlas.entities import ENTITIES
from tests.support.cli import handled, run_cli


def test_modeles_writes_one_template_per_entity(tmp_path):
    result = run_cli("modeles", "--out", str(tmp_path / "modeles"))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "modeles").iterdir())
    assert names == sorted(f"{s.file_stem}.xlsx" for s in ENTITIES.values())
    assert f"{len(ENTITIES)} modèles écrits" in result.stderr


def test_modeles_filled_with_the_published_data(tmp_path, small_run):
    result = run_cli("modeles", "--out", str(tmp_path), "--remplis", "--db", str(small_run.db_path))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(tmp_path / "alliances.xlsx", read_only=True)["alliances"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    assert rows and all(r[0] is None for r in rows)  # no example row in a filled template


def test_modeles_filled_without_a_warehouse(tmp_path):
    result = run_cli("modeles", "--out", str(tmp_path / "m"), "--remplis", "--db", str(tmp_path / "absent.duckdb"))
    assert handled(result) and result.exit_code == 1
    assert "entrepôt introuvable" in result.stderr
    assert not (tmp_path / "m").exists()
