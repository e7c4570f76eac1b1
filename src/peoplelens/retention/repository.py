"""The retention sweep's SQL: one batch of expired rows of one kind, for the tenants sharing one
window, deleted in the caller's (short) transaction.

Every statement here crosses tenants on purpose — the sweep serves every tenant — and is scoped
instead by the tenants whose window it applies (``tenants.<column> IS NULL`` for the default).
On PostgreSQL a batch's rows are taken ``FOR UPDATE SKIP LOCKED``: two sweepers running at once
take disjoint batches and never wait for (or deadlock with) each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, select
from sqlalchemy.orm import Session

from peoplelens.kit.repository import unscoped
from peoplelens.kit.retry import lock_for_claim
from peoplelens.models import (
    CandidateImport,
    Email,
    Event,
    IdempotencyRecord,
    InboundEvent,
    Task,
    Tenant,
    WebhookAttempt,
    WebhookDelivery,
)

# A delivery in one of these is still owed to its receiver: its event stays.
OPEN_DELIVERY = ("pending", "delivering")
FINISHED_TASK = ("done", "failed")
FINISHED_EMAIL = ("sent", "failed")
FINISHED_IMPORT = ("completed", "failed")


@dataclass(frozen=True)
class Window:
    """The tenants sharing one window of one kind: ``override`` None is the default's tenants."""

    column: str  # the tenants column holding the override
    override: int | None

    def tenants(self) -> ColumnElement[bool]:
        column = getattr(Tenant, self.column)
        chosen = column.is_(None) if self.override is None else column == self.override
        condition: ColumnElement[bool] = chosen
        return condition


def windows_in_use(session: Session, column: str) -> list[int | None]:
    """The distinct overrides of ``column`` (None: some tenant uses the default)."""
    stmt = unscoped(select(getattr(Tenant, column)).group_by(getattr(Tenant, column)))
    return list(session.scalars(stmt).all())


def _batch_ids(
    session: Session, model: Any, window: Window, limit: int, *conditions: Any
) -> list[Any]:
    in_window = model.tenant_id.in_(unscoped(select(Tenant.id).where(window.tenants())))
    stmt = unscoped(select(model.id).where(in_window, *conditions).limit(limit))
    is_sqlite = session.get_bind().dialect.name == "sqlite"
    return list(session.scalars(lock_for_claim(stmt, is_sqlite=is_sqlite)).all())


def _delete_ids(session: Session, model: Any, ids: list[Any]) -> int:
    if not ids:
        return 0
    result = session.execute(unscoped(delete(model).where(model.id.in_(ids))))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_idempotency(session: Session, window: Window, before: datetime, limit: int) -> int:
    ids = _batch_ids(
        session, IdempotencyRecord, window, limit, IdempotencyRecord.created_at < before
    )
    return _delete_ids(session, IdempotencyRecord, ids)


def purge_tasks(session: Session, window: Window, before: datetime, limit: int) -> int:
    """Finished tasks (done, failed) last touched before the cutoff; queued work always stays."""
    ids = _batch_ids(
        session, Task, window, limit, Task.status.in_(FINISHED_TASK), Task.updated_at < before
    )
    return _delete_ids(session, Task, ids)


def purge_emails(session: Session, window: Window, before: datetime, limit: int) -> int:
    """Sent or failed messages; queued ones (no SMTP server yet) stay until they are sent."""
    ids = _batch_ids(
        session, Email, window, limit, Email.status.in_(FINISHED_EMAIL), Email.updated_at < before
    )
    return _delete_ids(session, Email, ids)


def purge_inbound_events(session: Session, window: Window, before: datetime, limit: int) -> int:
    """Received ATS events older than the window: past it, a redelivery would run again (an
    upsert: it changes nothing that the first did not)."""
    ids = _batch_ids(session, InboundEvent, window, limit, InboundEvent.received_at < before)
    return _delete_ids(session, InboundEvent, ids)


def purge_attempts(session: Session, window: Window, before: datetime, limit: int) -> int:
    """Webhook attempts older than the window, whatever their delivery's state."""
    ids = _batch_ids(session, WebhookAttempt, window, limit, WebhookAttempt.created_at < before)
    return _delete_ids(session, WebhookAttempt, ids)


def purge_events(
    session: Session, window: Window, before: datetime, limit: int, counts: dict[str, int]
) -> int:
    """Delivered events: fanned out (``dispatched_at`` set: no outbox row still needs them),
    older than the window, with no delivery still owed. Their deliveries and attempts go in
    the same transaction (explicitly: the counts are reported, and no cascade is relied on)."""
    still_owed = exists().where(
        WebhookDelivery.event_id == Event.id, WebhookDelivery.status.in_(OPEN_DELIVERY)
    )
    ids = _batch_ids(
        session,
        Event,
        window,
        limit,
        Event.dispatched_at.is_not(None),
        Event.created_at < before,
        ~still_owed,
    )
    if not ids:
        return 0
    deliveries = unscoped(select(WebhookDelivery.id).where(WebhookDelivery.event_id.in_(ids)))
    gone = session.execute(
        unscoped(delete(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(deliveries)))
    )
    counts["webhook_attempts"] += int(getattr(gone, "rowcount", 0) or 0)
    gone = session.execute(
        unscoped(delete(WebhookDelivery).where(WebhookDelivery.event_id.in_(ids)))
    )
    counts["webhook_deliveries"] += int(getattr(gone, "rowcount", 0) or 0)
    return _delete_ids(session, Event, ids)


def purge_imports(session: Session, window: Window, before: datetime, limit: int) -> int:
    """Finished imports; their report lines go with them (ON DELETE CASCADE). A queued or
    running import stays whatever its age."""
    ids = _batch_ids(
        session,
        CandidateImport,
        window,
        max(1, limit // 100),  # each takes up to a file's rows along
        CandidateImport.status.in_(FINISHED_IMPORT),
        CandidateImport.finished_at < before,
    )
    return _delete_ids(session, CandidateImport, ids)
