"""The retention sweep (spec §11) on real rows: what is older than its tenant's window goes,
what is newer, still owed or still queued stays; one tenant's window touches no other tenant."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select

from peoplelens.cli import main
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.time import utcnow
from peoplelens.models import (
    CandidateImport,
    CandidateImportRow,
    Email,
    Event,
    IdempotencyRecord,
    Task,
    Tenant,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from peoplelens.retention.tasks import sweep
from peoplelens.tenants.service import set_retention
from tests.factories import TenantHandle, make_tenant

DAY = timedelta(days=1)


class Rows:
    """Rows of one tenant, aged on purpose; each helper returns the row's id."""

    def __init__(self, db: Database, tenant_id: uuid.UUID) -> None:
        self.db = db
        self.tenant_id = tenant_id
        self.endpoint = self._add(
            WebhookEndpoint(
                url="https://receiver.example/hook",
                events=["*"],
                secret_encrypted="x",
                created_at=utcnow(),
                updated_at=utcnow(),
            )
        )

    def cleanup(self) -> None:
        """Nothing of these rows is left for other tests' workers (the endpoint is no real one:
        a deliverer running every tenant's queue would try the pending delivery)."""
        with self.db.write_session() as session:
            for model in (WebhookAttempt, WebhookDelivery, WebhookEndpoint, Event, Task, Email):
                session.execute(delete(model).where(model.tenant_id == self.tenant_id))
            session.commit()

    def _add(self, row: Any) -> uuid.UUID:
        row.id = new_uuid()
        row.tenant_id = self.tenant_id
        with self.db.write_session() as session:
            session.add(row)
            session.commit()
        found: uuid.UUID = row.id
        return found

    def event(self, age: timedelta, *, dispatched: bool = True) -> uuid.UUID:
        at = utcnow() - age
        return self._add(
            Event(
                type="candidate.created",
                payload={},
                created_at=at,
                dispatched_at=at if dispatched else None,
            )
        )

    def delivery(self, event_id: uuid.UUID, status: str) -> uuid.UUID:
        return self._add(
            WebhookDelivery(
                endpoint_id=self.endpoint,
                event_id=event_id,
                event_type="candidate.created",
                status=status,
            )
        )

    def attempt(self, delivery_id: uuid.UUID, age: timedelta) -> uuid.UUID:
        return self._add(
            WebhookAttempt(
                delivery_id=delivery_id, attempt=1, latency_ms=3, created_at=utcnow() - age
            )
        )

    def task(self, status: str, age: timedelta) -> uuid.UUID:
        at = utcnow() - age
        return self._add(
            Task(
                kind="assess_step",
                payload={},
                status=status,
                created_at=at,
                updated_at=at,
                run_after=at,
            )
        )

    def email(self, status: str, age: timedelta) -> uuid.UUID:
        at = utcnow() - age
        return self._add(
            Email(
                kind="invitation",
                to_address="someone@example.com",
                subject="Hello",
                body_sealed="sealed",
                status=status,
                log=[],
                created_at=at,
                updated_at=at,
            )
        )

    def answer(self, age: timedelta) -> uuid.UUID:
        return self._add(
            IdempotencyRecord(
                caller="system:test",
                key=uuid.uuid4().hex,
                request_hash="h",
                status_code=201,
                sealed_body="",
                content_type="application/json",
                created_at=utcnow() - age,
            )
        )


