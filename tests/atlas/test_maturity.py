"""The Python mirror of the maturity model (atlas.maturity) against the SQL one (queries/macros/maturite.sql)."""

from __future__ import annotations

import pytest

from atlas import maturity
from atlas.parameters import read_parameters
from atlas.vocabulary import MATURITY_COMPONENTS


def _rows(con):
    frame = con.execute(
        "SELECT m.*, t.maturite_classe FROM commune_maturite m "
        "JOIN indicateur_territoire t ON t.niveau = 'commune' AND t.code = m.code ORDER BY m.code"
    ).df()
    return frame.to_dict("records")


@pytest.mark.parametrize("run", ["small_db", "small_bare_db"])
def test_python_recomputes_every_stored_score(run, request):
    con = request.getfixturevalue(run)
    parameters = read_parameters(con)
    rows = _rows(con)
    assert rows
    for row in rows:
        measures = maturity.Measures.of(row)
        values = maturity.components(measures, parameters)
        for name in MATURITY_COMPONENTS:
            assert values[name] == row[f"maturite_{name}"], (row["code"], name)
        recomputed = maturity.score(measures, parameters)
        stored = None if row["maturite_score"] != row["maturite_score"] else row["maturite_score"]
        assert recomputed == stored, row["code"]
        assert maturity.classe(recomputed, parameters) == row["maturite_classe"], row["code"]


@pytest.fixture(scope="module")
def small_bare_db(small_bare_run):
    from atlas.warehouse import connect

    con = connect(small_bare_run.db_path, read_only=True)
    yield con
    con.close()
