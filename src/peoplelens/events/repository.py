"""The event outbox (spec §9): one row per event, in the transaction of the change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Select, Text, cast, func, select, tuple_

from peoplelens.kit.db.prepared import PreparedInsert
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.repository import TenantRepository, TenantWrites
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import Event
from peoplelens.webhooks.redaction import redact

EVENT_TYPES = (
    "candidate.created",
    "candidate.updated",
    "candidate.deleted",
    "candidate.stage_changed",
    "candidate.status_changed",
    "job.created",
    "job.updated",
    "job.closed",
    "interview.invited",
    "interview.scheduled",
    "interview.decision",
    "scorecard.generated",
    "interview.human_scored",
    # ours (spec §2)
    "candidate.document_uploaded",
    "document.parsed",
    # ours (spec §5: human steps)
    "interview.step_completed",
    "interview.schedule_cancelled",
    # ours (spec §14: the event feed's tombstone of a deleted job)
    "job.deleted",
)


def envelope(
    event_id: uuid.UUID, event_type: str, when: str, data: dict[str, Any]
) -> dict[str, Any]:
    """The body receivers get: frozen when the change commits, not when it is delivered."""
    return {"id": f"evt-{event_id}", "event": event_type, "timestamp": when, "data": data}


def event_row(
    event_type: str, data: dict[str, Any], candidate_id: uuid.UUID | None, now: datetime, stamp: str
) -> dict[str, Any]:
    """An outbox row (``stamp`` = ``iso(now)``, computed once for a batch)."""
    assert event_type in EVENT_TYPES, event_type
    event_id = new_uuid()
    return {
        "id": event_id,
        "type": event_type,
        "candidate_id": candidate_id,
        "payload": envelope(event_id, event_type, stamp, data),
        "created_at": now,
    }


class EventRepository(TenantRepository[Event]):
    """The outbox's rows as ORM objects, for erasure (writing events is :class:`EventOutbox`'s)."""

    model = Event
    kind = "evt"

    def redact_candidate(self, candidate_id: uuid.UUID, public_id: str) -> None:
        """Erasure: earlier events about the candidate — delivered or still queued — keep
        their facts and lose the person (``webhooks/redaction.py``), so an ATS that has not
        heard of a decision yet still learns it."""
        stmt = self.select().where(Event.candidate_id == candidate_id)
        for row in self.session.scalars(stmt):
            data = redact(row.type, row.payload.get("data") or {}, public_id)
            row.payload = {**row.payload, "data": data}
            row.candidate_id = None


_INSERT = PreparedInsert(Event)


class EventOutbox(TenantWrites):
    """The one writer of events: rows in the caller's transaction (the lane's or a session's),
    sent with its commit, so an event exists if and only if its change does."""

    def emit(
        self, event_type: str, data: dict[str, Any], *, candidate_id: uuid.UUID | None = None
    ) -> None:
        now = utcnow()
        self.insert(_INSERT, event_row(event_type, data, candidate_id, now, iso(now)))

    def emit_many(
        self, event_type: str, items: list[tuple[uuid.UUID | None, dict[str, Any]]]
    ) -> None:
        """Bulk paths: ``items`` are ``(candidate_id or None, data)`` pairs."""
        now = utcnow()
        stamp = iso(now)
        for candidate_id, data in items:
            self.insert(_INSERT, event_row(event_type, data, candidate_id, now, stamp))


# The feed's order: the database-filled position, then time and id (events of one PostgreSQL
# transaction share a position).
FeedKey = tuple[int, datetime, uuid.UUID]


class EventFeedRepository(TenantRepository[Event]):
    """The tenant's events in feed order (spec §14), read on a session."""

    model = Event
    kind = "evt"

    def key_of(self, event_id: uuid.UUID) -> FeedKey | None:
        """Where an event stands in the feed; None if this tenant has no such event (never
        had it, or the retention sweep removed it)."""
        row = self.session.execute(
            select(Event.position, Event.created_at, Event.id).where(
                self.in_tenant(), Event.id == event_id
            )
        ).first()
        if row is None:
            return None
        return (int(row[0] or 0), row[1], row[2])

    def page(self, after: FeedKey | None, types: Sequence[str], limit: int) -> list[Any]:
        """Up to ``limit`` events after ``after``, in order: (position, created_at, id,
        payload) rows. On PostgreSQL only events whose transaction is below the snapshot's
        ``xmin`` are shown — every transaction that could still commit an earlier event has
        ended — so a reader's cursor never passes an event that commits later.

        Filtered by type, each type is its own range of ``ix_events_tenant_type_position``
        and the ranges are merged (``UNION ALL``): a type that is rare costs its own rows, not
        a walk over every other event."""
        if len(types) <= 1:
            stmt = self._range(after)
            if types:
                stmt = stmt.where(Event.type == types[0])
            return list(self.session.execute(_ordered(stmt, limit)).all())
        ranges = [
            select(*_ordered(self._range(after).where(Event.type == t), limit).subquery().c)
            for t in types
        ]
        merged = ranges[0].union_all(*ranges[1:]).subquery()
        stmt = select(merged).order_by(merged.c.position, merged.c.created_at, merged.c.id)
        return list(self.session.execute(stmt.limit(limit)).all())

    def _range(self, after: FeedKey | None) -> Select[Any]:
        stmt = select(Event.position, Event.created_at, Event.id, Event.payload).where(
            self.in_tenant()
        )
        if after is not None:
            stmt = stmt.where(tuple_(Event.position, Event.created_at, Event.id) > after)
        if self.session.get_bind().dialect.name == "postgresql":
            settled = cast(
                cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger
            )
            stmt = stmt.where(Event.position < settled)
        return stmt


def _ordered(stmt: Select[Any], limit: int) -> Select[Any]:
    return stmt.order_by(Event.position, Event.created_at, Event.id).limit(limit)
