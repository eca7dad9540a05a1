"""The package graph has no cycle and the web app never reaches the ETL.

Every ``import`` and ``from … import`` of every module (top level or inside a function)
is read from the source with :mod:`ast`; relative imports are resolved against the
module's package.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("atlas", "geodata", "queries", "etl", "exports", "dashboard", "importer", "territoires")

#: What each of our packages may import among our packages (itself always allowed).
ALLOWED = {
    "queries": set(),
    "geodata": set(),
    "atlas": {"queries"},
    "etl": {"atlas", "geodata", "queries"},
    "exports": {"atlas", "geodata", "queries"},
    "dashboard": {"atlas", "geodata", "queries", "exports"},
    "importer": {"atlas", "geodata", "queries", "etl", "exports"},
    "territoires": {"atlas", "geodata", "queries", "etl", "exports", "dashboard", "importer"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_packages(path: Path) -> dict[str, int]:
    """Top-level names of our packages imported by the file, with the first line importing each."""
    module = _module_name(path)
    is_package = path.name == "__init__.py"
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                drop = node.level - 1 if is_package else node.level
                base = base[: len(base) - drop] if drop else base
                names = [".".join(base + ([node.module] if node.module else []))]
            else:
                names = [node.module or ""]
        for name in names:
            top = name.split(".")[0]
            if top in PACKAGES:
                found.setdefault(top, node.lineno)
    return found


def _sources(package: str) -> list[Path]:
    return sorted(p for p in (ROOT / package).rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_only_what_the_graph_allows(package):
    wrong = []
    for path in _sources(package):
        for top, line in imported_packages(path).items():
            if top != package and top not in ALLOWED[package]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {top}")
    assert not wrong, "\n".join(wrong)


def test_the_allowed_graph_has_no_cycle():
    visiting, done = set(), set()

    def visit(node, trail):
        assert node not in visiting, " -> ".join(trail + [node])
        if node in done:
            return
        visiting.add(node)
        for nxt in ALLOWED[node]:
            visit(nxt, trail + [node])
        visiting.discard(node)
        done.add(node)

    for package in ALLOWED:
        visit(package, [])


def test_the_checker_sees_relative_and_nested_imports(tmp_path, monkeypatch):
    pkg = tmp_path / "dashboard"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "page.py").write_text(
        "from . import labels\n"
        "def f():\n"
        "    from etl.runner import run_etl\n"
        "    import exports.pdf\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert imported_packages(pkg / "page.py") == {"dashboard": 1, "etl": 3, "exports": 4}


def test_tests_never_import_a_dash_page_module_on_their_own():
    """Dash executes each page module when it builds an app; a page imported on its own registers
    its callbacks once more, and the next app built in the test session gets them twice (the
    browser then refuses the duplicate outputs and no callback runs). Pure builders live beside
    the pages (``dashboard/measure_card.py``…), where tests import them."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith(("from dashboard.pages", "import dashboard.pages")):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
