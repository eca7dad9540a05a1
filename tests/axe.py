"""axe-core, Deque's accessibility engine, run inside the page by Selenium: the WCAG 2.0 and
2.1 level A and AA rules of the dashboard's browser tests.

The pinned axe-core is installed from npm by the Makefile (``make axe``, a dependency of
``make test``) under ``.venv/npm``; nothing is downloaded by the tests themselves.
"""

from __future__ import annotations

from pathlib import Path

#: Installed by ``make axe`` (version pinned in the Makefile).
AXE_JS = Path(__file__).resolve().parent.parent / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
#: The rules run: every WCAG 2.0 and 2.1 success criterion of levels A and AA that axe checks.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def axe_violations(driver, context: str = "document") -> list[dict]:
    """Violations of the WCAG 2.1 A/AA rules in the page open in ``driver``.

    Each violation is axe's own record (id, impact, help, nodes with their ``target``
    selectors and ``failureSummary``). ``context`` is a JavaScript expression for the
    part of the page to check.
    """
    assert AXE_JS.exists(), f"axe-core absent ({AXE_JS}) : lancez « make axe »"
    if not driver.execute_script("return !!window.axe;"):
        driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    driver.set_script_timeout(120)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        f"axe.run({context}, {{runOnly: {{type: 'tag', values: arguments[0]}}, resultTypes: ['violations']}})"
        ".then(function (r) { done(r.violations); }, function (e) { done({error: String(e)}); });",
        list(WCAG_TAGS),
    )
    assert not (isinstance(result, dict) and "error" in result), result
    return result


def describe(violations: list[dict]) -> str:
    """A readable list of ``violations`` (rule, impact, the first elements concerned)."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:4])
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} élément(s)) : {v['help']} — {targets}")
        if v["nodes"]:
            lines.append("    " + (v["nodes"][0].get("failureSummary") or "").replace("\n", " | ")[:300])
    return "\n".join(lines)
