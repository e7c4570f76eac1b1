"""Generates ``src/peoplelens/client/_sync_client.py`` from ``_async_client.py`` (the way
httpcore keeps its twins): ``.venv/bin/python scripts/unasync_client.py``. A test fails when the
committed file differs from what this writes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CLIENT = Path(__file__).resolve().parents[1] / "src" / "peoplelens" / "client"

# Order matters: longer tokens first.
SUBSTITUTIONS = [
    (
        r'"""The async client\..*?"""',
        '"""Generated from _async_client.py by scripts/unasync_client.py: do not edit."""',
    ),
    (r"\nimport asyncio\n", "\nimport time\n"),
    (r"await asyncio\.sleep", "time.sleep"),
    (r"asyncio\.get_running_loop\(\)\.time\(\)", "time.monotonic()"),
    (r"async def __aiter__\(self\) -> AsyncIterator", "def __iter__(self) -> Iterator"),
    (r"async def __aenter__", "def __enter__"),
    (r"async def __aexit__", "def __exit__"),
    (r"await self\.http\.aclose\(\)", "self.http.close()"),
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    (r"\bAsyncPeopleLens\b", "PeopleLens"),
    (r"\bAsync([A-Z]\w*)", r"Sync\1"),
    (r"async with ", "with "),
    (r"async for ", "for "),
    (r"\basync def ", "def "),
    (r"\bawait ", ""),
]


def render(source: str) -> str:
    for pattern, replacement in SUBSTITUTIONS:
        source = re.sub(pattern, replacement, source, flags=re.S)
    return source


def write(target: Path) -> None:
    """Renders into ``target``, then sorts imports and formats it as the repository does."""
    target.write_text(render((CLIENT / "_async_client.py").read_text()))
    ruff = Path(sys.executable).parent / "ruff"
    for args in (["check", "--fix", "--select", "I", "-q"], ["format", "-q"]):
        subprocess.run([str(ruff), *args, str(target)], check=True)  # noqa: S603 — our own ruff


def main() -> None:
    write(CLIENT / "_sync_client.py")


if __name__ == "__main__":
    main()
