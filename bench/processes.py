"""Past one process (spec §11): API throughput with 1 and 2 `serve` processes on PostgreSQL.

    .venv/bin/python bench/processes.py [--candidates 20000] [--seconds 8]

`peoplelens serve --workers N` (N uvicorn processes sharing the port, unpinned), wrk with 2
threads and 32 connections on the same machine, PostgreSQL on the same machine too. On this
2-core machine the second process mostly buys the share of the CPU the first left idle while it
waited on PostgreSQL: the load generator, the database and both servers share the two cores, so
the ratio is a floor, not what 2 processes on their own cores would give.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.datagen import generate, server_env  # noqa: E402
from bench.run import Result, _free_port  # noqa: E402

BIN = Path(sys.executable).parent / "peoplelens"
ADMIN = os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def wrk(url: str, seconds: int, headers: dict[str, str], lua_args: list[str]) -> Result:
    import re

    cmd = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-s", str(HERE / "random_ids.lua")]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run(
        [*cmd, url, "--", *lua_args], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    m = re.search(r"\s50%\s+([\d.]+)(us|ms|s)", out)
    p50 = float("nan")
    if m:
        value, unit = float(m.group(1)), m.group(2)
        p50 = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses: (\d+)", out)) + sum(
        int(x)
        for m2 in re.findall(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
        )
        for x in m2
    )
    return Result("", rps, p50, float("nan"), errors)


def serve(env: dict[str, str], workers: int, workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN), "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("serve did not start")
        time.sleep(0.2)
    return proc, base


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=8)
    args = parser.parse_args()
    name = f"plbench_proc_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            generate(url, args.candidates, 1, workdir)
            key = (workdir / "key.txt").read_text().strip()
            sample = workdir / "sample.txt"
            sample.write_text("\n".join((workdir / "ids.txt").read_text().split()[:20_000]) + "\n")
            one = workdir / "one.txt"
            one.write_text("x\n")
            env = server_env(url)
            auth = {"Authorization": f"Bearer {key}"}
            body = '{"first_name":"P","last_name":"Q","email":"p{n}@bench.example.com"}'
            cases = [
                ("GET /candidates/{id}", ["/api/v1/candidates/", ""], sample),
                ("POST /candidates", ["/api/v1/candidates?_=", "", "POST", body], one),
            ]
            results: dict[tuple[str, int], Result] = {}
            for workers in (1, 2):
                proc, base = serve(env, workers, workdir)
                try:
                    for case, lua, lines in cases:
                        lua_args = [str(lines), *lua]
                        wrk(base + "/", 2, auth, lua_args)  # warm-up
                        results[(case, workers)] = wrk(base + "/", args.seconds, auth, lua_args)
                finally:
                    proc.terminate()
                    proc.wait(timeout=60)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    print(
        f"\nAPI throughput on PostgreSQL, {os.cpu_count()} cores shared by wrk, "
        "PostgreSQL and the servers"
    )
    print(
        f"{'case':<24}{'1 process':>14}{'2 processes':>14}{'ratio':>8}"
        f"{'p50 1→2 (ms)':>16}{'errors':>8}"
    )
    for case, _, _ in cases:
        one_p, two_p = results[(case, 1)], results[(case, 2)]
        print(
            f"{case:<24}{one_p.rps:>12,.0f}/s{two_p.rps:>12,.0f}/s{two_p.rps / one_p.rps:>7.2f}×"
            f"{one_p.p50_ms:>8.1f} → {two_p.p50_ms:<6.1f}{one_p.errors + two_p.errors:>8}"
        )


if __name__ == "__main__":
    main()
