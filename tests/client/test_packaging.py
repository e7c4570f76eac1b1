"""`peoplelens-client` builds from the shared source and works installed alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _run(*args: str | Path) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_client_wheel_installs_and_imports_without_the_server(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = tmp_path / "src"
    # Built from a copy of the two directories the wheel reads, so no build/ lands in the tree.
    build.mkdir()
    _run("cp", "-r", ROOT / "clients", build / "clients")
    (build / "src" / "peoplelens").mkdir(parents=True)
    _run("cp", "-r", ROOT / "src" / "peoplelens" / "client", build / "src" / "peoplelens")
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps",
         build / "clients" / "python", "-w", wheels)  # fmt: skip
    (wheel,) = wheels.glob("peoplelens_client-*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    # httpx and pydantic come from the machine's configured package sources (its wheel cache).
    _run(venv / "bin" / "python", "-m", "pip", "install", "-q", wheel)
    out = _run(
        venv / "bin" / "python",
        "-c",
        "import importlib.util, sys, peoplelens.client as c;"
        "assert importlib.util.find_spec('fastapi') is None;"
        "assert importlib.util.find_spec('peoplelens.app') is None;"
        "print(c.PeopleLens.__name__, c.AsyncPeopleLens.__name__, c.webhooks.verify.__name__)",
    )
    assert out.split() == ["PeopleLens", "AsyncPeopleLens", "verify"]
