"""« Territoires qui me ressemblent »: nearest peers of every commune and EPCI."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from etl.scores.config import ParametersError, load_parameters
from etl.scores.pairs import nearest_peers

WEIGHTS = dict(load_parameters().pairs_poids)


def profile(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["niveau", "code", "groupe", "variable", "valeur"])


def random_profile(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        code = f"{i + 1000:05d}"
        rows += [("commune", code, "population", "population", float(rng.normal(7, 1))),
                 ("commune", code, "densite", "densite", float(rng.normal(4, 1))),
                 ("commune", code, "isolement", "isolement", float(rng.normal(2, 1)))]
        if i % 3:
            rows.append(("commune", code, "fragilite", "fragilite_taux_pauvrete", float(rng.uniform(0, 100))))
        if i % 5 == 0:
            rows.append(("commune", code, "programmes", "pvd", 1.0))
    return profile(rows)


def test_the_nearest_profiles_come_first_ties_by_code():
    p = profile([("commune", c, "population", "population", v)
                 for c, v in [("29004", 5.0), ("29001", 1.0), ("29003", 1.0), ("29002", 1.0)]])
    peers = nearest_peers(p, WEIGHTS, 2)
    got = {(r.code, r.rang): (r.pair, r.distance) for r in peers.itertuples()}
    assert got[("29001", 1)] == ("29002", 0.0) and got[("29001", 2)] == ("29003", 0.0)
    assert got[("29003", 1)] == ("29001", 0.0) and got[("29003", 2)] == ("29002", 0.0)
    assert got[("29004", 1)][0] == "29001" and got[("29004", 1)][1] > 0
    assert len(peers) == 8 and (peers["code"] != peers["pair"]).all()


def test_the_distance_is_the_weighted_standardised_one():
    # two variables of distinct groups, standardised; weights 4 and 1 -> sqrt(4 dz1² + dz2²)
    p = profile([("commune", "A", "population", "population", 0.0), ("commune", "A", "densite", "densite", 0.0),
                 ("commune", "B", "population", "population", 2.0), ("commune", "B", "densite", "densite", 10.0)])
    peers = nearest_peers(p, {**WEIGHTS, "population": 4.0, "densite": 1.0}, 1)
    # each variable has two values: z = ±1, so dz = 2 for both
    assert peers["distance"].tolist() == pytest.approx([np.sqrt(4 * 4 + 4)] * 2)


def test_a_group_shares_its_weight_and_a_missing_programme_is_zero():
    rows = [("commune", c, "fragilite", v, x) for c, v, x in [
        ("A", "f1", 0.0), ("A", "f2", 0.0), ("B", "f1", 1.0), ("B", "f2", 1.0)]]
    rows += [("commune", "B", "programmes", "pvd", 1.0)]
    peers = nearest_peers(profile(rows), {**WEIGHTS, "fragilite": 1.0, "programmes": 1.0}, 1)
    # fragilite: two variables with weight 1/2 each, dz = 2 -> 2·(1/2)·4 = 4; programmes: 0 vs 1 -> dz = 2 -> 4
    assert peers["distance"].tolist() == pytest.approx([np.sqrt(8)] * 2)


def test_same_input_same_output_whatever_the_row_order():
    p = random_profile(400)
    first = nearest_peers(p, WEIGHTS, 10)
    again = nearest_peers(p.sample(frac=1, random_state=3), WEIGHTS, 10)
    pd.testing.assert_frame_equal(first, again)
    assert (first.groupby("code").size() == 10).all()
    assert first.groupby("code")["distance"].apply(lambda d: d.is_monotonic_increasing).all()


def test_levels_are_compared_separately_and_small_levels_get_what_there_is():
    p = pd.concat([random_profile(30), profile([("epci", e, "population", "population", float(i))
                                                for i, e in enumerate(["200000001", "200000002", "200000003"])])])
    peers = nearest_peers(p, WEIGHTS, 10)
    epci = peers[peers["niveau"] == "epci"]
    assert set(epci["pair"]) <= {"200000001", "200000002", "200000003"}
    assert epci.groupby("code").size().tolist() == [2, 2, 2]


def test_warehouse_peers(small_db):
    rows = small_db.execute("SELECT niveau, code, pair, rang, distance FROM territoire_pair").df()
    communes = small_db.execute("SELECT count(*) FROM commune").fetchone()[0]
    epci = small_db.execute("SELECT count(*) FROM epci").fetchone()[0]
    expected = min(10, communes - 1)
    assert rows[rows.niveau == "commune"].groupby("code").size().eq(expected).all()
    assert rows[rows.niveau == "commune"]["code"].nunique() == communes
    assert rows[rows.niveau == "epci"]["code"].nunique() == epci
    assert (rows["code"] != rows["pair"]).all()


def test_peer_parameters_are_checked(tmp_path):
    text = load_parameters().path
    bad = tmp_path / "p.toml"
    bad.write_text(open(text, encoding="utf-8").read().replace("nombre = 10", "nombre = 0"), encoding="utf-8")
    with pytest.raises(ParametersError, match=r"\[pairs\] nombre"):
        load_parameters(bad)
    bad.write_text(open(text, encoding="utf-8").read().replace("programmes = 0.5", "programme = 0.5"),
                   encoding="utf-8")
    with pytest.raises(ParametersError, match=r"\[pairs.poids\].*manquantes : programmes"):
        load_parameters(bad)
