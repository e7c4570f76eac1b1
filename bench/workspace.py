"""The recruiter workspace's pages: server time and weight.

    .venv/bin/python bench/workspace.py [--rounds 60] [--candidates 1000] [--questions 20]
    PEOPLELENS_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/workspace.py

On a throwaway database (SQLite, or one created and dropped on that PostgreSQL server), built
through the API: one job with ``--candidates`` candidates spread over the six default stages,
and an AI interview of ``--questions`` questions answered one by one (no follow-ups: a
transcript of twice as many messages, plus the greeting and the closing words), then scored.

Prints, for a signed-in recruiter (a session cookie, through the app in process):

* the p50 and p95 of ``GET /pipeline?job=…`` and of ``GET /interviews/{plan_id}`` (the
  review page: skipped with a note while that route answers 404);
* the bytes each page costs a first visit: its HTML plus every ``/static`` file it references
  (stylesheets, scripts), against the 100 KB aim (uncompressed; gzipped beside it).
"""

from __future__ import annotations

import argparse
import gzip
import logging
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx2 as httpx
from fastapi.testclient import TestClient
from tests.databases import throwaway_database
from tests.factories import Api, make_tenant, run_tasks, token_of

from peoplelens.app import create_app
from peoplelens.config import DEFAULT_PIPELINE_STAGES, Settings

AIM_BYTES = 100 * 1024
_ASSETS = re.compile(r'<(?:link[^>]*\bhref|script[^>]*\bsrc)="(/static/[^"?#]+)[^"]*"')


