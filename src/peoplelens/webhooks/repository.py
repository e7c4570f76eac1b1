from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select

from peoplelens.kit.repository import TenantRepository
from peoplelens.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint


class EndpointRepository(TenantRepository[WebhookEndpoint]):
    model = WebhookEndpoint
    kind = "whe"

    def all(self) -> list[WebhookEndpoint]:
        return list(self.session.scalars(self.select().order_by(WebhookEndpoint.created_at)))

    def enabled(self) -> list[WebhookEndpoint]:
        return list(self.session.scalars(self.select().where(WebhookEndpoint.enabled.is_(True))))


class DeliveryRepository(TenantRepository[WebhookDelivery]):
    model = WebhookDelivery
    kind = "whd"

    def for_endpoint(self, endpoint_id: uuid.UUID, status: str | None) -> Select[WebhookDelivery]:
        stmt = self.select().where(WebhookDelivery.endpoint_id == endpoint_id)
        if status:
            stmt = stmt.where(WebhookDelivery.status == status)
        return stmt


class AttemptRepository(TenantRepository[WebhookAttempt]):
    model = WebhookAttempt

    def for_deliveries(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[WebhookAttempt]]:
        out: dict[uuid.UUID, list[WebhookAttempt]] = {i: [] for i in ids}
        if ids:
            stmt = (
                self.select()
                .where(WebhookAttempt.delivery_id.in_(ids))
                .order_by(WebhookAttempt.attempt)
            )
            for row in self.session.scalars(stmt):
                out[row.delivery_id].append(row)
        return out


class EventLogRepository(TenantRepository[Event]):
    """The tenant's events, read for replays."""

    model = Event
    kind = "evt"

    def since(self, since: datetime, limit: int) -> list[Event]:
        stmt = (
            self.select()
            .where(Event.created_at >= since)
            .order_by(Event.created_at, Event.id)
            .limit(limit)
        )
        return list(self.session.scalars(stmt))

    def by_id(self, event_id: uuid.UUID) -> Event | None:
        return self.session.scalars(self.select().where(Event.id == event_id)).first()
