"""Registration of the loaded rows as ``raw_<entity>`` relations."""

from __future__ import annotations

import duckdb
import pandas as pd

from etl.domain.register import register_domain


def test_a_row_located_by_its_commune_gets_the_communes_departement():
    con = duckdb.connect()
    frame = pd.DataFrame(
        {
            "id": ["EXP-001", "EXP-002", "EXP-003", "EXP-004"],
            "commune": ["97411", "2A004", None, "12145"],
            "departement": [None, None, "12", "81"],
        }
    )
    register_domain(con, {"experimentations": frame})
    rows = con.execute("SELECT id, commune, departement FROM raw_experimentations ORDER BY id").fetchall()
    assert rows == [
        ("EXP-001", "97411", "974"),
        ("EXP-002", "2A004", "2A"),
        ("EXP-003", None, "12"),
        ("EXP-004", "12145", "81"),  # a declared département is kept
    ]
