"""The write lane (kit/db/writes.WriteLane, kit/db/prepared.PreparedInsert): rows written with
the raw driver must be exactly what the ORM would have written, stay inside the tenant, and a
transaction on it must be all or nothing — also when requests race."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import bindparam, select, update

from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.kit.db.prepared import Prepared, PreparedInsert
from peoplelens.kit.repository import TenantWrites, tenant_scope
from peoplelens.models import AuditEntry, Candidate, Event
from tests.factories import Api, TenantHandle, unique_email
from tests.kit.lanes import run_on_lanes


def _uuid(public_id: str) -> uuid.UUID:
    return uuid.UUID(public_id.split("-", 1)[1])


def test_rows_written_on_the_lane_read_back_through_the_orm(
    api: Api, db: Database, tenant: TenantHandle
) -> None:
    job = api.job(title="Platform Engineer")
    metadata = {"k": "v", "n": 1, "nested": {"a": [1, 2]}, "ü": "✓"}
    made = api.post(
        "/api/v1/candidates",
        json={
            "first_name": "Zoë",
            "last_name": "Ng",
            "email": "Zoe.Ng@Example.com",
            "job_id": job["id"],
            "metadata": metadata,
            "phone": "+1 555",
        },
    )
    assert made.status_code == 201, made.text
    body = made.json()
    cid = _uuid(body["id"])
    with db.read_session() as session:
        row = session.get(Candidate, cid)
        assert row is not None
        assert row.tenant_id == tenant.id
        assert (row.first_name, row.email, row.email_normalized) == (
            "Zoë",
            "Zoe.Ng@example.com",  # the schema lower-cases the domain
            "zoe.ng@example.com",
        )
        assert row.metadata_ == metadata and row.job_id == _uuid(job["id"])
        assert (row.status, row.stage, row.external_id, row.linkedin_url) == (
            "active",
            "applied",
            None,
            None,
        )
        assert isinstance(row.created_at, datetime) and row.created_at.tzinfo == UTC
        assert row.created_at == datetime.fromisoformat(body["created_at"])
        event = session.scalars(select(Event).where(Event.candidate_id == cid)).one()
        assert event.tenant_id == tenant.id and event.type == "candidate.created"
        assert event.payload["data"] == body and event.dispatched_at is None
        audit = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == body["id"])).one()
        assert audit.action == "CANDIDATE_CREATED" and audit.tenant_id == tenant.id
    # The read lane and the ORM list agree with what the POST answered.
    assert api.get(f"/api/v1/candidates/{body['id']}").json() == body
    listed = api.get("/api/v1/candidates", params={"email": "zoe.ng@example.com"}).json()
    assert listed["data"] == [body]


def test_prepared_insert_fills_python_defaults_and_refuses_missing_values() -> None:
    insert = PreparedInsert(Candidate)
    row = insert.row(
        {"first_name": "A", "last_name": "B", "email": "a@b.c", "email_normalized": "a@b.c"}
        | {"tenant_id": uuid.uuid4()}
    )
    assert (row["status"], row["stage"], row["metadata_"], row["job_id"]) == (
        "active",
        "applied",
        {},
        None,
    )
    assert isinstance(row["id"], uuid.UUID) and row["created_at"].tzinfo == UTC
    with pytest.raises(KeyError, match=r"candidates\.email"):
        insert.row({"first_name": "A", "last_name": "B", "tenant_id": uuid.uuid4()})


def test_a_statement_without_tenant_scope_is_refused(db: Database, tenant: TenantHandle) -> None:
    unscoped = Prepared(
        update(Candidate).where(Candidate.id == bindparam("id")).values(first_name="X")
    )

    async def attempt() -> None:
        async with db.writes.transaction() as tx:
            await TenantWrites(tx, Principal.system(tenant.id)).execute(unscoped, id=uuid.uuid4())

    with pytest.raises(RuntimeError, match="tenant_scope"):
        run_on_lanes(db, attempt())


def test_a_lane_statement_cannot_touch_another_tenants_row(
    api: Api, db: Database, other_tenant: TenantHandle
) -> None:
    cid = _uuid(api.candidate(first_name="Mine")["id"])
    rename = Prepared(
        update(Candidate)
        .where(Candidate.tenant_id == bindparam("tenant_id"), Candidate.id == bindparam("id"))
        .values(first_name="Stolen")
    )

    async def attempt() -> int:
        async with db.writes.transaction() as tx:
            return await TenantWrites(tx, Principal.system(other_tenant.id)).execute(rename, id=cid)

    assert run_on_lanes(db, attempt()) == 0
    with db.read_session() as session:
        assert session.get(Candidate, cid).first_name == "Mine"  # type: ignore[union-attr]


def test_an_exception_rolls_the_lane_transaction_back(db: Database, tenant: TenantHandle) -> None:
    email = unique_email()

    async def attempt() -> None:
        async with db.writes.transaction() as tx:
            writes = TenantWrites(tx, Principal.system(tenant.id))
            writes.insert(
                PreparedInsert(Candidate),
                {"first_name": "A", "last_name": "B", "email": email, "email_normalized": email},
            )
            by_email = Prepared(
                select(Candidate.id).where(
                    tenant_scope(Candidate), Candidate.email == bindparam("email")
                )
            )
            # The queued insert went out before this read: the transaction sees the row…
            assert await writes.one(by_email, email=email) is not None
            raise LookupError("after the insert")  # …and must not keep it

    with pytest.raises(LookupError):
        run_on_lanes(db, attempt())
    with db.read_session() as session:
        assert session.scalars(select(Candidate).where(Candidate.email == email)).first() is None


@pytest.mark.parametrize("round_", range(3))
def test_racing_creates_with_one_email_create_one(api: Api, round_: int) -> None:
    body = {"first_name": "A", "last_name": "B", "email": unique_email()}
    results: list[Any] = []
    barrier = threading.Barrier(8)

    def go() -> None:
        barrier.wait()
        results.append(api.post("/api/v1/candidates", json=body))

    threads = [threading.Thread(target=go) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for r in results)
    assert codes == [201] + [409] * 7, [r.text for r in results]
    # The losers name the winner (checked before the insert) or were beaten at the insert.
    winner = next(r.json()["id"] for r in results if r.status_code == 201)
    for r in results:
        if r.status_code == 409:
            error = r.json()["error"]
            assert error["code"] in {"duplicate_email", "concurrent_conflict"}, error
            if error["code"] == "duplicate_email":
                assert error["existing_id"] == winner
    listed = api.get("/api/v1/candidates", params={"email": body["email"]}).json()
    assert listed["pagination"]["total"] == 1


def test_creates_keep_working_after_races_fail_mid_pipeline(api: Api) -> None:
    """A race lost at the insert aborts the rest of the pipeline, statements psycopg was about
    to prepare included; the connections must not carry that into later requests."""
    for _ in range(10):
        key = str(uuid.uuid4())
        body = {"first_name": "A", "last_name": "B", "email": unique_email()}
        barrier = threading.Barrier(8)

        def go(
            key: str = key, body: dict[str, str] = body, barrier: threading.Barrier = barrier
        ) -> None:
            barrier.wait()
            api.post("/api/v1/candidates", json=body, headers={"Idempotency-Key": key})

        threads = [threading.Thread(target=go) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    for _ in range(12):  # past psycopg's prepare threshold on every pooled connection
        created = api.post(
            "/api/v1/candidates",
            json={"first_name": "C", "last_name": "D", "email": unique_email()},
        )
        assert created.status_code == 201, created.text


def test_sqlite_lane_waits_for_another_writer_off_the_event_loop(
    api: Api, db: Database, database_url: str
) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite's single writer lock")
    known = api.candidate()["id"]
    path = db.engine.url.database
    assert path
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    created: list[Any] = []
    poster = threading.Thread(
        target=lambda: created.append(
            api.post(
                "/api/v1/candidates",
                json={"first_name": "W", "last_name": "X", "email": unique_email()},
            )
        )
    )
    try:
        poster.start()
        time.sleep(0.3)
        assert poster.is_alive() and not created  # the POST waits for the lock…
        started = time.perf_counter()
        read = api.get(f"/api/v1/candidates/{known}")  # …while the loop keeps serving
        assert read.status_code == 200
        assert time.perf_counter() - started < 1.0
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    poster.join(timeout=15)
    assert created and created[0].status_code == 201, created


def test_racing_patches_of_different_fields_all_survive(api: Api, db: Database) -> None:
    """A PATCH writes every field it read; the row lock keeps two at once from undoing each
    other (on PostgreSQL; SQLite's write transaction excludes the second writer anyway)."""
    cand = api.candidate(phone="0")
    changes: list[dict[str, Any]] = [
        {"first_name": "Grace"},
        {"last_name": "Hopper"},
        {"phone": "+1 555 0100"},
        {"external_id": f"ext-{uuid.uuid4().hex[:8]}"},
        {"linkedin_url": "https://www.linkedin.com/in/grace"},
        {"stage": "screening"},
        {"status": "hired"},
        {"metadata": {"team": "compilers"}},
    ]
    barrier = threading.Barrier(len(changes))
    answers: list[Any] = []

    def go(change: dict[str, Any]) -> None:
        barrier.wait()
        answers.append(api.patch(f"/api/v1/candidates/{cand['id']}", json=change))

    threads = [threading.Thread(target=go, args=(c,)) for c in changes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [200] * len(changes), [a.text for a in answers]
    final = api.get(f"/api/v1/candidates/{cand['id']}").json()
    for change in changes:
        for field, value in change.items():
            assert final[field] == value, field
    # Each PATCH saw the one before it: every updated event names exactly its own field.
    with db.read_session() as session:
        updates = session.scalars(
            select(Event).where(
                Event.candidate_id == _uuid(cand["id"]), Event.type == "candidate.updated"
            )
        ).all()
    fields = sorted(f for e in updates for f in e.payload["data"]["previous_attributes"])
    assert fields == sorted(f for c in changes for f in c)


def test_patch_to_own_email_or_external_id_is_no_conflict(api: Api) -> None:
    cand = api.candidate(external_id="mine-1")
    local, domain = cand["email"].split("@")
    same = api.patch(
        f"/api/v1/candidates/{cand['id']}",
        json={"email": f"{local.upper()}@{domain}", "external_id": "mine-1"},
    )
    assert same.status_code == 200, same.text
    assert same.json()["email"] == f"{local.upper()}@{domain}"


def test_patch_to_another_tenants_job_is_not_found(api: Api, other_api: Api) -> None:
    cand = api.candidate()
    foreign = other_api.job()
    r = api.patch(f"/api/v1/candidates/{cand['id']}", json={"job_id": foreign["id"]})
    assert r.status_code == 404 and r.json()["error"]["param"] == "job_id"
    assert api.get(f"/api/v1/candidates/{cand['id']}").json()["job_id"] is None


def test_sqlite_cancelled_wait_for_the_lock_leaves_no_transaction_behind(
    db: Database, tenant: TenantHandle
) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite's single writer lock")
    path = db.engine.url.database
    assert path
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    email = unique_email()
    row = {"first_name": "A", "last_name": "B", "email": email, "email_normalized": email}

    async def scenario() -> None:
        async def wants_to_write() -> None:
            async with db.writes.transaction():
                raise AssertionError("must not get the transaction")

        waiting = asyncio.create_task(wants_to_write())
        await asyncio.sleep(0.2)  # it now waits for the lock in a worker thread
        waiting.cancel()
        # The lock comes free while the cancelled request still has its thread waiting.
        threading.Timer(0.2, blocker.execute, args=("ROLLBACK",)).start()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        # The connection must be usable: a whole transaction goes through.
        async with db.writes.transaction() as tx:
            TenantWrites(tx, Principal.system(tenant.id)).insert(PreparedInsert(Candidate), row)

    try:
        run_on_lanes(db, scenario())
    finally:
        blocker.close()
    with db.read_session() as session:
        assert session.scalars(select(Candidate).where(Candidate.email == email)).one()


@pytest.mark.slow
def test_a_write_that_cannot_get_its_lock_in_time_is_a_retryable_503(
    api: Api, db: Database
) -> None:
    """SQLite: another writer holds the database past the busy timeout (10 s); PostgreSQL:
    another transaction holds the candidate's row past ``statement_timeout`` (5 s)."""
    cand = api.candidate()
    if db.is_sqlite:
        path = db.engine.url.database
        assert path
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")

        def release() -> None:
            holder.execute("ROLLBACK")

    else:
        import psycopg

        url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        holder_pg = psycopg.connect(url)
        holder_pg.execute(
            "SELECT id FROM candidates WHERE id = %s FOR UPDATE", (_uuid(cand["id"]),)
        )
        release = holder_pg.rollback
    try:
        started = time.perf_counter()
        r = api.patch(f"/api/v1/candidates/{cand['id']}", json={"first_name": "Late"})
        waited = time.perf_counter() - started
    finally:
        release()
    assert r.status_code == 503, r.text
    assert r.json()["error"]["code"] == "database_busy" and r.headers["retry-after"] == "1"
    assert waited >= 4.5
    # Nothing was changed, and the retry goes through.
    assert api.get(f"/api/v1/candidates/{cand['id']}").json()["first_name"] == cand["first_name"]
    retried = api.patch(f"/api/v1/candidates/{cand['id']}", json={"first_name": "Late"})
    assert retried.status_code == 200
