"""A real `peoplelens serve` process on a free port, for tests that need a live server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx

BIN = Path(sys.executable).parent / "peoplelens"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(
    database_url: str, workdir: Path, base: str | None, **env_extra: str
) -> dict[str, str]:
    """The environment of a test's `peoplelens` process (``base`` None: no PUBLIC_URL)."""
    return {
        **{k: v for k, v in os.environ.items() if k != "PEOPLELENS_PUBLIC_URL"},
        **({"PEOPLELENS_PUBLIC_URL": base} if base else {}),
        "PEOPLELENS_DATABASE_URL": database_url,
        "PEOPLELENS_AI_ENCODER": "lexical",
        "PEOPLELENS_SECRET_KEY": "test-secret-" + "x" * 40,
        "PEOPLELENS_SECRET_KEY_FILE": str(workdir / "secret"),
        # Never the working directory's ./data/files (a worker started from the repository).
        "PEOPLELENS_STORAGE_URL": f"file://{workdir / 'files'}",
        **env_extra,
    }


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Runs one `peoplelens` command to its end."""
    return subprocess.run(
        [str(BIN), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def wait_until_up(base: str, proc: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(log_path.read_text())
        time.sleep(0.2)


def start_server(
    env: dict[str, str], workdir: Path, port: int, *args: str, log_name: str = "server.log"
) -> subprocess.Popen[bytes]:
    """`peoplelens serve` on ``port`` (extra ``args``: ``--workers 2``), up and answering."""
    log_path = workdir / log_name
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            [str(BIN), "serve", "--port", str(port), *args],
            env=env,
            cwd=workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(f"http://127.0.0.1:{port}", proc, log_path)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return proc


@contextmanager
def live_server(
    database_url: str, workdir: Path, *, public_url: bool = True, **env_extra: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """``public_url=False`` leaves PEOPLELENS_PUBLIC_URL unset: `serve` picks it itself."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(database_url, workdir, base if public_url else None, **env_extra)
    proc = start_server(env, workdir, port)
    try:
        yield base, env
    finally:
        proc.terminate()
        proc.wait(timeout=20)
