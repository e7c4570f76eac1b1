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


@contextmanager
def live_server(
    database_url: str,
    workdir: Path,
    *,
    public_url: bool = True,
    serve_args: tuple[str, ...] = (),
    **env_extra: str,
) -> Iterator[tuple[str, dict[str, str]]]:
    """``public_url=False`` leaves PEOPLELENS_PUBLIC_URL unset: `serve` picks it itself;
    ``serve_args`` go to `peoplelens serve` (``("--workers", "2")``)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **{k: v for k, v in os.environ.items() if k != "PEOPLELENS_PUBLIC_URL"},
        **({"PEOPLELENS_PUBLIC_URL": base} if public_url else {}),
        "PEOPLELENS_DATABASE_URL": database_url,
        "PEOPLELENS_AI_ENCODER": "lexical",
        "PEOPLELENS_SECRET_KEY": "test-secret-" + "x" * 40,
        "PEOPLELENS_SECRET_KEY_FILE": str(workdir / "secret"),
        # Never the working directory's ./data/files (a worker started from the repository).
        "PEOPLELENS_STORAGE_URL": f"file://{workdir / 'files'}",
        **env_extra,
    }
    log = (workdir / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(BIN), "serve", "--port", str(port), *serve_args],
        env=env,
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((workdir / "server.log").read_text())
            time.sleep(0.2)
        yield base, env
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
