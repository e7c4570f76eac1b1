"""The candidate's slot page with a busy interviewer: latency and SQL statements per request.

    .venv/bin/python bench/scheduling.py [--requests 300] [--booked 500]
    .venv/bin/python bench/scheduling.py --database postgresql

A fresh database built by the migrations (a SQLite file in a temporary directory, or a
PostgreSQL database created and dropped on 127.0.0.1:5432 as ``postgres``), one tenant and two
interviewers with the same hours (Mon–Fri 09:00–17:00 Europe/Berlin): *busy* holds
``--booked`` 45-minute human steps of other candidates, *idle* none. Those steps are created
and booked by the real services (``plans.service.invite``, then ``scheduling.service.book`` as
the team); their times are random quarter hours over the past 90 days and the next 14 days,
not overlapping. ``book`` refuses the past, so a past step is booked 120 days later and then
moved back by exactly that much (``scheduled_start``/``scheduled_end`` and the ``schedule``
copy): the rows are the service's. Each interviewer then has one more plan whose human step
is unbooked, and its link is measured through the app in process (TestClient, lifespan run):

* ``GET /api/v1/interview-sessions/{token}/slots`` and ``GET /book/{token}`` (the page);
* ``POST …/booking`` then ``POST …/booking/cancel``, alternately, at the first offered slot.

Times are wall-clock around the in-process call (``GET /healthz`` shows that floor). The SQL
statements of one request are counted by an engine listener. Writes nothing to the repository.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx2 as httpx
import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import event
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tests.factories import make_tenant

from peoplelens.app import create_app
from peoplelens.auth.principal import Principal
from peoplelens.candidates.bulk import bulk_create
from peoplelens.candidates.schemas import BulkCandidates
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.interviews.plans import service as plans
from peoplelens.interviews.plans.repository import PlanRepository, StepRepository
from peoplelens.interviews.plans.schemas import InviteIn
from peoplelens.interviews.scheduling import service as scheduling
from peoplelens.kit import ids
from peoplelens.kit.time import iso, utcnow
from peoplelens.migrate import upgrade
from peoplelens.models import User
from peoplelens.runtime import Runtime
from peoplelens.users.schemas import UserCreate
from peoplelens.users.service import create_user

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
HOURS = {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
ZONE = "Europe/Berlin"
LENGTH = timedelta(minutes=45)
SHIFT = timedelta(days=120)  # past steps are booked this much later, then moved back


@contextmanager
def database(kind: str, directory: Path) -> Iterator[str]:
    if kind == "sqlite":
        url = f"sqlite:///{directory / 'bench.db'}"
        upgrade(url)
        yield url
        return
    name = f"plbench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _times(count: int, now: datetime, seed: int) -> list[datetime]:
    """``count`` non-overlapping 45-minute starts on the quarter hour, over [now − 90 d,
    now + 14 d), none in the next hour (setup takes time; ``book`` refuses the past)."""
    rng = random.Random(seed)
    base = now.replace(minute=0, second=0, microsecond=0) - timedelta(days=90)
    taken: set[int] = set()
    out: list[datetime] = []
    while len(out) < count:
        q = rng.randrange(104 * 96)
        start = base + timedelta(minutes=15 * q)
        overlaps = not taken.isdisjoint(range(q - 2, q + 3))  # 45 min = three quarters
        if overlaps or now - LENGTH < start < now + timedelta(hours=1):
            continue
        taken.add(q)
        out.append(start)
    return out


def _interviewer(db: Database, principal: Principal, name: str) -> User:
    with db.write_session() as session:
        user = create_user(
            session,
            principal,
            UserCreate(
                email=f"{name}.{uuid.uuid4().hex[:8]}@bench.example.com",
                first_name=name.title(),
                role="interviewer",
                time_zone=ZONE,
                working_hours=HOURS,
            ),
        )
        session.commit()
        return user


def _plans(
    runtime: Runtime, principal: Principal, interviewer: User, count: int
) -> list[tuple[uuid.UUID, str]]:
    """``count`` one-step human plans with ``interviewer``: (plan id, the link's token)."""
    out: list[tuple[uuid.UUID, str]] = []
    with runtime.db.write_session() as session:
        people = bulk_create(
            session,
            principal,
            BulkCandidates.model_validate(
                {
                    "candidates": [
                        {
                            "first_name": f"Candidate {i}",
                            "last_name": "Bench",
                            "email": f"c{i}.{uuid.uuid4().hex[:8]}@bench.example.com",
                        }
                        for i in range(count)
                    ]
                }
            ),
        )
        for person in people:
            made = plans.invite(
                session,
                principal,
                InviteIn.model_validate(
                    {
                        "candidate_id": person.model_dump()["id"],
                        "steps": [
                            {
                                "title": "Panel interview",
                                "type": "human_interview",
                                "interviewer_id": ids.render("usr", interviewer.id),
                            }
                        ],
                        "send_email": False,
                    }
                ),
                public_url=runtime.settings.public_url,
                secret=runtime.secret_key,
                default_hours=24 * 90,
            )
            out.append((made.plan_id, made.booking_link.url.rsplit("/", 1)[1]))
        session.commit()
    return out


def _book_all(
    runtime: Runtime, principal: Principal, interviewer: User, plan_ids: list[uuid.UUID]
) -> None:
    now = utcnow()
    wanted = _times(len(plan_ids), now, seed=15)
    past = 0
    for first in range(0, len(plan_ids), 100):
        with runtime.db.write_session() as session:
            for plan_id, start in zip(
                plan_ids[first : first + 100], wanted[first : first + 100], strict=True
            ):
                plan = PlanRepository(session, principal).get_or_404(plan_id)
                (step,) = StepRepository(session, principal).for_plans([plan_id])[plan_id]
                at = start + SHIFT if start < now else start
                scheduling.book(
                    session,
                    principal,
                    runtime.scheduling,
                    plan,
                    step,
                    interviewer,
                    at,
                    at + LENGTH,
                    by="team",
                    outside_working_hours=True,
                )
                if at != start:  # moved back to when it really was
                    past += 1
                    step.scheduled_start, step.scheduled_end = start, start + LENGTH
                    step.schedule = dict(step.schedule or {}) | {
                        "start_time": iso(start),
                        "end_time": iso(start + LENGTH),
                    }
                session.flush()
            session.commit()
    print(f"  {interviewer.first_name}: {len(plan_ids) - past} steps booked ahead, {past} past")


class Statements:
    """Counts the SQL statements the engine sends while ``on`` is set."""

    def __init__(self, db: Database) -> None:
        self.on = False
        self.count = 0
        event.listen(db.engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        if self.on:
            self.count += 1

    def of(self, call: Callable[[], object]) -> int:
        self.count, self.on = 0, True
        try:
            call()
        finally:
            self.on = False
        return self.count


class Timed:
    """The app wrapped: ``last_ms`` is the time from the request's arrival to the end of the
    response body — the server's share, without the test client's thread hop."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.last_ms = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()

        async def timed_send(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.last_ms = (time.perf_counter() - t0) * 1000

        await self.app(scope, receive, timed_send)


def _ms(timed: Timed, call: Callable[[], httpx.Response], n: int) -> list[float]:
    out = []
    for _ in range(n):
        r = call()
        assert r.status_code == 200, r.text
        out.append(timed.last_ms)
    return out


def _row(label: str, ms: list[float], sql: int | None, base: float | None = None) -> float:
    ms = sorted(ms)
    p50, p95 = statistics.median(ms), ms[max(0, round(0.95 * len(ms)) - 1)]
    ratio = f"{p50 / base:6.2f}" if base else "     -"
    sql_text = f"{sql:4d}" if sql is not None else "   -"
    print(f"  {label:<36} {p50:7.2f} {p95:7.2f} {statistics.fmean(ms):7.2f} {ratio} {sql_text}")
    return p50


def _pair(
    timed: Timed,
    statements: Statements,
    label: str,
    calls: dict[str, Callable[[], httpx.Response]],
    n: int,
) -> None:
    """The idle and the busy interviewer's request, interleaved (drift hits both alike)."""
    ms: dict[str, list[float]] = {who: [] for who in calls}
    for _ in range(20):  # warm-up
        for call in calls.values():
            call()
    for _ in range(n):
        for who, call in calls.items():
            ms[who] += _ms(timed, call, 1)
    base = _row(f"{label} (idle)", ms["idle"], statements.of(calls["idle"]))
    _row(f"{label} (busy)", ms["busy"], statements.of(calls["busy"]), base)


def measure(
    client: TestClient, timed: Timed, statements: Statements, tokens: dict[str, str], n: int
) -> None:
    def slots(token: str) -> Callable[[], httpx.Response]:
        return lambda: client.get(f"/api/v1/interview-sessions/{token}/slots")

    def page(token: str) -> Callable[[], httpx.Response]:
        return lambda: client.get(f"/book/{token}")

    offered = {who: slots(token)().json()["slots"] for who, token in tokens.items()}
    print(f"  slots offered: busy {len(offered['busy'])}, idle {len(offered['idle'])}")
    print(f"  {'server-side ms':<36} {'p50':>7} {'p95':>7} {'mean':>7} {'×idle':>6} {'SQL':>4}")
    health = _ms(timed, lambda: client.get("/healthz"), n)
    _row("GET /healthz (floor)", health, statements.of(lambda: client.get("/healthz")))
    _pair(timed, statements, "GET …/slots", {w: slots(t) for w, t in tokens.items()}, n)
    _pair(timed, statements, "GET /book/{token}", {w: page(t) for w, t in tokens.items()}, n)
    for who, token in tokens.items():
        _cycle(client, timed, statements, who, token, offered[who][0]["start_time"], n)


def _cycle(
    client: TestClient,
    timed: Timed,
    statements: Statements,
    who: str,
    token: str,
    start: str,
    n: int,
) -> None:
    """Books the slot at ``start`` and cancels it, ``n // 2`` times each, alternately."""
    path = f"/api/v1/interview-sessions/{token}/booking"

    def book() -> httpx.Response:
        return client.post(path, json={"start_time": start, "time_zone": ZONE})

    def cancel() -> httpx.Response:
        return client.post(path + "/cancel")

    sql_book, sql_cancel = statements.of(book), statements.of(cancel)
    book_ms: list[float] = []
    cancel_ms: list[float] = []
    for _ in range(n // 2):
        book_ms += _ms(timed, book, 1)
        cancel_ms += _ms(timed, cancel, 1)
    _row(f"POST …/booking ({who})", book_ms, sql_book)
    _row(f"POST …/booking/cancel ({who})", cancel_ms, sql_cancel)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--booked", type=int, default=500)
    args = parser.parse_args()
    logging.getLogger("peoplelens").setLevel(logging.WARNING)  # a line per e-mail is noise
    tmp = Path(tempfile.mkdtemp())
    with database(args.database, tmp) as url:
        settings = Settings(
            env="test",
            database_url=url,
            secret_key="bench-secret-" + "x" * 40,
            rate_limit_per_minute=1_000_000,
            link_rate_limit_per_minute=1_000_000,
            embedded_worker=False,
            secret_key_file=tmp / "secret",
            storage_url=f"file://{tmp / 'files'}",
            ai_encoder="lexical",  # no model to load: nothing here embeds
        )
        app = create_app(settings)
        timed = Timed(app)
        with TestClient(timed) as client:
            runtime: Runtime = app.state.runtime
            principal = Principal.system(make_tenant(runtime.db).id)
            print(f"database: {args.database}; {args.requests} requests per case")
            tokens = {}
            for who, booked in (("busy", args.booked), ("idle", 0)):
                user = _interviewer(runtime.db, principal, who)
                made = _plans(runtime, principal, user, booked + 1)
                started = time.perf_counter()
                _book_all(runtime, principal, user, [plan_id for plan_id, _ in made[:-1]])
                if booked:
                    print(f"  booked in {time.perf_counter() - started:.1f} s")
                tokens[who] = made[-1][1]
            measure(client, timed, Statements(runtime.db), tokens, args.requests)


if __name__ == "__main__":
    main()
