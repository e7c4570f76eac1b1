"""Past one machine (spec §11). On SQLite: what it supports (one `serve` process, one worker
loop per database file) is enforced, and what it does not is refused with the reason."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.live_server import BIN, cli, free_port, server_env, start_server


@pytest.mark.slow
def test_sqlite_refuses_what_it_cannot_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'one.db'}"
    env = server_env(url, tmp_path, None)
    several = cli(env, "serve", "--workers", "2", "--port", str(free_port()))
    assert several.returncode != 0
    assert "--workers needs PostgreSQL" in several.stderr

    proc = start_server(env, tmp_path, free_port())  # with its embedded worker
    try:
        second = cli(env, "serve", "--port", str(free_port()))
        assert second.returncode != 0
        assert "already running on the SQLite database" in second.stderr
        assert f"process {proc.pid}" in second.stderr
        assert "use PostgreSQL" in second.stderr
        worker = cli(env, "worker")
        assert worker.returncode != 0
        assert "a worker" in worker.stderr and "already running" in worker.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    # The lock went with the process: a worker may start now, and stops on SIGTERM, cleanly.
    worker_proc = subprocess.Popen(
        [str(BIN), "worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        out = b""
        assert worker_proc.stdout is not None
        while b"worker.started" not in out:
            line = worker_proc.stdout.readline()
            assert line, out.decode()
            out += line
        worker_proc.terminate()
        assert worker_proc.wait(timeout=30) == 0
        assert b"worker.stopped" in worker_proc.stdout.read()
    finally:
        if worker_proc.poll() is None:
            worker_proc.kill()
