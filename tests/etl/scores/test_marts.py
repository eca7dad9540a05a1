"""Maturity and fragility indices: properties, hand-computed values, parameters."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from etl.scores.config import ParametersError, load_parameters
from etl.scores.marts import build_marts
from atlas.warehouse import connect
from tests.support import small_warehouse

PARAMS = load_parameters()
REF = date(2024, 6, 1)  # latest alliance start in the tiny fixture = reference date


def _square(x0: float, y0: float, side: float = 0.05) -> str:
    return f"POLYGON(({x0} {y0}, {x0 + side} {y0}, {x0 + side} {y0 + side}, {x0} {y0 + side}, {x0} {y0}))"


@pytest.fixture()
def tiny():
    """Four communes of one département: A (data-rich), B and C (EPCI E2 of one commune: C), D (nothing)."""
    con = connect()
    con.execute("""
        CREATE TABLE commune AS SELECT * FROM (VALUES
            ('29001', 'A', '29', '53', '200000001', 10000, 2017, 25.0, ST_GeomFromText($a)),
            ('29002', 'B', '29', '53', '200000001', 500, 2017, 25.0, ST_GeomFromText($b)),
            ('29003', 'C', '29', '53', '200000002', 2000, 2017, 25.0, ST_GeomFromText($c)),
            ('29004', 'D', '29', '53', NULL, 100, 2017, 25.0, ST_GeomFromText($d))
        ) t(code, nom, departement, region, epci, population, population_annee, superficie_km2, geom)
    """, {"a": _square(-4.0, 48.0), "b": _square(-3.95, 48.0), "c": _square(-3.0, 48.0), "d": _square(-2.0, 48.5)})
    con.execute("CREATE TABLE epci AS SELECT *, NULL AS nom, NULL AS population, NULL AS superficie_km2, "
                "NULL::GEOMETRY AS geom FROM (VALUES ('200000001'), ('200000002')) t(code)")
    con.execute("CREATE TABLE departement AS SELECT '29' AS code, 'F' AS nom, '53' AS region, "
                "NULL AS population, NULL AS superficie_km2, NULL::GEOMETRY AS geom")
    con.execute("CREATE TABLE region AS SELECT code, nom, population, superficie_km2, geom FROM departement")
    con.execute("CREATE TABLE alliance (id VARCHAR, date_debut DATE, date_fin DATE, statut VARCHAR, forme VARCHAR)")
    con.execute("CREATE TABLE alliance_commune (alliance VARCHAR, commune VARCHAR, via VARCHAR)")
    con.execute("CREATE TABLE alliance_partenaire (alliance VARCHAR, type_partenaire VARCHAR)")
    con.execute("CREATE TABLE crte AS SELECT 'K1' AS id, DATE '2020-06-01' AS date_signature, 'signe' AS statut")
    con.execute("CREATE TABLE crte_epci AS SELECT 'K1' AS crte, '200000001' AS epci")
    con.execute("CREATE TABLE crte_commune AS SELECT 'K1' AS crte, code AS commune, epci AS via "
                "FROM commune WHERE epci = '200000001'")
    con.execute("""CREATE TABLE experimentation (id VARCHAR, echelle VARCHAR, statut VARCHAR,
                   commune VARCHAR, departement VARCHAR, annee INTEGER)""")
    con.execute("""CREATE TABLE catalyseur AS SELECT 'K' AS id, '29001' AS commune, 2016 AS annee_adhesion,
                   ST_Point(-3.975, 48.025) AS geom""")
    con.execute("CREATE TABLE programme_commune (programme VARCHAR, id VARCHAR, commune VARCHAR, via VARCHAR)")
    con.execute("CREATE TABLE catalyseur_territoire AS SELECT 'K' AS catalyseur, 'commune' AS niveau, '29001' AS code")
    con.execute("""CREATE TABLE indicateur_commune (commune VARCHAR, indicateur VARCHAR, annee INTEGER,
                   valeur DOUBLE, secret BOOLEAN DEFAULT false)""")
    add_alliance(con, "X1", ["29001"], ["association", "collectivite"], "mecenat", REF, "active")
    add_alliance(con, "X2", ["29003"], ["association", "entreprise"], "mecenat", REF - timedelta(days=4000), "terminee",
                 REF - timedelta(days=3000))
    yield con
    con.close()


def add_alliance(con, ident, communes, partenaires, forme, debut, statut, fin=None):
    con.execute("INSERT INTO alliance VALUES (?, ?, ?, ?, ?)", [ident, debut, fin, statut, forme])
    for c in communes:
        con.execute("INSERT INTO alliance_commune VALUES (?, ?, 'commune')", [ident, c])
    for p in partenaires:
        con.execute("INSERT INTO alliance_partenaire VALUES (?, ?)", [ident, p])


def scores(con, niveau="commune"):
    rows = con.execute(
        "SELECT code, maturite_score, maturite_classe, fragilite_score FROM indicateur_territoire WHERE niveau = ?",
        [niveau],
    ).fetchall()
    return {code: (m, c, f) for code, m, c, f in rows}


def test_hand_computed_maturity(tiny):
    build_marts(tiny, PARAMS)
    row = tiny.execute(
        "SELECT maturite_alliances, maturite_diversite, maturite_recence, maturite_crte, "
        "maturite_experimentations, maturite_catalyseurs, maturite_score, maturite_classe "
        "FROM indicateur_territoire WHERE niveau = 'commune' AND code = '29001'"
    ).fetchone()
    # 1 alliance for 10 000 inhabitants -> 1 per 10 000, capped at 10 -> 10
    # 2 partner kinds of 5 and 1 form of 5 -> (0.4 + 0.2) / 2 -> 30
    # 1 ongoing alliance of the 3 that give 100 -> 33.3
    # CRTE signed 4 years before the reference date -> 100 ; catalyseur in the commune -> 100
    expected = [10.0, 30.0, 100 / 3, 100.0, 0.0, 100.0]
    assert row[:6] == pytest.approx(expected, abs=0.05)
    score = 0.35 * 10 + 0.15 * 30 + 0.10 * 100 / 3 + 0.15 * 100 + 0.10 * 0 + 0.15 * 100
    assert row[6] == pytest.approx(score, abs=0.05)
    assert row[7] == "actif"


def test_commune_with_no_data_is_insufficient(tiny):
    build_marts(tiny, PARAMS)
    maturite, classe, _ = scores(tiny)["29004"]
    assert maturite is None and classe == "donnees_insuffisantes"


def test_a_commune_without_population_has_no_maturity_score_whatever_its_data(tiny):
    # no population, no density of alliances: the alliances component is unknown, not full
    tiny.execute("UPDATE commune SET population = NULL WHERE code = '29001'")
    build_marts(tiny, PARAMS)
    row = tiny.execute("SELECT alliances_nombre, catalyseur_present, maturite_alliances, maturite_score "
                       "FROM commune_maturite WHERE code = '29001'").fetchone()
    assert row == (1, True, None, None)  # it still has its alliance and its catalyseur
    assert scores(tiny)["29001"][:2] == (None, "donnees_insuffisantes")


def test_epci_of_one_commune_has_its_values(tiny):
    build_marts(tiny, PARAMS)
    cols = [r[0] for r in tiny.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'indicateur_territoire' "
        "AND column_name NOT IN ('niveau', 'code')").fetchall()]
    commune = tiny.execute(f"SELECT {', '.join(cols)} FROM indicateur_territoire WHERE niveau='commune' AND code='29003'").fetchone()
    epci = tiny.execute(f"SELECT {', '.join(cols)} FROM indicateur_territoire WHERE niveau='epci' AND code='200000002'").fetchone()
    assert commune[cols.index("maturite_score")] is not None
    for name, a, b in zip(cols, commune, epci):
        if isinstance(a, float):
            assert b == pytest.approx(a), name
        else:
            assert b == a, name


def test_adding_an_old_alliance_does_not_lower_maturity(tiny):
    build_marts(tiny, PARAMS)
    before = scores(tiny)["29001"][0]
    add_alliance(tiny, "X3", ["29001"], ["association", "entreprise"], "mecenat", date(2015, 1, 1), "terminee", date(2016, 1, 1))
    build_marts(tiny, PARAMS)
    assert scores(tiny)["29001"][0] >= before


def test_scores_stay_in_range_and_are_deterministic(tiny):
    build_marts(tiny, PARAMS)
    first = tiny.execute("SELECT * FROM indicateur_territoire ORDER BY niveau, code").fetchall()
    build_marts(tiny, PARAMS)
    assert tiny.execute("SELECT * FROM indicateur_territoire ORDER BY niveau, code").fetchall() == first
    for m, _, f in scores(tiny).values():
        assert m is None or 0 <= m <= 100
        assert f is None or 0 <= f <= 100


# ------------------------------------------------------------------ population change


def fragility(con, composante):
    return dict(con.execute(
        "SELECT commune, valeur FROM commune_fragilite WHERE composante = ?", [composante]).fetchall())


def add_indicator(con, commune, indicateur, annee, valeur, secret=False):
    con.execute("INSERT INTO indicateur_commune VALUES (?, ?, ?, ?, ?)", [commune, indicateur, annee, valeur, secret])


def test_a_secret_value_is_no_value_for_the_fragility(tiny):
    """A value under statistical secret (no value) is ignored: the latest year with a value
    counts, and a commune whose only value is secret has no component."""
    add_indicator(tiny, "29001", "taux_pauvrete", 2019, 12.5)
    add_indicator(tiny, "29001", "taux_pauvrete", 2021, None, secret=True)
    add_indicator(tiny, "29002", "taux_pauvrete", 2021, None, secret=True)
    add_indicator(tiny, "29003", "taux_pauvrete", 2021, 20.0)
    # a secret population for the boundaries' year does not hide the boundaries' population
    add_indicator(tiny, "29002", "population_municipale", 2009, 800)
    add_indicator(tiny, "29002", "population_municipale", 2017, None, secret=True)
    build_marts(tiny, PARAMS)
    assert fragility(tiny, "taux_pauvrete") == {"29001": 12.5, "29003": 20.0}
    boundaries = tiny.execute("SELECT population FROM commune WHERE code = '29002'").fetchone()[0]
    assert tiny.execute("""SELECT annee_debut, population_debut, annee_fin, population_fin
                           FROM commune_evolution_population WHERE commune = '29002'""").fetchone() == (
        2009, 800, 2017, boundaries)


def test_population_change_from_two_vintages(tiny):
    # A: 9 000 inhabitants in 2011 (file), 10 000 in 2017 (boundaries)
    add_indicator(tiny, "29001", "population_municipale", 2011, 9000)
    # B: the file gives 2017 too (it wins over the boundaries' 500) and an older 2009
    add_indicator(tiny, "29002", "population_municipale", 2009, 800)
    add_indicator(tiny, "29002", "population_municipale", 2017, 600)
    # C: vintages, but evolution_population given directly: that value is kept
    add_indicator(tiny, "29003", "population_municipale", 2011, 1000)
    add_indicator(tiny, "29003", "evolution_population", 2020, -1.5)
    # D: a single vintage (the boundaries' year): no change
    add_indicator(tiny, "29004", "population_municipale", 2017, 90)
    build_marts(tiny, PARAMS)
    change = fragility(tiny, "evolution_population")
    assert change["29001"] == pytest.approx(100 * ((10000 / 9000) ** (1 / 6) - 1))
    assert change["29002"] == pytest.approx(100 * ((600 / 800) ** (1 / 8) - 1))
    assert change["29003"] == pytest.approx(-1.5)
    assert "29004" not in change
    # where each value comes from, as the commune card shows it
    origin = {r[0]: r[1:] for r in tiny.execute(
        "SELECT commune, source, annee_debut, population_debut, annee_fin, population_fin "
        "FROM commune_evolution_population").fetchall()}
    assert origin == {
        "29001": ("millesimes", 2011, 9000, 2017, 10000),
        "29002": ("millesimes", 2009, 800, 2017, 600),
        "29003": ("fichier", None, None, 2020, None),
    }
    # declining B is more fragile on this component than growing A
    rows = dict(tiny.execute(
        "SELECT code, fragilite_evolution_population FROM indicateur_territoire WHERE niveau = 'commune'").fetchall())
    assert rows["29002"] > rows["29001"] and rows["29004"] is None
    # population_municipale is an input, never a component of its own
    assert fragility(tiny, "population_municipale") == {}
    cols = {r[0] for r in tiny.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'indicateur_territoire'").fetchall()}
    assert "fragilite_evolution_population" in cols and "fragilite_population_municipale" not in cols


def test_coverage_of_the_indices_is_reported(tiny):
    add_indicator(tiny, "29001", "taux_pauvrete", 2021, 12.5)
    build_marts(tiny, PARAMS)
    rows = tiny.execute("SELECT mesure, cle, communes FROM indice_couverture").fetchall()
    coverage = {(m, k): n for m, k, n in rows}
    assert coverage[("fragilite_composante", "densite")] == 4
    assert coverage[("fragilite_composante", "taux_pauvrete")] == 1
    assert coverage[("fragilite_composante", "revenu_median")] == 0  # weighted but absent: reported
    assert ("fragilite_composante", "population_municipale") not in coverage
    classes = {k: n for (m, k), n in coverage.items() if m == "maturite_classe"}
    assert classes == dict(tiny.execute(
        "SELECT maturite_classe, count(*) FROM indicateur_territoire WHERE niveau = 'commune' GROUP BY 1").fetchall())
    assert sum(classes.values()) == 4
    assert coverage[("fragilite_sans_score", "communes")] == tiny.execute(
        "SELECT count(*) FROM indicateur_territoire WHERE niveau = 'commune' AND fragilite_score IS NULL").fetchone()[0]


def test_population_change_needs_the_boundaries_year_or_two_file_vintages(tiny):
    tiny.execute("UPDATE commune SET population_annee = NULL")
    add_indicator(tiny, "29001", "population_municipale", 2011, 9000)  # only one known vintage
    add_indicator(tiny, "29002", "population_municipale", 2011, 0)  # from 0: no rate
    add_indicator(tiny, "29002", "population_municipale", 2021, 450)
    add_indicator(tiny, "29003", "population_municipale", 2011, 2200)
    add_indicator(tiny, "29003", "population_municipale", 2021, 2000)
    build_marts(tiny, PARAMS)
    assert fragility(tiny, "evolution_population") == {
        "29003": pytest.approx(100 * ((2000 / 2200) ** (1 / 10) - 1))
    }


# ------------------------------------------------------------------ on the small demo warehouse


@pytest.fixture(scope="module")
def demo_copy(small_run, tmp_path_factory):
    path = tmp_path_factory.mktemp("scores") / "warehouse.duckdb"
    shutil.copy(small_run.db_path, path)
    con = connect(path)
    yield con
    con.close()


def test_every_territory_has_indicators_and_its_class_follows_the_thresholds(small_db):
    for niveau, table in (("commune", "commune"), ("epci", "epci"), ("departement", "departement"), ("region", "region")):
        n = small_db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        m = small_db.execute("SELECT count(*) FROM indicateur_territoire WHERE niveau = ?", [niveau]).fetchone()[0]
        assert n == m, niveau
    levels = {r[0] for r in small_db.execute("SELECT DISTINCT niveau FROM indicateur_territoire").fetchall()}
    assert levels == {"commune", "epci", "departement", "region"}
    assert small_db.execute("SELECT niveau, code FROM indicateur_france").fetchall() == [("france", "FR")]
    seuils = PARAMS.seuils
    for niveau, code, score, classe in small_db.execute(
            "SELECT niveau, code, maturite_score, maturite_classe FROM indicateur_territoire").fetchall():
        expected = ("donnees_insuffisantes" if score is None else
                    next((k for k in ("pionnier", "actif", "premiers_pas") if score >= seuils[k]), "en_questionnement"))
        assert classe == expected, (niveau, code, score)
    out = small_db.execute(
        "SELECT count(*) FROM indicateur_territoire WHERE maturite_score NOT BETWEEN 0 AND 100 "
        "OR fragilite_score NOT BETWEEN 0 AND 100").fetchone()[0]
    assert out == 0


def test_demo_population_change_comes_from_the_boundaries_and_an_older_vintage(small_db):
    rows = small_db.execute("""
        SELECT f.commune, f.valeur, c.population, c.population_annee, i.annee, i.valeur
        FROM commune_fragilite f
        JOIN commune c ON c.code = f.commune
        JOIN indicateur_commune i ON i.commune = f.commune AND i.indicateur = 'population_municipale'
        WHERE f.composante = 'evolution_population'
    """).fetchall()
    with_vintage = small_db.execute(
        "SELECT count(DISTINCT commune) FROM indicateur_commune WHERE indicateur = 'population_municipale'"
    ).fetchone()[0]
    assert len(rows) == with_vintage > 1
    for commune, change, p1, a1, a0, p0 in rows:
        assert a1 == small_warehouse.POPULATION_YEAR and a0 < a1, commune
        assert change == pytest.approx(100 * ((p1 / p0) ** (1 / (a1 - a0)) - 1)), commune


def test_priorities_are_ranked_within_each_region(small_db):
    rows = small_db.execute(
        "SELECT region, niveau, list(priorite_score ORDER BY rang), list(rang ORDER BY rang) FROM priorite GROUP BY 1, 2"
    ).fetchall()
    assert rows
    for _, _, values, ranks in rows:
        assert ranks == list(range(1, len(ranks) + 1))
        assert values == sorted(values, reverse=True)


def test_adding_alliances_never_lowers_maturity_and_twenty_raise_the_weakest(demo_copy):
    con = demo_copy
    before = dict(con.execute(
        "SELECT code, maturite_score FROM indicateur_territoire WHERE niveau = 'commune' AND maturite_score IS NOT NULL"
    ).fetchall())
    weakest = min(before, key=lambda c: (before[c], c))
    sample = sorted(before)[::3]
    debut = con.execute("SELECT max(date_debut) FROM alliance").fetchone()[0]
    kinds = ["collectivite", "association", "entreprise", "academique", "citoyens"]
    forms = ["mecenat", "pratiques_responsables", "cooperation_economique", "innovation_societale", "autre"]
    for i in range(20):
        ident = f"TEST-{i}"
        con.execute(
            "INSERT INTO alliance (id, intitule, date_debut, statut, forme, demo) VALUES (?, 'test', ?, 'active', ?, true)",
            [ident, debut, forms[i % 5]],
        )
        con.execute("INSERT INTO alliance_commune VALUES (?, ?, 'commune')", [ident, weakest])
        for kind in (kinds[i % 5], kinds[(i + 1) % 5]):
            con.execute("INSERT INTO alliance_partenaire VALUES (?, ?)", [ident, kind])
    for j, code in enumerate(sample):
        ident = f"OLD-{j}"
        con.execute(
            "INSERT INTO alliance (id, intitule, date_debut, statut, forme, demo) VALUES (?, 'test', DATE '2014-03-01', 'terminee', 'autre', true)",
            [ident],
        )
        con.execute("INSERT INTO alliance_commune VALUES (?, ?, 'commune')", [ident, code])
        con.execute("INSERT INTO alliance_partenaire VALUES (?, 'association'), (?, 'entreprise')", [ident, ident])
    build_marts(con, PARAMS)
    after = dict(con.execute(
        "SELECT code, maturite_score FROM indicateur_territoire WHERE niveau = 'commune'").fetchall())
    assert after[weakest] > before[weakest] + 10
    for code in sample:
        assert after[code] >= before[code] - 1e-9, code


# ------------------------------------------------------------------ parameters


def test_parameters_file_errors_name_the_file_and_key(tmp_path):
    bad = tmp_path / "p.toml"
    text = (load_parameters().path and open(load_parameters().path, encoding="utf-8").read())
    bad.write_text(text.replace("pionnier = 60.0", "pionnier = 10.0"), encoding="utf-8")
    with pytest.raises(ParametersError, match="p.toml.*pionnier > actif"):
        load_parameters(bad)
    bad.write_text(text.replace("alliances = 0.35", "aliances = 0.35"), encoding="utf-8")
    with pytest.raises(ParametersError, match="manquantes : alliances.*inconnues : aliances"):
        load_parameters(bad)
    bad.write_text("[maturite", encoding="utf-8")
    with pytest.raises(ParametersError, match="illisible"):
        load_parameters(bad)
    with pytest.raises(ParametersError, match="introuvable"):
        load_parameters(tmp_path / "absent.toml")
    # an input indicator that is not a component cannot be weighted
    bad.write_text(text.replace("densite = 1.0", "densite = 1.0\npopulation_municipale = 1.0"), encoding="utf-8")
    with pytest.raises(ParametersError, match="composantes inconnues : population_municipale"):
        load_parameters(bad)


def test_weights_change_the_scores(tiny, tmp_path):
    text = open(load_parameters().path, encoding="utf-8").read()
    custom = tmp_path / "p.toml"
    custom.write_text(text.replace("catalyseurs = 0.15", "catalyseurs = 2.0"), encoding="utf-8")
    build_marts(tiny, PARAMS)
    base = scores(tiny)["29001"][0]
    build_marts(tiny, load_parameters(custom))
    assert scores(tiny)["29001"][0] > base
