"""SDK overhead per call against a live server: PeopleLens.candidates.retrieve versus the
same GET with raw httpx on one keep-alive connection. Prints µs/call and the ratio.

    .venv/bin/python bench/sdk_overhead.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import httpx
from tests.live_server import cli, live_server

from peoplelens.client import PeopleLens


def main(n: int = 500) -> None:
    work = Path(tempfile.mkdtemp())
    with live_server(f"sqlite:///{work / 'bench.db'}", work) as (base, env):
        assert cli(env, "tenants", "create", "bench", "--name", "Bench").returncode == 0
        key = cli(env, "api-keys", "create", "--tenant", "bench").stdout.strip().splitlines()[-1]
        with PeopleLens(base, key) as client, httpx.Client() as raw:
            cid = client.candidates.create(first_name="A", last_name="B", email="a@b.io").id
            url, headers = f"{base}/api/v1/candidates/{cid}", {"Authorization": f"Bearer {key}"}
            for _ in range(50):  # warm both paths
                raw.get(url, headers=headers).json()
                client.candidates.retrieve(cid)
            timings = {}
            for name, call in (
                ("raw httpx", lambda: raw.get(url, headers=headers).json()),
                ("sdk", lambda: client.candidates.retrieve(cid)),
            ):
                started = time.perf_counter()
                for _ in range(n):
                    call()
                timings[name] = (time.perf_counter() - started) / n * 1e6
    for name, us in timings.items():
        print(f"{name:10s} {us:9.1f} µs/call")
    print(f"overhead   {timings['sdk'] - timings['raw httpx']:9.1f} µs/call")
    print(f"ratio      {timings['sdk'] / timings['raw httpx']:9.2f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
