"""The models of ``queries/``: declared once, in an order where each reads what earlier
ones built, and no SQL file left unused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import queries
from atlas import warehouse
from queries import STEPS, all_names, names, sql

ROOT = Path(__file__).resolve().parents[2]
CODE_PACKAGES = ("atlas", "etl", "exports", "dashboard", "importer", "territoires")
#: Order in which a run executes the steps (etl.runner): boundaries first, checks last.
RUN_ORDER = ("limites", "domaine", "indices", "pairs", "controles")

_CREATED = re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+)?(?:TABLE|VIEW|MACRO)\s+(\w+)", re.I)
_READ = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)", re.I)
_CALLED = re.compile(r"\b(\w+)\s*\(")


def _code(name: str) -> str:
    return "\n".join(line.split("--")[0] for line in sql(name).splitlines())


def test_every_step_runs_the_models_in_run_order():
    assert set(STEPS) == set(RUN_ORDER)
    declared = [m for step in RUN_ORDER for m in STEPS[step]]
    assert len(declared) == len(set(declared)), "a model is declared twice"
    assert set(declared) <= all_names()


def test_run_step_executes_the_declared_order(monkeypatch):
    seen = []
    monkeypatch.setattr(warehouse, "run", lambda con, name, **params: seen.append(name))
    for step in RUN_ORDER:
        warehouse.run_step(None, step)
    assert seen == [m for step in RUN_ORDER for m in STEPS[step]]


def test_each_model_reads_only_what_earlier_models_built():
    order = [m for step in RUN_ORDER for m in STEPS[step]]
    builder = {}
    for position, model in enumerate(order):
        for created in _CREATED.findall(_code(model)):
            builder.setdefault(created.lower(), position)
    late = []
    for position, model in enumerate(order):
        text = _code(model)
        used = {n.lower() for n in _READ.findall(text)} | {
            n.lower() for n in _CALLED.findall(text) if n.lower() in builder
        }
        late += [f"{model} uses {name}" for name in used if builder.get(name, -1) > position]
    assert not late, late


def _string_literals() -> set[str]:
    found = set()
    for package in CODE_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            found |= set(re.findall(r"[\"']([a-z_]+/[\w/]+)[\"']", path.read_text(encoding="utf-8")))
    return found


def test_every_sql_file_is_a_declared_model_or_named_by_the_code():
    declared = {m for models in STEPS.values() for m in models}
    literals = _string_literals()
    named = {n for n in all_names() if n in literals or any(n.startswith(f"{f}/") for f in literals)}
    unused = sorted(all_names() - declared - named)
    assert not unused, f"SQL files no code runs: {unused}"


def test_names_lists_one_folder_sorted():
    assert names("etl/reprise_journal") == sorted(names("etl/reprise_journal"))
    assert "etl/reprise_journal/etl_runs" in names("etl/reprise_journal")
    assert "etl/reprise_journal/etl_runs" not in names("etl")
    assert names("checks") == sorted(STEPS["controles"])


def test_no_sql_string_is_left_in_python():
    """SQL lives in queries/; only ATTACH/DETACH (which take no prepared parameter) remain."""
    statement = re.compile(r"[\"'](?:SELECT|INSERT|CREATE|ALTER|UPDATE|DELETE|WITH|COPY|CHECKPOINT)\b")
    found = []
    for package in CODE_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if statement.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", sorted(all_names()))
def test_every_model_parses(name):
    assert warehouse._statements(name), f"{name} has no statement"


def test_unknown_query_names_are_refused():
    with pytest.raises(KeyError):
        queries.sql("core/nexiste_pas")
