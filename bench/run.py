"""The benchmark: PeopleLens beside two baselines started in the same run.

    make bench        # quick: 100k candidates on SQLite, short runs
    make bench-full   # + PostgreSQL with 1M candidates / 3M steps, longer runs

Each server runs alone with one uvicorn worker pinned to CPU 0; wrk (Debian's, installed by
``make bench``) runs on CPU 1 with 16 connections; cases and servers are interleaved over
several repetitions and the median is reported. Prints a table and writes bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = Path(sys.executable)
sys.path.insert(0, str(ROOT))

from bench.datagen import generate, server_env  # noqa: E402


@dataclass
class Result:
    case: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pin(cpu: str) -> list[str]:
    return ["taskset", "-c", cpu] if shutil.which("taskset") else []


class Server:
    def __init__(
        self, app: str, env: dict[str, str], factory: bool = False, tree: Path = ROOT
    ) -> None:
        """``tree``: the checkout to serve (its own ``.venv``; this one by default)."""
        self.port = _free_port()
        python = PY if tree == ROOT else tree / ".venv" / "bin" / "python"
        args = [
            *_pin("0"),
            str(python),
            "-m",
            "uvicorn",
            app,
            "--port",
            str(self.port),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        if factory:
            args.append("--factory")
        self.proc = subprocess.Popen(
            args, env=env, cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(self.base + "/", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=20)


def wrk(url: str, seconds: int, headers: dict[str, str], lua_args: list[str]) -> Result:
    cmd = [
        *_pin("1"),
        "wrk",
        "-t1",
        "-c16",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(HERE / "random_ids.lua"),
    ]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    cmd += [url, "--", *lua_args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    return Result("", rps, pct("50"), pct("99"), errors)


def run(
    database_url: str, candidates: int, seconds: int, reps: int, workdir: Path
) -> tuple[list[tuple[str, Result]], dict[str, float]]:
    rates = generate(database_url, candidates, 2, workdir)
    key = (workdir / "key.txt").read_text().strip()
    ids_file = workdir / "ids.txt"
    sample = ids_file.read_text().split()[:20_000]
    (workdir / "sample.txt").write_text("\n".join(sample) + "\n")
    env = {**server_env(database_url), "BENCH_DATABASE_URL": database_url}
    auth = {"Authorization": f"Bearer {key}"}
    # ETags of the status endpoint, for the 304 case.
    app_probe = Server("peoplelens.app:create_app", env, factory=True)
    with httpx.Client(base_url=app_probe.base, headers=auth) as c:
        pairs = []
        for cid in sample[:2000]:
            etag = c.get(f"/api/v1/candidates/{cid}/status").headers["etag"]
            pairs.append(f"{cid} {etag}")
    app_probe.stop()
    (workdir / "etags.txt").write_text("\n".join(pairs) + "\n")

    sample_path = str(workdir / "sample.txt")
    one = str(workdir / "one.txt")
    (workdir / "one.txt").write_text("x\n")
    cursor = deep_cursor(database_url, sample[0], depth=min(candidates // 2 - 100, 1_000_000))
    app = "peoplelens.app:create_app"
    cases = [
        (
            "constant (bare Starlette)",
            "bench.baselines:constant_app",
            False,
            "/c/",
            "",
            {},
            [sample_path],
        ),
        (
            "limit (raw driver, no auth)",
            "bench.baselines:limit_app",
            False,
            "/l/",
            "",
            {},
            [sample_path],
        ),
        ("GET /candidates/{id}", app, True, "/api/v1/candidates/", "", auth, [sample_path]),
        (
            "GET /candidates/{id}/status",
            app,
            True,
            "/api/v1/candidates/",
            "/status",
            auth,
            [sample_path],
        ),
        (
            "GET …/status → 304",
            app,
            True,
            "/api/v1/candidates/",
            "/status",
            auth,
            [str(workdir / "etags.txt")],
        ),
        (
            "GET /candidates (first page)",
            app,
            True,
            "/api/v1/candidates?limit=20&_=",
            "",
            auth,
            [one],
        ),
        (
            f"GET /candidates?cursor= (depth {cursor[1]:,})",
            app,
            True,
            f"/api/v1/candidates?limit=20&cursor={cursor[0]}&_=",
            "",
            auth,
            [one],
        ),
        (
            "PATCH /candidates/{id}",
            app,
            True,
            "/api/v1/candidates/",
            "",
            auth,
            [sample_path, "PATCH", '{"metadata":{"bench":"{n}"}}'],
        ),
        (
            "POST /candidates",
            app,
            True,
            "/api/v1/candidates?_=",
            "",
            auth,
            [one, "POST", '{"first_name":"P","last_name":"Q","email":"p{n}@bench.example.com"}'],
        ),
    ]
    samples: dict[str, list[Result]] = {c[0]: [] for c in cases}
    for _ in range(reps):
        for name, app_path, factory, prefix, suffix, headers, extra in cases:
            server = Server(app_path, env, factory=factory)
            lua = [extra[0], prefix, suffix, *extra[1:]]
            try:
                wrk(server.base + "/", 2, headers, lua)  # warm-up
                samples[name].append(wrk(server.base + "/", seconds, headers, lua))
            finally:
                server.stop()
    results = []
    rates["bulk_candidates_per_s"] = bulk_rate(env, auth)
    for name, runs in samples.items():
        results.append(
            (
                name,
                Result(
                    name,
                    statistics.median(r.rps for r in runs),
                    statistics.median(r.p50_ms for r in runs),
                    statistics.median(r.p99_ms for r in runs),
                    sum(r.errors for r in runs),
                ),
            )
        )
    return results, rates


def deep_cursor(database_url: str, candidate: str, depth: int) -> tuple[str, int]:
    """A cursor ``depth`` rows into the benchmark tenant's newest-first list."""
    from sqlalchemy import select

    from peoplelens.db import Database
    from peoplelens.kit.ids import try_parse
    from peoplelens.kit.pagination import encode_cursor
    from peoplelens.models import Candidate

    db = Database.connect(database_url)
    try:
        with db.read_session() as s:
            tenant = s.scalar(
                select(Candidate.tenant_id).where(Candidate.id == try_parse("can", candidate))
            )
            row = s.execute(
                select(Candidate.created_at, Candidate.id)
                .where(Candidate.tenant_id == tenant)
                .order_by(Candidate.created_at.desc(), Candidate.id.desc())
                .offset(depth)
                .limit(1)
            ).one()
    finally:
        db.dispose()
    return encode_cursor(row[0], row[1]), depth


