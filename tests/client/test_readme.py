"""The README's "Python SDK" examples run against a live server, so they cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.client.conftest import Live

pytestmark = pytest.mark.slow
README = Path(__file__).resolve().parents[2] / "README.md"


def _examples() -> list[str]:
    section = README.read_text().split("## Python SDK", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_has_sdk_examples() -> None:
    assert len(_examples()) == 3


@pytest.mark.parametrize("index", range(2))
def test_readme_example_runs(working: Live, index: int) -> None:
    code = _examples()[index]
    exec(
        compile(code, f"README.md example {index}", "exec"),
        {"BASE_URL": working.base, "API_KEY": working.tenant()},
    )


def test_readme_data_example_runs(working: Live, capsys: pytest.CaptureFixture[str]) -> None:
    """The import example needs a worker: ``working`` runs one."""
    code = _examples()[2]
    exec(
        compile(code, "README.md example 2", "exec"),
        {"BASE_URL": working.base, "API_KEY": working.tenant()},
    )
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "completed 1 0 0"
    assert printed[1].startswith("candidate.created can-")
