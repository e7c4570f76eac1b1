"""The SDK's generated files are current, and it depends on nothing from the server."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from peoplelens.app import create_app
from peoplelens.client import _core
from tests.structure import SRC

CLIENT = SRC / "client"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SRC.parents[1] / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_client_models, unasync_client = _script("gen_client_models"), _script("unasync_client")
ALLOWED = {"httpx", "pydantic", "peoplelens.client"}


def test_models_match_the_apps_openapi() -> None:
    """A new, renamed or retyped server field changes the rendering: regenerate the models."""
    rendered = gen_client_models.render(create_app().openapi())
    assert rendered == (CLIENT / "models.py").read_text(), (
        "run .venv/bin/python scripts/gen_client_models.py"
    )


def test_sync_client_is_generated_from_the_async_one(tmp_path: Path) -> None:
    target = tmp_path / "_sync_client.py"
    unasync_client.write(target)
    assert target.read_text() == (CLIENT / "_sync_client.py").read_text(), (
        "run .venv/bin/python scripts/unasync_client.py"
    )


def test_client_imports_only_stdlib_httpx_and_pydantic() -> None:
    offenders = []
    for path in CLIENT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "__future__":
                    continue
                if not any(name == a or name.startswith(a + ".") for a in ALLOWED):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert _core.retry_after("3") == 3.0
    assert _core.retry_after("Wed, 02 Dec 2026 15:00:10 GMT", now=1796223600.0) == 10.0
    assert _core.retry_after("soon") is None
    assert _core.retry_after(None) is None


def test_backoff_grows_and_stays_bounded() -> None:
    policy = _core.RetryPolicy(max_retries=5, base_delay=0.5, max_delay=4.0)
    for attempt in range(8):
        ceiling = min(4.0, 0.5 * 2**attempt)
        assert ceiling / 2 <= policy.delay(attempt, None) <= ceiling
