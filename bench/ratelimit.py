"""The cost of a rate-limit check, in this process's memory versus shared through Redis.

    .venv/bin/python bench/ratelimit.py [--checks 20000] [--seconds 4]
    PEOPLELENS_BENCH_REDIS_URL=redis://127.0.0.1:6379/12 (the default; flushed before and after)

Prints µs per check — memory (``MemoryWindows``), our Redis script awaited on the event loop
(the API's path, the revocation signal included; also through redis-py's asyncio client, which
costs several times more CPU), the same script blocking (the pages' path),
and the ``limits`` library's Redis storage (hit + window stats, two round trips) — then the
whole cost of the hot authenticated ``GET /api/v1/candidates/{id}`` served by a real
`peoplelens serve` with memory and with Redis (wrk; a throwaway SQLite database), and the
ratios. CPU µs are the numbers to compare on a shared machine; wall µs include the wait.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx2 as httpx
import redis
import redis.asyncio as aredis
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.databases import throwaway_database
from tests.factories import make_tenant
from tests.live_server import live_server

from peoplelens.db import Database
from peoplelens.kit.ratelimit import RateLimiter
from peoplelens.kit.shared_store import HIT_SCRIPT, SharedStore, revocation_marker, window_key

URL = os.environ.get("PEOPLELENS_BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
BIG = 10**9  # never refused: the bench measures the check, not the 429


def per_call_us(n: int, work: Callable[[], object]) -> tuple[float, float]:
    """(wall µs, this process's CPU µs) per call of ``work``."""
    for _ in range(min(n // 10, 1000)):
        work()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        work()
    return (time.perf_counter() - wall) / n * 1e6, (time.process_time() - cpu) / n * 1e6


async def per_await_us(
    n: int, work: Callable[[], Awaitable[object]], at_once: int = 1
) -> tuple[float, float]:
    """:func:`per_call_us` for a coroutine, ``at_once`` callers sharing the loop (as requests
    do): the wall time per call then shows how much of a round trip the loop spends on others."""

    async def caller(count: int) -> None:
        for _ in range(count):
            await work()

    await caller(min(n // 10, 1000))
    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(caller(n // at_once) for _ in range(at_once)))
    return (time.perf_counter() - wall) / n * 1e6, (time.process_time() - cpu) / n * 1e6


def checks(n: int) -> dict[str, tuple[float, float]]:
    memory = RateLimiter("memory://")
    shared = RateLimiter("memory://", SharedStore(URL))
    older = RateLimiter(URL)  # no shared store given: the `limits` library's Redis storage
    hex_id = "ab" * 16

    def awaited(at_once: int) -> tuple[float, float]:
        call = lambda: shared.hit_shared("key", hex_id, BIG, "", hex_id)  # noqa: E731
        return uvloop.run(per_await_us(n, call, at_once))

    async def redis_py(at_once: int) -> tuple[float, float]:
        client = aredis.Redis.from_url(URL)
        script = client.register_script(HIT_SCRIPT)
        keys = [window_key("key", hex_id, BIG), revocation_marker(hex_id)]
        found = await per_await_us(n, lambda: script(keys=keys, args=[BIG, 60_000]), at_once)
        await client.aclose()
        return found

    return {
        "memory": per_call_us(n, lambda: memory.hit_key("key", hex_id, BIG, "")),
        "same script, redis-py asyncio, 16 callers": uvloop.run(redis_py(16)),
        "redis script, awaited (API), 1 caller": awaited(1),
        "redis script, awaited (API), 16 callers": awaited(16),
        "redis script, blocking (pages)": per_call_us(
            n, lambda: shared.hit_key("key", hex_id, BIG, "")
        ),
        "limits' redis storage (2 round trips)": per_call_us(
            n, lambda: older.hit_key("key", hex_id, BIG, "")
        ),
    }


def serve_pid(port: int) -> int:
    """The `peoplelens serve` process listening on ``port``."""
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0") if proc.name.isdigit() else []
        except OSError:
            continue
        if b"serve" in argv and str(port).encode() in argv:
            return int(proc.name)
    raise RuntimeError(f"no serve process on port {port}")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) of process ``pid``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pin(cpu: str) -> list[str]:
    return ["taskset", "-c", cpu] if shutil.which("taskset") else []


def wrk(url: str, pid: int, seconds: int, key: str) -> tuple[float, float]:
    """(requests per second, server CPU µs per request) of wrk -t1 -c16 on ``url``.

    CPU time per request is the robust number on a shared machine: a neighbour's load lowers
    the request rate of both cases, not the work each request takes."""
    auth = f"Authorization: Bearer {key}"
    before = cpu_seconds(pid)
    out = subprocess.run(
        [*pin("1"), "wrk", "-t1", "-c16", f"-d{seconds}s", "-H", auth, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    spent = cpu_seconds(pid) - before
    if "Non-2xx" in out:
        raise RuntimeError(out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    count = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return rps, spent / count * 1e6


PATH = "/api/v1/candidates/{id}"


def requests(seconds: int, urls: dict[str, str], tmp: Path) -> dict[str, tuple[float, float]]:
    """Two real `peoplelens serve` processes (one worker each, pinned to CPU 0; wrk on CPU 1),
    memory and Redis, measured in turn on the hot GET; the median of three rounds. Each has
    its own database (SQLite runs one `serve` a file), with the same tenant and candidate."""
    keys = {}
    for name, url in urls.items():
        db = Database.connect(url)
        keys[name] = make_tenant(db).key
        db.dispose()
    quiet = {"PEOPLELENS_EMBEDDED_WORKER": "false", "PEOPLELENS_RATE_LIMIT_PER_MINUTE": str(BIG)}
    rounds: dict[str, list[tuple[float, float]]] = {"memory": [], "redis": []}
    for name in rounds:
        (tmp / name).mkdir()
    with (
        live_server(urls["memory"], tmp / "memory", public_url=True, **quiet) as (memory, _),
        live_server(
            urls["redis"], tmp / "redis", public_url=True, PEOPLELENS_REDIS_URL=URL, **quiet
        ) as (shared, _),
    ):
        servers = {"memory": memory, "redis": shared}
        body = {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"}
        paths = {}
        for name, base in servers.items():
            made = httpx.post(
                base + "/api/v1/candidates",
                json=body,
                headers={"Authorization": f"Bearer {keys[name]}"},
            )
            assert made.status_code == 201, made.text
            paths[name] = PATH.format(id=made.json()["id"])
        pids = {name: serve_pid(int(base.rsplit(":", 1)[1])) for name, base in servers.items()}
        if shutil.which("taskset"):
            for pid in pids.values():
                subprocess.run(["taskset", "-a", "-p", "-c", "0", str(pid)], capture_output=True)
        for i in range(4):
            for name, base in servers.items():
                found = wrk(base + paths[name], pids[name], 1 if i == 0 else seconds, keys[name])
                if i:
                    rounds[name].append(found)
    return {
        name: (statistics.median(r for r, _ in got), statistics.median(c for _, c in got))
        for name, got in rounds.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=4, help="of each wrk round")
    args = parser.parse_args()
    store = redis.Redis.from_url(URL)
    try:
        store.ping()
    except redis.ConnectionError:
        print(f"ratelimit bench: no Redis at {URL}; skipped")
        return
    store.flushdb()
    try:
        found = checks(args.checks)
        with (
            tempfile.TemporaryDirectory() as tmp,
            throwaway_database(Path(tmp)) as one,
            throwaway_database(Path(tmp)) as two,
        ):
            served = requests(args.seconds, {"memory": one, "redis": two}, Path(tmp))
    finally:
        store.flushdb()
        store.close()
    memory = found["memory"][1]
    print(f"rate-limit check per call ({args.checks} calls; Redis at {URL}; uvloop):")
    for name, (wall, cpu) in found.items():
        print(f"  {name:42s} {wall:7.1f} µs wall  {cpu:7.1f} µs CPU  ×{cpu / memory:5.1f} memory")
    print(
        f"authenticated GET {PATH}, one `serve` worker each, wrk -t1 -c16, {args.seconds} s "
        "× 3 rounds in turn (median):"
    )
    for name, (rps, cpu) in served.items():
        print(f"  {name:8s} {rps:8.0f} req/s  {cpu:7.0f} µs of server CPU per request")
    extra = served["redis"][1] - served["memory"][1]
    print(
        f"  redis: {extra:+.0f} µs of server CPU per request "
        f"(×{served['redis'][1] / served['memory'][1]:.2f} memory)"
    )


if __name__ == "__main__":
    main()
