"""Instructions per request, counted by valgrind (callgrind): a before/after comparison that the
machine's load cannot blur (req/s on a shared host drifts by ±30 % within minutes).

    .venv/bin/python bench/instructions.py --before /tmp/before [--requests 300]

Each checkout's app runs in its own Python under callgrind with instrumentation off; after a
warm-up the harness switches it on (``callgrind_control``), the app serves N requests of one
case through its ASGI interface (no HTTP server: what is counted is the app, from the
outermost middleware to the answer), and the count is dumped. Needs the database
``bench/compare.py`` generated (bench/out/compare). Writes bench/INSTRUCTIONS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = ROOT / "bench" / "out" / "compare"

CASES = ("get", "status", "status_304", "list", "patch", "post")

# Runs inside the measured Python (either checkout): drives the app's ASGI interface.
DRIVER = r"""
import asyncio, json, os, sys
work = sys.argv[1]; case = sys.argv[2]; n = int(sys.argv[3])
os.environ.update({
    "PEOPLELENS_DATABASE_URL": f"sqlite:///{work}/bench.db",
    "PEOPLELENS_RATE_LIMIT_PER_MINUTE": str(10**9),
    "PEOPLELENS_EMBEDDED_WORKER": "false",
    "PEOPLELENS_AI_ENCODER": "lexical",
    "PEOPLELENS_SECRET_KEY": "bench-secret-" + "x" * 40,
})
from peoplelens.app import create_app
key = open(f"{work}/key.txt").read().strip()
ids = open(f"{work}/sample.txt").read().split()[:2000]
app = create_app()

async def call(method, path, body=b"", headers=()):
    path, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": query.encode(), "root_path": "", "server": ("t", 80),
             "client": ("127.0.0.1", 1), "headers": [(b"host", b"t"),
             (b"authorization", f"Bearer {key}".encode()), *headers]}
    if body:
        scope["headers"] += [(b"content-type", b"application/json"),
                             (b"content-length", str(len(body)).encode())]
    sent = []
    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}
    async def send(message):
        sent.append(message)
    await app(scope, receive, send)
    return sent[0]["status"], dict(sent[0].get("headers", []))

async def one(i):
    cid = ids[i % len(ids)]
    if case == "get":
        return await call("GET", f"/api/v1/candidates/{cid}")
    if case == "status":
        return await call("GET", f"/api/v1/candidates/{cid}/status")
    if case == "status_304":
        return await call("GET", f"/api/v1/candidates/{ids[0]}/status",
                          headers=[(b"if-none-match", ETAG)])
    if case == "list":
        return await call("GET", "/api/v1/candidates?limit=20")
    if case == "patch":
        body = json.dumps({"metadata": {"bench": str(i)}}).encode()
        return await call("PATCH", f"/api/v1/candidates/{cid}", body)
    body = json.dumps({"first_name": "P", "last_name": "Q",
                       "email": f"i{os.getpid()}.{i}@bench.example.com"}).encode()
    return await call("POST", "/api/v1/candidates", body)

async def main():
    global ETAG
    async with app.router.lifespan_context(app):
        ETAG = (await call("GET", f"/api/v1/candidates/{ids[0]}/status"))[1][b"etag"]
        for i in range(200):
            await one(100_000 + i)  # warm-up, not counted
        print("ready", flush=True); sys.stdin.readline()
        for i in range(n):
            status, _ = await one(i)
            assert status in (200, 201, 304), status
        print("done", flush=True); sys.stdin.readline()

asyncio.run(main())
"""


def count(tree: Path, case: str, n: int, driver: Path) -> int:
    """Instructions the app of ``tree`` runs for ``n`` requests of ``case``."""
    python = tree / ".venv" / "bin" / "python"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        proc = subprocess.Popen(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--callgrind-out-file={out}",
                str(python),
                str(driver),
                str(WORK),
                case,
                str(n),
            ],
            cwd=tree,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdin is not None and proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        pid = str(proc.pid)
        subprocess.run(["callgrind_control", "-i", "on", pid], check=True, capture_output=True)
        subprocess.run(["callgrind_control", "-z", pid], check=True, capture_output=True)
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "done"
        subprocess.run(["callgrind_control", "-d", pid], check=True, capture_output=True)
        subprocess.run(["callgrind_control", "-i", "off", pid], check=True, capture_output=True)
        proc.stdin.write("exit\n")
        proc.stdin.flush()
        proc.wait(timeout=600)
        dumps = sorted(Path(tmp).glob("cg.out*"), key=lambda p: p.stat().st_mtime)
        for dump in dumps:
            found = re.search(r"^(?:summary|totals): (\d+)", dump.read_text(), re.M)
            if found and int(found.group(1)) > 0:
                return int(found.group(1))
    raise RuntimeError(f"no instruction count for {tree} {case}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    if not (WORK / "bench.db").exists():
        sys.exit("run bench/compare.py first: it generates the database (bench/out/compare)")
    driver = WORK / "driver.py"
    driver.write_text(DRIVER)
    n = args.requests
    lines = [
        "# Instructions per request (bench/instructions.py)",
        "",
        f"valgrind callgrind, {n} requests per case through the app's ASGI interface after a "
        f"warm-up; `{args.before.resolve()}` against this tree, the same SQLite database.",
        "",
        "| case | before (instructions/request) | after | after/before |",
        "|---|---:|---:|---:|",
    ]
    for case in args.cases.split(","):
        before = count(args.before.resolve(), case, n, driver) / n
        after = count(ROOT, case, n, driver) / n
        lines.append(f"| {case} | {before:,.0f} | {after:,.0f} | {after / before:.3f} |")
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "INSTRUCTIONS.md").write_text(text)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
