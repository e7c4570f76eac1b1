"""Fan-out: turn new events (the outbox) into one delivery per subscribed endpoint.

Runs in the worker, in one transaction per batch: the deliveries and the events'
``dispatched_at`` commit together, so an event is fanned out exactly once even if a worker
dies half-way (PostgreSQL: ``FOR UPDATE SKIP LOCKED`` lets several workers share the batch).
An endpoint receives the events created after it was registered.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select, update

from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.repository import unscoped
from peoplelens.kit.time import utcnow
from peoplelens.models import Event
from peoplelens.webhooks.event_types import EVENT_DATA, matches
from peoplelens.webhooks.repository import DeliveryRepository, EndpointRepository


def fan_out(db: Database, batch: int = 500) -> int:
    """Dispatches up to ``batch`` events; returns how many deliveries it created."""
    with db.write_session() as session:
        # The columns fan-out needs, not the events (their payloads are read at sending).
        stmt = (
            select(Event.id, Event.tenant_id, Event.type, Event.created_at)
            .where(Event.dispatched_at.is_(None))
            .order_by(Event.created_at, Event.id)
            .limit(batch)
        )
        if not db.is_sqlite:
            stmt = stmt.with_for_update(skip_locked=True, of=Event)
        events = list(session.execute(unscoped(stmt)))
        if not events:
            return 0
        by_tenant: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for event in events:
            by_tenant[event.tenant_id].append(event)
        now = utcnow()
        created = 0
        for tenant_id, tenant_events in by_tenant.items():
            principal = Principal.system(tenant_id, via="worker")
            endpoints = EndpointRepository(session, principal).enabled()
            rows = [
                {
                    "id": new_uuid(),
                    "endpoint_id": endpoint.id,
                    "event_id": event.id,
                    "event_type": event.type,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for event in tenant_events
                if event.type in EVENT_DATA
                for endpoint in endpoints
                if matches(endpoint.events, event.type) and endpoint.created_at <= event.created_at
            ]
            DeliveryRepository(session, principal).insert_rows(rows)
            created += len(rows)
        session.execute(
            unscoped(
                update(Event)
                .where(Event.id.in_([event.id for event in events]))
                .values(dispatched_at=now)
                .execution_options(synchronize_session=False)
            )
        )
        session.commit()
        return created
