"""Redis for tests: the machine's server at 127.0.0.1:6379 on a database number of our own
(9 for the SQLite pass, 10 for the PostgreSQL pass: CI runs both at once), flushed before and
after; or a ``redis-server`` of a test's own, on a free port, that the test may kill."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from tests.databases import POSTGRES_ADMIN_URL

TEST_DB = 10 if POSTGRES_ADMIN_URL else 9
URL = f"redis://127.0.0.1:6379/{TEST_DB}"


@pytest.fixture
def redis_url() -> Iterator[str]:
    client = redis.Redis.from_url(URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis at 127.0.0.1:6379 (.ci/run starts one)")
    client.flushdb()
    try:
        yield URL
    finally:
        client.flushdb()
        client.close()


@contextmanager
def own_redis(port: int, workdir: Path, *extra: str) -> Iterator[subprocess.Popen[bytes]]:
    """A throwaway ``redis-server`` on ``port`` (no persistence; ``extra`` arguments such as
    ``--requirepass``), ended on leaving."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            raise RuntimeError("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            *extra,
        ],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    password = extra[extra.index("--requirepass") + 1] if "--requirepass" in extra else None
    client = redis.Redis(port=port, password=password, socket_connect_timeout=0.5)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield proc
    finally:
        client.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
