"""Benchmark data: tenants, jobs, candidates, plans and steps, written through bulk inserts.

    .venv/bin/python bench/datagen.py DATABASE_URL --candidates 100000

Prints progress and the insert rate; writes ``ids.txt`` (candidate ids of the benchmark
tenant) and ``key.txt`` (its API key) into ``--out``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text

from peoplelens.auth.keys import create_key
from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.time import utcnow
from peoplelens.migrate import upgrade
from peoplelens.models import Candidate, InterviewPlan, InterviewStep, Job
from peoplelens.tenants.repository import TenantProfileWrites
from peoplelens.tenants.service import create_tenant

CHUNK = 10_000


def server_env(database_url: str) -> dict[str, str]:
    """The environment of a benched `serve`: no rate limit, no embedded worker, the lexical
    encoder (start-up time), a fixed secret."""
    return {
        **os.environ,
        "PEOPLELENS_DATABASE_URL": database_url,
        "PEOPLELENS_RATE_LIMIT_PER_MINUTE": str(10**9),
        "PEOPLELENS_EMBEDDED_WORKER": "false",
        "PEOPLELENS_AI_ENCODER": "lexical",
        "PEOPLELENS_SECRET_KEY": "bench-secret-" + "x" * 40,
    }


def progress(label: str, done: int, total: int, started: float, overall: int) -> None:
    """A one-line progress bar; ``overall`` (all tenants so far) gives the insert rate."""
    width = 30
    filled = int(width * done / max(total, 1))
    rate = overall / max(time.perf_counter() - started, 1e-9)
    sys.stderr.write(
        f"\r  {label:<11} [{'#' * filled}{'.' * (width - filled)}] "
        f"{done:>9,}/{total:,}  {rate:,.0f}/s"
    )
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def generate(url: str, candidates: int, tenants: int, out: Path) -> dict[str, float]:
    upgrade(url)
    db = Database.connect(url)
    rates: dict[str, float] = {}
    with db.write_session() as s:
        tenant_ids = [
            create_tenant(s, f"bench-{uuid.uuid4().hex[:8]}", "Bench").id for _ in range(tenants)
        ]
        _, key = create_key(s, Principal.system(tenant_ids[0]), name="bench")
        s.commit()
    now = utcnow()
    per_tenant = candidates // tenants
    started = time.perf_counter()
    total_rows = 0
    bench_ids: list[str] = []
    for t_index, tenant_id in enumerate(tenant_ids):
        with db.write_session() as s:
            jobs = [
                {
                    "id": new_uuid(),
                    "tenant_id": tenant_id,
                    "title": f"Job {j}",
                    "status": "active",
                    "created_at": now,
                    "updated_at": now,
                }
                for j in range(50)
            ]
            s.execute(insert(Job), jobs)
            s.commit()
        made = 0
        while made < per_tenant:
            n = min(CHUNK, per_tenant - made)
            cands, plans, steps = [], [], []
            for i in range(n):
                cid = new_uuid()
                stamp = now - timedelta(seconds=per_tenant - made - i)
                email = f"c{t_index}.{made + i}@bench.example.com"
                cands.append(
                    {
                        "id": cid,
                        "tenant_id": tenant_id,
                        "first_name": "Bench",
                        "last_name": f"Candidate{made + i}",
                        "email": email,
                        "email_normalized": email,
                        "status": "active",
                        "stage": "applied",
                        "job_id": jobs[i % 50]["id"],
                        "metadata_": {},
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                pid = new_uuid()
                plans.append(
                    {
                        "id": pid,
                        "tenant_id": tenant_id,
                        "candidate_id": cid,
                        "job_id": jobs[i % 50]["id"],
                        "status": "active",
                        "total_steps": 3,
                        "completed_steps": i % 3,
                        "started": i % 3 > 0,
                        "expires_at": now + timedelta(days=7),
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                for position in range(3):
                    steps.append(
                        {
                            "id": new_uuid(),
                            "tenant_id": tenant_id,
                            "plan_id": pid,
                            "position": position + 1,
                            "title": f"Step {position + 1}",
                            "type": "human_interview",
                            "status": "completed" if position < i % 3 else "pending",
                            "conversation": {},
                            "created_at": stamp,
                            "updated_at": stamp,
                        }
                    )
                if t_index == 0:
                    bench_ids.append(f"can-{cid}")
            with db.write_session() as s:
                s.execute(insert(Candidate), cands)
                s.execute(insert(InterviewPlan), plans)
                s.execute(insert(InterviewStep), steps)
                TenantProfileWrites(s, Principal.system(tenant_id)).count_candidates(n)
                s.commit()
            made += n
            total_rows += n * 5
            progress(
                f"tenant {t_index + 1}", made, per_tenant, started, t_index * per_tenant + made
            )
    elapsed = time.perf_counter() - started
    # Fresh statistics and visibility map, as autovacuum would leave them on a live database
    # (without them PostgreSQL plans the IN-list and count queries for an empty table).
    if db.is_sqlite:
        with db.write_session() as s:
            s.execute(text("ANALYZE"))
            s.commit()
    else:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    rates["candidates_per_s"] = candidates / elapsed
    rates["rows_per_s"] = total_rows / elapsed
    out.mkdir(parents=True, exist_ok=True)
    (out / "ids.txt").write_text("\n".join(bench_ids) + "\n")
    (out / "key.txt").write_text(key)
    db.dispose()
    sys.stderr.write(
        f"  generated {candidates:,} candidates (+plans, steps) in {elapsed:.1f} s: "
        f"{rates['candidates_per_s']:,.0f} candidates/s, "
        f"{rates['rows_per_s']:,.0f} rows/s\n"
    )
    return rates


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--tenants", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    generate(args.database_url, args.candidates, args.tenants, args.out)


if __name__ == "__main__":
    main()