def _left(db: Database, model: Any, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    with db.read_session() as session:
        return set(session.scalars(select(model.id).where(model.id.in_(ids))).all())


@pytest.fixture
def rows(
    db: Database, tenant: TenantHandle, other_tenant: TenantHandle
) -> Iterator[tuple[Rows, Rows]]:
    made = Rows(db, tenant.id), Rows(db, other_tenant.id)
    yield made
    for one in made:
        one.cleanup()


def test_sweep_keeps_what_is_young_owed_or_queued_per_tenant_window(
    db: Database, settings: Settings, other_tenant: TenantHandle, rows: tuple[Rows, Rows]
) -> None:
    a, b = rows
    with db.write_session() as session:
        row = session.get(Tenant, other_tenant.id)
        assert row is not None
        set_retention(session, row, {"event_retention_days": 5, "task_retention_days": 5})
        session.commit()

    # Tenant a: the defaults (30 days; answers 24 h).
    delivered = a.event(40 * DAY)
    done_delivery = a.delivery(delivered, "succeeded")
    done_attempt = a.attempt(done_delivery, 40 * DAY)
    failed_delivery = a.delivery(delivered, "failed")
    owed = a.event(40 * DAY)
    owed_delivery = a.delivery(owed, "pending")
    owed_old_attempt = a.attempt(owed_delivery, 40 * DAY)
    owed_new_attempt = a.attempt(owed_delivery, 1 * DAY)
    undispatched = a.event(40 * DAY, dispatched=False)
    silent = a.event(40 * DAY)  # no endpoint wanted it: no delivery at all
    a_young = a.event(10 * DAY)
    gone_tasks = [a.task("done", 40 * DAY), a.task("failed", 40 * DAY)]
    kept_tasks = [a.task("queued", 40 * DAY), a.task("running", 40 * DAY), a.task("done", 10 * DAY)]
    gone_emails = [a.email("sent", 40 * DAY), a.email("failed", 40 * DAY)]
    kept_emails = [a.email("queued", 40 * DAY), a.email("sent", 10 * DAY)]
    old_answer, new_answer = a.answer(timedelta(hours=25)), a.answer(timedelta(hours=1))
    # Tenant b: events and tasks 5 days, so its 10-day-old ones go (a's stay).
    b_old, b_young = b.event(10 * DAY), b.event(2 * DAY)
    b_old_task, b_young_task = b.task("done", 10 * DAY), b.task("done", 2 * DAY)
    b_email = b.email("sent", 10 * DAY)  # e-mails: the default 30 days still

    # Two-row batches: every kind needs several transactions.
    counts = sweep(db, settings.model_copy(update={"retention_batch_size": 2}))

    assert _left(db, Event, [delivered, silent, b_old]) == set()
    assert _left(db, Event, [owed, undispatched, a_young, b_young]) == {
        owed,
        undispatched,
        a_young,
        b_young,
    }
    assert _left(db, WebhookDelivery, [done_delivery, failed_delivery, owed_delivery]) == {
        owed_delivery
    }
    assert _left(db, WebhookAttempt, [done_attempt, owed_old_attempt, owed_new_attempt]) == {
        owed_new_attempt
    }
    assert _left(db, Task, [*gone_tasks, *kept_tasks, b_old_task, b_young_task]) == {
        *kept_tasks,
        b_young_task,
    }
    assert _left(db, Email, [*gone_emails, *kept_emails, b_email]) == {*kept_emails, b_email}
    assert _left(db, IdempotencyRecord, [old_answer, new_answer]) == {new_answer}
    # At least these (other tests' aged rows may go too); deliveries went with their event.
    assert counts["events"] >= 3 and counts["webhook_deliveries"] >= 2
    assert counts["webhook_attempts"] >= 2 and counts["tasks"] >= 3
    assert counts["emails"] >= 2 and counts["idempotency_records"] >= 1

    # Idempotent: a second sweep finds none of these again, and the CLI reports per kind.
    result = CliRunner().invoke(
        main, ["purge"], env={"PEOPLELENS_DATABASE_URL": settings.database_url}
    )
    assert result.exit_code == 0, result.output
    assert '"events": 0' in result.output and '"tasks": 0' in result.output
    assert _left(db, Event, [owed, undispatched, a_young, b_young]) == {
        owed,
        undispatched,
        a_young,
        b_young,
    }


def test_two_sweeps_at_once_share_the_work(db: Database, settings: Settings) -> None:
    """Two workers sweeping together (PostgreSQL: SKIP LOCKED batches) both finish cleanly and
    leave nothing expired behind; nothing young is touched."""
    made = Rows(db, make_tenant(db).id)
    old = [made.task("done", 40 * DAY) for _ in range(60)]
    young = [made.task("done", DAY) for _ in range(5)]
    small = settings.model_copy(update={"retention_batch_size": 7})
    errors: list[BaseException] = []
    counted: list[int] = []

    def run() -> None:
        try:
            counted.append(sweep(db, small)["tasks"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert _left(db, Task, old) == set()
    assert _left(db, Task, young) == set(young)
    assert sum(counted) >= len(old)
    made.cleanup()


def test_set_retention_cli(db: Database, settings: Settings, tenant: TenantHandle) -> None:
    env = {"PEOPLELENS_DATABASE_URL": settings.database_url}
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["tenants", "set-retention", tenant.slug, "--events-days", "7", "--tasks-days", "90"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert (
        '"event_retention_days": 7' in result.output
        and '"task_retention_days": 90' in result.output
    )
    result = runner.invoke(
        main, ["tenants", "set-retention", tenant.slug, "--events-days", "default"], env=env
    )
    assert result.exit_code == 0 and '"event_retention_days": null' in result.output
    assert '"task_retention_days": 90' in result.output
    for bad in ("0", "-3", "soon", "²", "99999999999"):
        result = runner.invoke(
            main, ["tenants", "set-retention", tenant.slug, "--emails-days", bad], env=env
        )
        assert result.exit_code != 0 and "at least 1" in result.output, (bad, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
    result = runner.invoke(
        main, ["tenants", "set-retention", tenant.slug, "--emails-days", "800000"], env=env
    )
    assert result.exit_code != 0 and "between 1 and 36500" in result.output
    result = runner.invoke(
        main, ["tenants", "set-retention", "no-such-tenant", "--emails-days", "3"], env=env
    )
    assert result.exit_code != 0 and "no tenant" in result.output
    with db.read_session() as session:
        row = session.get(Tenant, tenant.id)
        assert (
            row is not None and row.task_retention_days == 90 and row.email_retention_days is None
        )


def test_finished_imports_go_with_their_report_after_the_event_window(
    db: Database, settings: Settings, tenant: TenantHandle
) -> None:
    """A CSV import's report names the e-mails of rows it rejected: finished imports older
    than the event window go, report lines with them; a running one stays however old."""

    def made(status: str, age: timedelta) -> uuid.UUID:
        at = utcnow() - age
        with db.write_session() as session:
            row = CandidateImport(
                id=new_uuid(),
                tenant_id=tenant.id,
                status=status,
                file_name="people.csv",
                file_size=10,
                encoding="utf-8",
                delimiter=",",
                header_row=1,
                created_at=at,
                updated_at=at,
                finished_at=at if status != "running" else None,
            )
            session.add(row)
            session.flush()
            session.add(
                CandidateImportRow(
                    import_id=row.id,
                    tenant_id=tenant.id,
                    row=2,
                    outcome="rejected",
                    email="rejected@example.com",
                )
            )
            session.commit()
            return row.id

    old_done, old_failed = made("completed", 40 * DAY), made("failed", 40 * DAY)
    young, running = made("completed", 2 * DAY), made("running", 40 * DAY)
    counts = sweep(db, settings)
    assert _left(db, CandidateImport, [old_done, old_failed, young, running]) == {young, running}
    assert counts["candidate_imports"] >= 2
    with db.read_session() as session:
        lines = session.scalars(
            select(CandidateImportRow.import_id).where(
                CandidateImportRow.import_id.in_([old_done, old_failed, young, running])
            )
        ).all()
    assert set(lines) == {young, running}