def bulk_rate(env: dict[str, str], auth: dict[str, str], batches: int = 5) -> float:
    """POST /candidates/bulk with 1,000 items, end to end (events and audit rows included)."""
    import uuid as _uuid

    server = Server("peoplelens.app:create_app", env, factory=True)
    try:
        with httpx.Client(base_url=server.base, headers=auth, timeout=120) as c:
            made, started = 0, time.perf_counter()
            for b in range(batches):
                tag = _uuid.uuid4().hex[:8]
                items = [
                    {
                        "first_name": "Bulk",
                        "last_name": str(i),
                        "email": f"bulk{b}.{i}.{tag}@bench.example.com",
                    }
                    for i in range(1000)
                ]
                r = c.post("/api/v1/candidates/bulk", json={"candidates": items})
                assert r.status_code == 201, r.text[:300]
                made += 1000
            return made / (time.perf_counter() - started)
    finally:
        server.stop()


def table(db: str, results: list[tuple[str, Result]]) -> str:
    const = next(r.rps for n, r in results if n.startswith("constant"))
    limit = next(r.rps for n, r in results if n.startswith("limit"))
    lines = [
        f"### {db}",
        "",
        "| case | req/s | p50 ms | p99 ms | p99/p50 | errors | × constant | × limit |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results:
        lines.append(
            f"| {name} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | "
            f"{r.p99_ms / r.p50_ms:.1f} | {r.errors} | {r.rps / const:.2f} | "
            f"{r.rps / limit:.2f} |"
        )
    return "\n".join(lines)


def targets(results: list[tuple[str, Result]], rates: dict[str, float]) -> str:
    """The issue's targets, checked against this run's numbers."""
    by = {name.split(" (")[0]: r for name, r in results}
    limit = by["limit"].rps
    get, poll = by["GET /candidates/{id}"], by["GET …/status → 304"]
    first = by["GET /candidates"]
    deep = next(r for n, r in results if n.startswith("GET /candidates?cursor="))
    api = [r for n, r in results if not n.startswith(("constant", "limit"))]
    checks = [
        ("GET /candidates/{id} ≥ 0.65 × limit", get.rps / limit, 0.65, True),
        ("status 304 ≥ 0.65 × limit", poll.rps / limit, 0.65, True),
        ("worst p99/p50 ≤ 4", max(r.p99_ms / r.p50_ms for r in api), 4.0, False),
        ("errors = 0", float(sum(r.errors for r in api)), 0.0, False),
        ("bulk ≥ 5,000 candidates/s", rates["bulk_candidates_per_s"], 5000.0, True),
        ("deep cursor p50 ≤ 2 × first page p50", deep.p50_ms / first.p50_ms, 2.0, False),
        ("POST /candidates ≥ 0.5 × GET", by["POST /candidates"].rps / get.rps, 0.5, True),
    ]
    lines = ["| target | measured | met |", "|---|---:|:---:|"]
    for label, value, bound, at_least in checks:
        met = value >= bound if at_least else value <= bound
        lines.append(f"| {label} | {value:,.2f} | {'yes' if met else '**no**'} |")
    return "\n".join(lines)


def section(db: str, results: list[tuple[str, Result]], rates: dict[str, float]) -> str:
    return (
        table(db, results) + f"\n\nData generation: {rates['candidates_per_s']:,.0f} candidates/s "
        f"({rates['rows_per_s']:,.0f} rows/s with plans and steps). "
        f"`POST /candidates/bulk` (1,000 items, events and audit included): "
        f"{rates['bulk_candidates_per_s']:,.0f} candidates/s.\n\n" + targets(results, rates)
    )


def server_stack() -> str:
    """What uvicorn runs on (it picks uvloop and httptools when installed, as here)."""
    parts = []
    for module, label in (("uvloop", "uvloop"), ("httptools", "httptools")):
        try:
            __import__(module)
            parts.append(label)
        except ImportError:
            parts.append({"uvloop": "asyncio", "httptools": "h11"}[module])
    return " + ".join(parts)


def recreate_pg(url: str) -> None:
    """A scratch database for the PostgreSQL run (dropped and created again)."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--candidates", type=int, default=None)
    parser.add_argument("--seconds", type=int, default=None)
    parser.add_argument("--reps", type=int, default=None)
    args = parser.parse_args()
    seconds = args.seconds or (10 if args.full else 5)
    reps = args.reps or (3 if args.full else 2)
    out = ROOT / "bench" / "out"
    shutil.rmtree(out, ignore_errors=True)
    sections = []
    sqlite_dir = out / "sqlite"
    sqlite_dir.mkdir(parents=True)
    results, rates = run(
        f"sqlite:///{sqlite_dir / 'bench.db'}",
        args.candidates or 100_000,
        seconds,
        reps,
        sqlite_dir,
    )
    sections.append(section("SQLite", results, rates))
    print(sections[-1])
    if args.full:
        pg = os.environ.get(
            "BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/peoplelens_bench"
        )
        recreate_pg(pg)
        pg_dir = out / "postgres"
        pg_dir.mkdir(parents=True)
        results, rates = run(pg, args.candidates or 1_000_000, seconds, reps, pg_dir)
        sections.append(section("PostgreSQL", results, rates))
        print(sections[-1])
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    text = (
        "# Benchmark results\n\n"
        f"Machine: {machine}. Command: `make bench{'-full' if args.full else ''}`. "
        f"wrk -t1 -c16, {seconds} s × {reps} repetitions (median), server pinned to CPU 0, "
        f"load on CPU 1, one uvicorn worker ({server_stack()}).\n\n" + "\n\n".join(sections) + "\n"
    )
    (ROOT / "bench" / "RESULTS.md").write_text(text)


if __name__ == "__main__":
    main()
