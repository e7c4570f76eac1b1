"""axe-core in a Playwright page: ``assert_accessible(page)`` fails on any serious or critical
violation and names each one (rule, what it checks, the elements, how to fix them).

axe-core comes from npm (tests/web/axe/package-lock.json, installed by ``make browser`` —
scripts/install-axe.sh); without it the check skips. The workspace's CSP (``script-src
'self'``) refuses an injected script: open the pages in a context made with
``bypass_csp=True`` (:data:`CONTEXT_OPTIONS`) for these checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# What a browser context needs for axe to be injected into the app's pages.
CONTEXT_OPTIONS: dict[str, Any] = {"bypass_csp": True}
BLOCKING = ("serious", "critical")
_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html,
                                summary: n.failureSummary || ""})),
  }));
}"""


def axe_installed() -> bool:
    return AXE_JS.is_file()


def violations(page: Any) -> list[dict[str, Any]]:
    """Every violation axe finds on the page as it is now (any impact)."""
    if not axe_installed():
        pytest.skip(f"no axe-core at {AXE_JS} (make browser installs it when npm is there)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    found: list[dict[str, Any]] = page.evaluate(_RUN)
    return found


def describe(found: list[dict[str, Any]], *, nodes: int = 5) -> str:
    lines = []
    for v in found:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:nodes]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            for reason in node["summary"].splitlines():
                if reason.strip():
                    lines.append(f"      {reason.strip()}")
        if len(v["nodes"]) > nodes:
            lines.append(f"    … and {len(v['nodes']) - nodes} more elements")
    return "\n".join(lines)


def assert_accessible(page: Any, where: str = "") -> None:
    """No serious or critical axe-core violation on ``page`` (``where`` names it on failure)."""
    bad = [v for v in violations(page) if v["impact"] in BLOCKING]
    if bad:
        name = where or page.url
        pytest.fail(
            f"{len(bad)} serious/critical accessibility violations on {name}:\n{describe(bad)}",
            pytrace=False,
        )
