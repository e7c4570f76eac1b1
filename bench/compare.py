"""Before/after on this machine, in one sitting: the API cases served by two checkouts at once.

    git worktree add /tmp/before <revision> && make -C /tmp/before install
    .venv/bin/python bench/compare.py --before /tmp/before [--seconds 5] [--reps 5]

Both servers run against the same generated SQLite database, one uvicorn worker each, pinned
to CPU 0 (only the one under load uses it); wrk runs on CPU 1. Every repetition measures each
case on both sides back to back, in alternating order, so that the machine's drift (on a shared
host, ±30 % over minutes) falls on both alike. Prints the median req/s of each side and the
median of the paired after/before ratios, and the server's CPU time per request (read from
/proc: steadier than req/s on a shared host), and writes bench/COMPARE.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.datagen import generate, server_env  # noqa: E402
from bench.run import Result, Server, deep_cursor, wrk  # noqa: E402

APP = "peoplelens.app:create_app"


def _cpu_seconds(server: Server) -> float:
    """The server process's CPU time so far (user + system), from /proc."""
    fields = Path(f"/proc/{server.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _requests(result: Result, seconds: int) -> float:
    return result.rps * seconds


def _etags(server: Server, auth: dict[str, str], ids: list[str], path: Path) -> str:
    with httpx.Client(base_url=server.base, headers=auth) as c:
        pairs = [f"{i} {c.get(f'/api/v1/candidates/{i}/status').headers['etag']}" for i in ids]
    path.write_text("\n".join(pairs) + "\n")
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    before_tree = args.before.resolve()
    work = ROOT / "bench" / "out" / "compare"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    url = f"sqlite:///{work / 'bench.db'}"
    generate(url, args.candidates, 2, work)
    key = (work / "key.txt").read_text().strip()
    sample = (work / "ids.txt").read_text().split()[:20_000]
    (work / "sample.txt").write_text("\n".join(sample) + "\n")
    (work / "one.txt").write_text("x\n")
    env = server_env(url)
    auth = {"Authorization": f"Bearer {key}"}
    sides = {"before": Server(APP, env, True, before_tree), "after": Server(APP, env, True)}
    try:
        etags = {
            name: _etags(server, auth, sample[:2000], work / f"etags-{name}.txt")
            for name, server in sides.items()
        }
        cursor, depth = deep_cursor(url, sample[0], depth=args.candidates // 2 - 100)
        sample_path, one = str(work / "sample.txt"), str(work / "one.txt")
        cases: list[tuple[str, str, str, dict[str, list[str]]]] = [
            ("GET /candidates/{id}", "/api/v1/candidates/", "", {}),
            ("GET /candidates/{id}/status", "/api/v1/candidates/", "/status", {}),
            ("GET …/status → 304", "/api/v1/candidates/", "/status", {"etags": []}),
            ("GET /candidates (first page)", "/api/v1/candidates?limit=20&_=", "", {"one": []}),
            (
                f"GET /candidates?cursor= (depth {depth:,})",
                f"/api/v1/candidates?limit=20&cursor={cursor}&_=",
                "",
                {"one": []},
            ),
            (
                "PATCH /candidates/{id}",
                "/api/v1/candidates/",
                "",
                {"extra": ["PATCH", '{"metadata":{"bench":"{n}"}}']},
            ),
            (
                "POST /candidates",
                "/api/v1/candidates?_=",
                "",
                {
                    "one": [],
                    "extra": [
                        "POST",
                        '{"first_name":"P","last_name":"Q","email":"p{n}@c.example"}',
                    ],
                },
            ),
        ]
        runs: dict[tuple[str, str], list[Result]] = {}
        ratios: dict[str, list[float]] = {name: [] for name, *_ in cases}
        # Server CPU per request (µs): steadier than req/s on a shared host.
        cost: dict[tuple[str, str], list[float]] = {}
        for rep in range(args.reps):
            for name, prefix, suffix, how in cases:
                order = ["before", "after"] if rep % 2 == 0 else ["after", "before"]
                got: dict[str, Result] = {}
                for side in order:
                    ids = etags[side] if "etags" in how else one if "one" in how else sample_path
                    lua = [ids, prefix, suffix, *how.get("extra", [])]
                    base = sides[side].base + "/"
                    wrk(base, 1, auth, lua)  # warm-up
                    cpu = _cpu_seconds(sides[side])
                    got[side] = wrk(base, args.seconds, auth, lua)
                    spent = _cpu_seconds(sides[side]) - cpu
                    runs.setdefault((name, side), []).append(got[side])
                    cost.setdefault((name, side), []).append(
                        spent / _requests(got[side], args.seconds) * 1e6
                    )
                ratios[name].append(got["after"].rps / got["before"].rps)
            print(f"repetition {rep + 1}/{args.reps} done", flush=True)
    finally:
        for server in sides.values():
            server.stop()
    lines = [
        "# Before/after (bench/compare.py)",
        "",
        f"`{before_tree}` against this tree, one sitting, {args.reps} paired repetitions of "
        f"{args.seconds} s each (wrk -t1 -c16), SQLite, {args.candidates:,} candidates.",
        "",
        "| case | before req/s | after req/s | after/before (median of pairs) | min–max "
        "| server CPU µs/request before → after | CPU after/before | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, *_ in cases:
        b = statistics.median(r.rps for r in runs[(name, "before")])
        a = statistics.median(r.rps for r in runs[(name, "after")])
        errors = sum(r.errors for side in ("before", "after") for r in runs[(name, side)])
        rs = ratios[name]
        cb = statistics.median(cost[(name, "before")])
        ca = statistics.median(cost[(name, "after")])
        lines.append(
            f"| {name} | {b:,.0f} | {a:,.0f} | {statistics.median(rs):.3f} | "
            f"{min(rs):.2f}–{max(rs):.2f} | {cb:,.0f} → {ca:,.0f} | {ca / cb:.3f} | {errors} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "COMPARE.md").write_text(text)


if __name__ == "__main__":
    main()
