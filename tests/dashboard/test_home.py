"""The home page reads the warehouse (read-only) and shows national counts."""

from __future__ import annotations

import json

import duckdb
import pytest

from dashboard.app import create_app
from dashboard.data import Warehouse


@pytest.fixture(scope="module")
def app(small_bare_run):
    return create_app(small_bare_run.db_path)


def test_home_page_is_served(app):
    client = app.server.test_client()
    response = client.get("/")
    assert response.status_code == 200
    assert b"Atlas des alliances territoriales" in response.data


def _text(component) -> str:
    """All the text a Dash component tree shows."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(_text(c) for c in component)
    parts = [_text(getattr(component, "children", None))]
    data = getattr(component, "data", None)
    if isinstance(data, list):
        parts.extend(str(v) for row in data for v in row.values())
    return " ".join(parts)


def _page_layout(path: str):
    """The layout function of the page registered at ``path`` (as Dash imported it)."""
    import dash

    return next(page["layout"] for page in dash.page_registry.values() if page["path"] == path)


def _grouped(n: int) -> str:
    """``12174880`` -> ``12 174 880`` with narrow no-break spaces, as the pages print integers."""
    return f"{n:,}".replace(",", "\u202f")


def test_home_layout_shows_national_counts(app, small_bare_run):
    from atlas.warehouse import connect

    text = _text(_page_layout("/")())
    con = connect(small_bare_run.db_path, read_only=True)
    try:
        communes, population = con.execute("SELECT count(*), sum(population) FROM commune").fetchone()
        regions = con.execute(
            "SELECT r.code, r.nom, (SELECT count(*) FROM departement d WHERE d.region = r.code), "
            "(SELECT count(*) FROM commune c WHERE c.region = r.code), r.population, round(r.superficie_km2) "
            "FROM region r").fetchall()
        sources = json.loads(con.execute("SELECT sources FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchone()[0])
    finally:
        con.close()
    assert f"Chiffres nationaux {_grouped(communes)} communes" in text
    assert f"{_grouped(population)} habitants" in text
    # the nouns agree with the counts: one région is « 1 région », not « 1 régions »
    assert len(regions) == 1 and "1 région " in text + " " and "1 régions" not in text
    for code, name, departements, in_region, inhabitants, area in regions:  # one row of the régions table
        assert f"{code} {name} {departements} {in_region} {_grouped(inhabitants)} {_grouped(int(area))}" in text
    limites = next(s for s in sources if s["role"] == "limites")
    assert f"Limites administratives : {limites['nom']} {limites['version']}" in text


def test_warehouse_is_opened_read_only(small_bare_run):
    warehouse = Warehouse(small_bare_run.db_path)
    with pytest.raises(duckdb.Error):
        warehouse._con.execute("CREATE TABLE x (a INTEGER)")


def test_a_warehouse_of_another_version_is_refused_with_a_clear_message(small_bare_run, tmp_path):
    import shutil

    from atlas.warehouse import WarehouseFormatError, connect
    from tests.support.cli import handled, run_cli

    old = tmp_path / "ancien.duckdb"
    shutil.copy(small_bare_run.db_path, old)
    con = connect(old)
    con.execute("DROP TABLE entrepot_format")  # as built before the format was recorded
    con.close()
    with pytest.raises(WarehouseFormatError, match="ancien.duckdb.*autre version.*territoires etl"):
        Warehouse(old)
    for command in (["serve", "--port", "8099"], ["export", "--region", "53", "--format", "csv", "--out", str(tmp_path)],
                    ["demo-data", "--out", str(tmp_path / "demo")]):
        result = run_cli(*command, "--db", str(old))
        assert handled(result) and result.exit_code == 1, command
        message = " ".join(result.stderr.split())
        assert "autre version de l'outil" in message and "Traceback" not in result.stderr, command
