"""The one helper that runs the SQL of ``queries/``: parameters bound per statement, unknown
names refused, and macros and views kept in the warehouse file for read-only readers."""

from __future__ import annotations

import pytest

from atlas import warehouse
from atlas.warehouse import connect, fetch_df, run


@pytest.fixture()
def fake_models(monkeypatch):
    """Models given as text, for the tests of parameter binding."""
    texts = {
        "test/deux_requetes": (
            "-- a $comment parameter is not a parameter\n"
            "CREATE TABLE t AS SELECT $a AS a, 'x;$b' AS texte;\n"
            "INSERT INTO t SELECT $b, $code_postal;\n"
            "SELECT a, texte FROM t ORDER BY a;"
        ),
    }
    monkeypatch.setattr(warehouse, "sql", texts.__getitem__)
    warehouse._statements.cache_clear()
    yield
    warehouse._statements.cache_clear()


def test_each_statement_gets_only_the_parameters_it_names(fake_models):
    con = connect()
    rows = run(con, "test/deux_requetes", a=1, b=2, code_postal="12000", code="inutilisé").fetchall()
    assert rows == [(1, "x;$b"), (2, "12000")]


def test_a_missing_parameter_is_named(fake_models):
    con = connect()
    with pytest.raises(TypeError, match="code_postal"):
        run(con, "test/deux_requetes", a=1, b=2)


@pytest.mark.parametrize("name", ["app/nexiste_pas", "../pyproject", "/etc/passwd", "app"])
def test_unknown_names_are_refused(name):
    with pytest.raises(KeyError):
        run(connect(), name)


def test_fetch_df_returns_the_last_statement_result():
    con = connect()
    run(con, "schema/entrepot_format", format="9999.1", unused="ignoré")
    assert fetch_df(con, "app/entrepot_format")["version"].tolist() == ["9999.1"]


def test_macros_and_table_macros_persist_for_read_only_readers(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    run(con, "macros/moyennes")
    con.execute(
        "CREATE TABLE commune AS SELECT * FROM (VALUES "
        "('01001', '01', '84', 'E1', 100), ('01002', '01', '84', NULL, NULL), ('02001', '02', '32', 'E1', 300)"
        ") v(code, departement, region, epci, population)"
    )
    run(con, "marts/territoire_commune")
    run(con, "marts/communes_du_territoire")
    con.close()

    reader = connect(path, read_only=True)
    means = reader.execute(
        "SELECT region, moyenne_ponderee(population, 1), part_ponderee(epci IS NOT NULL, 1), "
        "moyenne_ponderee_si(population, 1, departement = '01') FROM commune GROUP BY region ORDER BY region"
    ).fetchall()
    assert means == [("32", 300.0, 1.0, None), ("84", 100.0, 0.5, 50.0)]
    perimetre = reader.execute(
        "SELECT code FROM communes_du_territoire($niveau, $code) ORDER BY code", {"niveau": "region", "code": "84"}
    ).fetchall()
    assert perimetre == [("01001",), ("01002",)]
    reader.close()