def _percentiles(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[max(0, round(0.95 * len(ms)) - 1)]


def _timed(rounds: int, get: Callable[[], httpx.Response]) -> tuple[float, float]:
    for _ in range(3):  # warm-up (templates compiled, statements prepared)
        assert get().status_code == 200
    spent = []
    for _ in range(rounds):
        start = time.perf_counter()
        r = get()
        spent.append((time.perf_counter() - start) * 1000)
        assert r.status_code == 200, r.status_code
    return _percentiles(spent)


def _weight(client: TestClient, html: str) -> tuple[int, dict[str, int], int]:
    """The page's HTML bytes, each /static file it references with its bytes, and all of it
    gzipped (what a compressing proxy would send; the app itself does not compress)."""
    assets, bodies = {}, [html.encode()]
    for path in dict.fromkeys(_ASSETS.findall(html)):
        r = client.get(path)
        assert r.status_code == 200, path
        assets[path] = len(r.content)
        bodies.append(r.content)
    return len(bodies[0]), assets, sum(len(gzip.compress(b)) for b in bodies)


def _candidates(api: Api, job_id: str, count: int) -> None:
    stages = DEFAULT_PIPELINE_STAGES
    for begin in range(0, count, 1000):
        batch = [
            {
                "first_name": f"Cand{n}",
                "last_name": "Bench",
                "email": f"cand{n}.{job_id[-8:]}@example.com",
                "job_id": job_id,
                "stage": stages[n % len(stages)],
                "status": {"hired": "hired", "rejected": "rejected"}.get(
                    stages[n % len(stages)], "active"
                ),
            }
            for n in range(begin, min(count, begin + 1000))
        ]
        r = api.post("/api/v1/candidates/bulk", json={"candidates": batch})
        assert r.status_code == 201, r.text


def _interview(api: Api, client: TestClient, job_id: str, questions: int) -> tuple[str, int]:
    """A plan whose AI step was answered question by question, then scored; its id and the
    number of messages in its transcript."""
    tpl = api.template(
        structure_template=[
            {
                "text": f"Question {n}: tell me about a system you built and what you measured.",
                "type": "technical",
                "max_follow_ups": 0,
            }
            for n in range(1, questions + 1)
        ]
    )
    cand = api.candidate(job_id=job_id)
    invite = api.invite(cand["id"], tpl["id"])
    base = f"/api/v1/interview-sessions/{token_of(invite)}"
    state = client.post(f"{base}/consent", json={"consent": True}).json()
    n = 0
    while state["state"] == "in_progress":
        n += 1
        text = (
            f"({n}) I built a Go service that handled 5,000 requests per second; I profiled it "
            "with pprof, fixed a goroutine leak and cut p99 latency from 900 ms to 120 ms, "
            "because the checkout page timed out for our largest customers."
        )
        r = client.post(f"{base}/messages", json={"text": text})
        assert r.status_code == 200, r.text
        state = r.json()
    run_tasks(client)
    transcript = api.get(f"/api/v1/interviews/{invite['plan_id']}/transcript").json()
    return invite["plan_id"], sum(len(s["messages"]) for s in transcript["steps"])


def run(url: str, tmp: Path, rounds: int, candidates: int, questions: int) -> None:
    settings = Settings(
        database_url=url,
        secret_key="bench-" + "x" * 40,
        env="test",
        embedded_worker=False,
        ai_encoder="lexical",
        rate_limit_per_minute=10**9,
        link_rate_limit_per_minute=10**9,
        secret_key_file=tmp / "secret",
        storage_url=f"file://{tmp / 'files'}",
    )
    app = create_app(settings)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    with TestClient(app) as client:
        tenant = make_tenant(app.state.runtime.db, candidate_quota=candidates + 100)
        api = Api(client, tenant.key)
        job = api.job(title="Frontend Developer")
        began = time.perf_counter()
        _candidates(api, job["id"], candidates)
        plan_id, messages = _interview(api, client, job["id"], questions)
        built = time.perf_counter() - began
        person = tenant.new_person("recruiter", app.state.runtime.secret_key)
        cookie = person.headers(csrf=False)

        def page(path: str) -> Callable[[], httpx.Response]:
            return lambda: client.get(path, headers=cookie, follow_redirects=False)

        print(
            f"\n== {database}: a job with {candidates:,} candidates over "
            f"{len(DEFAULT_PIPELINE_STAGES)} stages; an interview of {questions} questions "
            f"({messages} messages); built in {built:.1f} s; {rounds} rounds"
        )
        print(
            f"{'page':<36} {'p50 ms':>8} {'p95 ms':>8} {'HTML B':>9} {'+ CSS/JS':>9} "
            f"{'total B':>9} {'gzipped':>8}"
        )
        pages: list[tuple[str, str]] = [
            ("GET /pipeline?job=…", f"/pipeline?job={job['id']}"),
            ("GET /interviews/{plan_id} (review)", f"/interviews/{plan_id}"),
            ("GET /candidates (first page)", "/candidates"),
        ]
        assets_seen: dict[str, int] = {}
        for name, path in pages:
            first = page(path)()
            if first.status_code == 404:
                print(f"{name:<36} skipped: the route answers 404 (no such page yet)")
                continue
            assert first.status_code == 200, (path, first.status_code)
            p50, p95 = _timed(rounds, page(path))
            html, assets, zipped = _weight(client, first.text)
            if dump := os.environ.get("BENCH_DUMP_HTML"):  # to look at what a page weighs
                Path(dump).mkdir(parents=True, exist_ok=True)
                (Path(dump) / (name.split()[1].strip("/").split("/")[0] + ".html")).write_text(
                    first.text
                )
            assets_seen.update(assets)
            extra = sum(assets.values())
            total = html + extra
            flag = "" if total <= AIM_BYTES else "  over the 100 KB aim"
            print(
                f"{name:<36} {p50:>8.1f} {p95:>8.1f} {html:>9,} {extra:>9,} {total:>9,} "
                f"{zipped:>8,}{flag}"
            )
        shown = ", ".join(f"{p} {b:,} B" for p, b in sorted(assets_seen.items()))
        print(f"static files referenced: {shown}; aim: HTML + CSS + JS ≤ {AIM_BYTES:,} B a page")
    app.state.runtime.db.dispose()


def main(argv: list[str] | None = None) -> None:
    logging.getLogger("peoplelens").setLevel(logging.WARNING)  # not a line per scored task
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=20)
    args: Any = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp())
    with throwaway_database(tmp) as url:
        run(url, tmp, args.rounds, args.candidates, args.questions)


if __name__ == "__main__":
    main()
