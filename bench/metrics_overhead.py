"""What the HTTP metrics cost per request (spec §11; target < 30 µs), measured in-process.

    .venv/bin/python bench/metrics_overhead.py [--requests 200000]

Drives the real request-context middleware (kit/middleware.py) around a trivial ASGI app, with
the metrics recorded and with the recording switched off, interleaved over several rounds;
reports the medians and their difference, then the same in prometheus_client's multiprocess
mode (``serve --workers N``: values in shared memory-mapped files), in a child process.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

ROUNDS = 7


def _scope() -> dict[str, Any]:
    return {
        "type": "http",
        "method": "GET",
        "path": "/api/v1/candidates/can-1",
        "raw_path": b"/api/v1/candidates/can-1",
        "root_path": "",
        "headers": [(b"accept", b"application/json"), (b"x-request-id", b"bench-1")],
    }


class _Route:
    path = "/api/v1/candidates/{candidate_id}"


async def _app(scope: Any, receive: Any, send: Any) -> None:
    scope["route"] = _Route  # as Starlette's router leaves it
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def _receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b""}


async def _send(message: Any) -> None:
    return None


def per_request_us(requests: int) -> tuple[float, float]:
    """Median µs per request through the middleware: metrics on, metrics off."""
    from peoplelens.kit import middleware

    names = vars(middleware)  # the module's globals: what the middleware calls
    real = names["observe_request"]
    mw = middleware.RequestContextMiddleware(_app, max_json_bytes=1 << 20, max_upload_bytes=1 << 20)

    async def run(n: int) -> float:
        began = time.perf_counter()
        for _ in range(n):
            await mw(_scope(), _receive, _send)
        return (time.perf_counter() - began) / n * 1e6

    on, off = [], []
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(run(2000))  # warm-up (label children made here)
        for _ in range(ROUNDS):
            names["observe_request"] = real
            on.append(loop.run_until_complete(run(requests // ROUNDS)))
            names["observe_request"] = lambda *_: None
            off.append(loop.run_until_complete(run(requests // ROUNDS)))
    finally:
        names["observe_request"] = real
        loop.close()
    return statistics.median(on), statistics.median(off)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    on, off = per_request_us(args.requests)
    mode = "multiprocess" if os.environ.get("PROMETHEUS_MULTIPROC_DIR") else "one process"
    print(f"{mode:>13}: {on:6.2f} µs with metrics, {off:6.2f} µs without: +{on - off:.2f} µs")
    if not args.child:
        with tempfile.TemporaryDirectory() as shared:
            env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": shared}
            cmd = [sys.executable, __file__, "--child", "--requests", str(args.requests)]
            subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
