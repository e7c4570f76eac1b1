"""The event feed's page time at depth (spec §14): the first page against a page a million
events in, through the app (in process) on a throwaway database.

    PEOPLELENS_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/event_feed.py [--events 1000000] [--rounds 50]
    .venv/bin/python bench/event_feed.py --events 200000     # SQLite

The events are written straight into the outbox (``INSERT … SELECT`` over a series: a
million through the API would take most of an hour), with positions and times as the
database would have given them, and one other tenant's million beside them so the tenant's
index range is what is measured, not the table. Prints p50/p95 of ``GET /api/v1/events``
(limit 100) from the start, at depth, and filtered by one type at depth; the target is
depth ≤ 2 × first page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx2 as httpx
from fastapi.testclient import TestClient
from sqlalchemy import text
from tests.databases import throwaway_database
from tests.factories import Api, make_tenant

from peoplelens.app import create_app
from peoplelens.config import Settings

# PostgreSQL positions are transaction ids, and the feed shows those below the oldest running
# transaction's: a fresh database's ids are in the thousands, so the written events sit below
# zero (the index and the plan do not care where the numbers start).
BELOW = 10**12


def _fill(app_db: object, tenant_id: uuid.UUID, count: int) -> None:
    """``count`` events for the tenant, one position each (see BELOW), a millisecond apart."""
    engine = app_db.engine  # type: ignore[attr-defined]
    postgres = engine.dialect.name == "postgresql"
    batch = 100_000
    with engine.begin() as conn:
        for start in range(0, count, batch):
            n = min(batch, count - start)
            if postgres:
                conn.execute(
                    text(
                        "INSERT INTO events (id, tenant_id, type, candidate_id, payload, "
                        "created_at, dispatched_at, position) "
                        "SELECT uid, :tenant, (ARRAY['candidate.created','candidate.updated',"
                        "  'candidate.stage_changed','job.updated'])[1 + i % 4], NULL, "
                        "  json_build_object('id', 'evt-' || uid, 'event', 'candidate.updated', "
                        "    'timestamp', '2026-01-01T00:00:00.000Z', 'data', "
                        "    json_build_object('id', 'can-' || i, 'first_name', 'Ada', "
                        "    'last_name', 'Lovelace', 'email', 'ada' || i || '@example.com', "
                        "    'stage', 'screening')), "
                        "  date_trunc('milliseconds', now()) - interval '30 days' "
                        "  + i * interval '1 millisecond', "
                        "  now(), i - :below "
                        "FROM (SELECT gen_random_uuid() AS uid, i FROM generate_series("
                        "CAST(:lo AS bigint), CAST(:hi AS bigint)) AS i) AS g"
                    ),
                    {"tenant": tenant_id, "lo": start + 1, "hi": start + n, "below": BELOW},
                )
            else:
                conn.execute(
                    text(
                        "WITH RECURSIVE s(i) AS (SELECT :lo UNION ALL SELECT i + 1 FROM s "
                        "WHERE i < :hi), g AS (SELECT i, lower(hex(randomblob(16))) AS h FROM s) "
                        "INSERT INTO events (id, tenant_id, type, candidate_id, payload, "
                        "created_at, dispatched_at, position) "
                        "SELECT h, :tenant, "
                        "  CASE i % 4 WHEN 0 THEN 'candidate.created' WHEN 1 THEN "
                        "  'candidate.updated' WHEN 2 THEN 'candidate.stage_changed' "
                        "  ELSE 'job.updated' END, NULL, "
                        "  json_object('id', 'evt-' || substr(h, 1, 8) || '-' || substr(h, 9, 4) "
                        "    || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || "
                        "    substr(h, 21), 'event', 'candidate.updated', "
                        "    'timestamp', '2026-01-01T00:00:00.000Z', 'data', "
                        "    json_object('id', 'can-' || i, 'first_name', 'Ada', "
                        "    'last_name', 'Lovelace', 'email', 'ada' || i || '@example.com', "
                        "    'stage', 'screening')), "
                        "  strftime('%Y-%m-%d %H:%M:%f', '2026-01-01', '+' || (i / 1000.0) || "
                        "  ' seconds'), '2026-01-01 00:00:00', i FROM g"
                    ),
                    {"tenant": tenant_id.hex, "lo": start + 1, "hi": start + n},
                )
        if postgres:
            conn.execute(text("ANALYZE events"))
        else:
            conn.execute(text("ANALYZE"))


def _timed(
    rounds: int, get: Callable[[], httpx.Response], empty: bool = False
) -> tuple[float, float]:
    for _ in range(3):
        assert get().status_code == 200
    spent = []
    for _ in range(rounds):
        began = time.perf_counter()
        r = get()
        spent.append((time.perf_counter() - began) * 1000)
        assert r.status_code == 200 and (empty or len(r.json()["data"]) > 0)
    spent.sort()
    return statistics.median(spent), spent[max(0, round(0.95 * len(spent)) - 1)]


def run(url: str, tmp: Path, events: int, rounds: int) -> None:
    settings = Settings(
        database_url=url,
        secret_key="bench-" + "x" * 40,
        env="test",
        embedded_worker=False,
        ai_encoder="lexical",
        rate_limit_per_minute=10**9,
        secret_key_file=tmp / "secret",
        storage_url=f"file://{tmp / 'files'}",
    )
    app = create_app(settings)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    with TestClient(app) as client:
        db = app.state.runtime.db
        tenant, other = make_tenant(db), make_tenant(db)
        began = time.perf_counter()
        _fill(db, other.id, events)
        _fill(db, tenant.id, events)
        filled = time.perf_counter() - began
        api = Api(client, tenant.key)
        # The event near the end, by walking the index once (what a reader's cursor holds).
        with db.engine.connect() as conn:
            deep_id = conn.execute(
                text("SELECT id FROM events WHERE tenant_id = :t AND position = :p"),
                {
                    "t": tenant.id if database == "PostgreSQL" else tenant.id.hex,
                    "p": events - 150 - (BELOW if database == "PostgreSQL" else 0),
                },
            ).scalar_one()
        deep = f"evt-{uuid.UUID(str(deep_id))}"
        first = _timed(rounds, lambda: api.get("/api/v1/events", params={"limit": 100}))
        at_depth = _timed(
            rounds,
            lambda: api.get("/api/v1/events", params={"limit": 100, "starting_after": deep}),
        )
        filtered = _timed(
            rounds,
            lambda: api.get(
                "/api/v1/events",
                params={"limit": 100, "starting_after": deep, "types": "job.updated"},
            ),
        )
        family = _timed(
            rounds,
            lambda: api.get("/api/v1/events", params={"limit": 100, "types": "candidate.*"}),
        )
        rare = _timed(
            max(3, rounds // 10),
            lambda: api.get("/api/v1/events", params={"limit": 100, "types": "job.closed"}),
            empty=True,
        )
    print(
        f"\n== event feed on {database}: {events:,} events of the tenant (+{events:,} of "
        f"another), written in {filled:.0f} s"
    )
    print(f"  first page (limit 100)        p50 {first[0]:6.2f} ms   p95 {first[1]:6.2f} ms")
    print(
        f"  page at depth {events - 150:>9,}      p50 {at_depth[0]:6.2f} ms   "
        f"p95 {at_depth[1]:6.2f} ms"
    )
    print(f"  at depth, one type (of four)  p50 {filtered[0]:6.2f} ms   p95 {filtered[1]:6.2f} ms")
    print(f"  a family (candidate.*: 6 types) p50 {family[0]:6.2f} ms   p95 {family[1]:6.2f} ms")
    print(f"  a type no event has (whole range) p50 {rare[0]:6.2f} ms   p95 {rare[1]:6.2f} ms")
    ratio = at_depth[0] / first[0]
    print(
        f"  depth / first page (p50): {ratio:.2f}×  "
        f"(target ≤ 2×: {'met' if ratio <= 2 else 'MISSED'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, throwaway_database(Path(tmp)) as url:
        run(url, Path(tmp), args.events, args.rounds)


if __name__ == "__main__":
    main()
