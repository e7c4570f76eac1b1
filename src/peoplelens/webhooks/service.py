"""Managing webhook endpoints: create, change, rotate, test, retry, replay. Never commits."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest, NotFound
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.kit.sealing import webhook_secrets
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import Event, WebhookDelivery, WebhookEndpoint
from peoplelens.webhooks.event_types import EVENT_DATA, TEST_EVENT, matches
from peoplelens.webhooks.repository import (
    AttemptRepository,
    DeliveryRepository,
    EndpointRepository,
    EventLogRepository,
)
from peoplelens.webhooks.schemas import (
    DeliveryOut,
    EndpointCreate,
    EndpointOut,
    EndpointUpdate,
    EndpointWithSecret,
)
from peoplelens.webhooks.signing import new_secret
from peoplelens.webhooks.ssrf import UnsafeUrl, check_url

ROTATION_OVERLAP = timedelta(hours=24)
MAX_REPLAY = 10_000


class UrlPolicy:
    """The SSRF rules of this deployment (see ``ssrf.py``)."""

    def __init__(self, *, https_only: bool, allow_private: bool) -> None:
        self.https_only = https_only
        self.allow_private = allow_private

    def check(self, url: str) -> None:
        try:
            check_url(url, https_only=self.https_only, allow_private=self.allow_private)
        except UnsafeUrl as exc:
            raise InvalidRequest(
                f"'url' is not accepted: {exc}.", param="url", code="unsafe_url"
            ) from None


def url_policy(settings: Settings) -> UrlPolicy:
    """This deployment's rules for receiver URLs: https only in production; private addresses
    only when the operator allows them."""
    return UrlPolicy(
        https_only=settings.env == "production", allow_private=settings.webhook_allow_private_urls
    )


def _check_events(events: list[str]) -> list[str]:
    unknown = [e for e in events if e != "*" and e not in EVENT_DATA]
    if unknown:
        raise InvalidRequest(
            f"Unknown event type '{unknown[0]}'; see GET /api/v1/webhooks/event-types.",
            param="events",
            code="unknown_event_type",
        )
    return sorted(set(events)) or ["*"]


def create_endpoint(
    session: Session,
    principal: Principal,
    data: EndpointCreate,
    policy: UrlPolicy,
    server_secret: bytes,
) -> EndpointWithSecret:
    policy.check(data.url)
    secret = new_secret()
    now = utcnow()
    endpoint = EndpointRepository(session, principal).add(
        WebhookEndpoint(
            id=ids.new_uuid(),
            url=data.url,
            description=data.description,
            events=_check_events(data.events),
            enabled=data.enabled,
            secret_encrypted=webhook_secrets(server_secret).seal(secret),
            created_at=now,
            updated_at=now,
        )
    )
    session.flush()
    out = EndpointOut.model_validate(endpoint)
    AuditLog(session, principal).record(
        "WEBHOOK_ENDPOINT_CREATED",
        "webhook_endpoint",
        ids.render("whe", endpoint.id),
        {"events": endpoint.events},
    )
    return EndpointWithSecret(**out.model_dump(), secret=secret)


def update_endpoint(
    session: Session,
    principal: Principal,
    endpoint_id: uuid.UUID,
    data: EndpointUpdate,
    policy: UrlPolicy,
) -> EndpointOut:
    endpoint = EndpointRepository(session, principal).get_or_404(endpoint_id)
    sent = data.model_fields_set
    changed: list[str] = []
    if "url" in sent:
        if data.url is None:
            raise InvalidRequest("'url' cannot be null.", param="url")
        policy.check(data.url)
        endpoint.url = data.url
        changed.append("url")
    if "events" in sent:
        endpoint.events = _check_events(data.events or [])
        changed.append("events")
    if "description" in sent:
        endpoint.description = data.description
        changed.append("description")
    if "enabled" in sent:
        if data.enabled is None:
            raise InvalidRequest("'enabled' cannot be null.", param="enabled")
        endpoint.enabled = data.enabled
        if data.enabled:  # an admin re-enables: a fresh start
            endpoint.disabled_reason = None
            endpoint.failing_since = None
        changed.append("enabled")
    endpoint.updated_at = utcnow()
    session.flush()
    out = EndpointOut.model_validate(endpoint)
    AuditLog(session, principal).record(
        "WEBHOOK_ENDPOINT_UPDATED",
        "webhook_endpoint",
        ids.render("whe", endpoint.id),
        {"fields": changed},
    )
    return out


def delete_endpoint(session: Session, principal: Principal, endpoint_id: uuid.UUID) -> str:
    endpoint = EndpointRepository(session, principal).get_or_404(endpoint_id)
    public_id = ids.render("whe", endpoint.id)
    EndpointRepository(session, principal).delete_by_id(endpoint.id)
    session.expunge(endpoint)
    AuditLog(session, principal).record("WEBHOOK_ENDPOINT_DELETED", "webhook_endpoint", public_id)
    return public_id


def rotate_secret(
    session: Session, principal: Principal, endpoint_id: uuid.UUID, server_secret: bytes
) -> EndpointWithSecret:
    """New secret now; the old one keeps signing in parallel for 24 h."""
    endpoint = EndpointRepository(session, principal).get_or_404(endpoint_id)
    secret = new_secret()
    now = utcnow()
    endpoint.previous_secret_encrypted = endpoint.secret_encrypted
    endpoint.previous_secret_expires_at = now + ROTATION_OVERLAP
    endpoint.secret_encrypted = webhook_secrets(server_secret).seal(secret)
    endpoint.updated_at = now
    session.flush()
    out = EndpointOut.model_validate(endpoint)
    AuditLog(session, principal).record(
        "WEBHOOK_SECRET_ROTATED", "webhook_endpoint", ids.render("whe", endpoint.id)
    )
    return EndpointWithSecret(**out.model_dump(), secret=secret)


def _deliver(
    session: Session,
    principal: Principal,
    endpoint: WebhookEndpoint,
    event_id: uuid.UUID,
    event_type: str,
) -> WebhookDelivery:
    now = utcnow()
    return DeliveryRepository(session, principal).add(
        WebhookDelivery(
            id=ids.new_uuid(),
            endpoint_id=endpoint.id,
            event_id=event_id,
            event_type=event_type,
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
    )


def send_test(session: Session, principal: Principal, endpoint_id: uuid.UUID) -> uuid.UUID:
    """A ``webhook.test`` event, to this endpoint only (even a disabled one)."""
    endpoint = EndpointRepository(session, principal).get_or_404(endpoint_id)
    now = utcnow()
    event_id = ids.new_uuid()
    data = {
        "message": "This is a test delivery from PeopleLens.",
        "endpoint_id": ids.render("whe", endpoint.id),
    }
    EventLogRepository(session, principal).add(
        Event(
            id=event_id,
            type=TEST_EVENT,
            candidate_id=None,
            created_at=now,
            dispatched_at=now,
            payload={
                "id": f"evt-{event_id}",
                "event": TEST_EVENT,
                "timestamp": iso(now),
                "data": data,
            },
        )
    )
    session.flush()
    delivery = _deliver(session, principal, endpoint, event_id, TEST_EVENT)
    session.flush()
    return delivery.id


def retry_delivery(
    session: Session, principal: Principal, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> uuid.UUID:
    endpoint = EndpointRepository(session, principal).get_or_404(endpoint_id)
    delivery = DeliveryRepository(session, principal).get(delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint.id:
        raise NotFound(
            f"No delivery with id '{ids.render('whd', delivery_id)}' for this endpoint.",
            param="delivery_id",
        )
    if delivery.status in ("pending", "delivering"):
        raise Conflict("This delivery is already scheduled.", code="delivery_pending")
    delivery.status = "pending"
    delivery.next_attempt_at = utcnow()
    delivery.updated_at = utcnow()
    return delivery.id


def replay(session: Session, principal: Principal, endpoint_id: uuid.UUID, since: Any) -> int:
    """Every event since ``since`` that the endpoint subscribes to, queued again (same event
    ids, so receivers that de-duplicate by ``webhook-id`` see no double effects)."""
    endpoint = EndpointRepository(session, principal).get_or_404(endpoint_id)
    events = EventLogRepository(session, principal).since(since, MAX_REPLAY + 1)
    if len(events) > MAX_REPLAY:
        raise InvalidRequest(
            f"More than {MAX_REPLAY} events since then; replay a shorter period at a time.",
            param="since",
            code="replay_too_large",
        )
    chosen = [e for e in events if e.type in EVENT_DATA and matches(endpoint.events, e.type)]
    for event in chosen:
        _deliver(session, principal, endpoint, event.id, event.type)
    AuditLog(session, principal).record(
        "WEBHOOK_REPLAY_REQUESTED",
        "webhook_endpoint",
        ids.render("whe", endpoint.id),
        {"since": iso(since), "events": len(chosen)},
    )
    return len(chosen)


def list_deliveries(
    session: Session,
    principal: Principal,
    endpoint_id: uuid.UUID,
    page: PageRequest,
    status: str | None,
) -> tuple[list[DeliveryOut], Page[Any]]:
    endpoint = EndpointRepository(session, principal).get_or_404(endpoint_id)
    stmt = DeliveryRepository(session, principal).for_endpoint(endpoint.id, status)
    result = paginate(session, stmt, WebhookDelivery, page)
    attempts = AttemptRepository(session, principal).for_deliveries([d.id for d in result.items])
    return [DeliveryOut.build(d, attempts[d.id]) for d in result.items], result
