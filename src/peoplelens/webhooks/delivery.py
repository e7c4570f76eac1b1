"""Sending deliveries: claim with a lease, POST signed, record every attempt, retry or give up.

Retry schedule after a failed attempt (published in the README), each with ±20 % jitter:
5 s, 1 min, 5 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h, 24 h, 24 h — 12 attempts over about
3 days, then the delivery is ``failed``. ``Retry-After`` on 429/503 is honoured (up to a day).
410 Gone stops at once and disables the endpoint. An endpoint that has not had one success for
``webhook_disable_after_hours`` (default 72) is disabled; both are written to the audit log.

A killed worker loses its lease (``locked_until``) and another resends: at-least-once, with
the same ``webhook-id`` on every copy (lease = 3 × timeout + 5 s). The HTTP call happens
outside any transaction, so a slow receiver holds no database lock; see
``deliverer.Deliverer`` for how a dead receiver is kept from slowing the others.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.ids import new_uuid, render
from peoplelens.kit.retry import due, jittered, lock_for_claim
from peoplelens.kit.sealing import webhook_secrets
from peoplelens.kit.time import utcnow
from peoplelens.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from peoplelens.webhooks.repository import AttemptRepository
from peoplelens.webhooks.signing import signature_headers
from peoplelens.webhooks.ssrf import UnsafeUrl, check_url

log = logging.getLogger("peoplelens.webhooks")

RETRY_SCHEDULE = (
    timedelta(seconds=5),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=1),
    timedelta(hours=2),
    timedelta(hours=4),
    timedelta(hours=8),
    timedelta(hours=12),
    timedelta(hours=24),
    timedelta(hours=24),
)
PER_ENDPOINT_PER_ROUND = 32
USER_AGENT = "PeopleLens-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    latency_ms: int
    excerpt: str | None
    error: str | None
    retry_after: float | None


def next_delay(attempt: int) -> timedelta | None:
    """Delay after failed attempt number ``attempt`` (1-based), or None when out of tries."""
    if attempt > len(RETRY_SCHEDULE):
        return None
    return jittered(RETRY_SCHEDULE[attempt - 1].total_seconds(), 0.2)


def claim_due(db: Database, limit: int, *, failing: bool, lease: timedelta) -> list[uuid.UUID]:
    """Claims due deliveries of healthy endpoints (``failing=False``) or of endpoints in a
    failure streak (``failing=True``), at most ``PER_ENDPOINT_PER_ROUND`` per endpoint."""
    if limit <= 0:
        return []
    now = utcnow()
    with db.write_session() as session:
        streak = WebhookEndpoint.failing_since.is_not(None)
        stmt = (
            select(WebhookDelivery)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(
                due(
                    WebhookDelivery,
                    ready="pending",
                    busy="delivering",
                    due_at=WebhookDelivery.next_attempt_at,
                    now=now,
                ),
                streak if failing else ~streak,
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit * 4)
        )
        stmt = lock_for_claim(stmt, is_sqlite=db.is_sqlite, of=WebhookDelivery)
        per_endpoint: dict[uuid.UUID, int] = defaultdict(int)
        claimed: list[uuid.UUID] = []
        for delivery in session.scalars(stmt):
            busy = per_endpoint[delivery.endpoint_id] >= PER_ENDPOINT_PER_ROUND
            if len(claimed) >= limit or busy:
                continue
            per_endpoint[delivery.endpoint_id] += 1
            delivery.status = "delivering"
            delivery.locked_until = now + lease
            delivery.updated_at = now
            claimed.append(delivery.id)
        session.commit()
        return claimed


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _post(client: httpx.Client, url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    started = time.monotonic()
    try:
        response = client.post(url, content=body, headers=headers)
        latency = int((time.monotonic() - started) * 1000)
        excerpt = response.text[:500] if response.content else None
        return Outcome(response.status_code, latency, excerpt, None, _retry_after(response))
    except Exception as exc:
        # Any failure to send is this delivery's failed attempt (an odd URL raises UnicodeError
        # or InvalidURL, not HTTPError), never an error of the round other tenants share.
        latency = int((time.monotonic() - started) * 1000)
        kind = "timeout" if isinstance(exc, httpx.TimeoutException) else type(exc).__name__
        return Outcome(None, latency, None, f"{kind}: {str(exc)[:300]}", None)


@dataclass(frozen=True)
class Outgoing:
    delivery_id: uuid.UUID
    url: str
    body: bytes
    headers: dict[str, str]
    refusal: str | None  # why it is not sent (endpoint disabled, unsafe URL)


def prepare(
    session: Session, settings: Settings, server_secret: bytes, delivery_id: uuid.UUID
) -> Outgoing | None:
    """What to send for one claimed delivery (read only; nothing held during the HTTP call)."""
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.status != "delivering":
        return None
    endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
    event = session.get(Event, delivery.event_id)
    if endpoint is None or event is None:
        return None
    body = json.dumps(event.payload, separators=(",", ":")).encode()
    if not endpoint.enabled:
        return Outgoing(delivery_id, endpoint.url, body, {}, "endpoint disabled")
    try:
        check_url(
            endpoint.url,
            https_only=settings.env == "production",
            allow_private=settings.webhook_allow_private_urls,
        )
    except UnsafeUrl as exc:
        return Outgoing(delivery_id, endpoint.url, body, {}, f"refused: {exc}")
    secrets = [webhook_secrets(server_secret).open(endpoint.secret_encrypted)]
    if (
        endpoint.previous_secret_encrypted
        and endpoint.previous_secret_expires_at
        and endpoint.previous_secret_expires_at > utcnow()
    ):
        secrets.append(webhook_secrets(server_secret).open(endpoint.previous_secret_encrypted))
    msg_id = str(event.payload.get("id") or f"evt-{event.id}")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signature_headers(secrets, msg_id, int(time.time()), body),
    }
    return Outgoing(delivery_id, endpoint.url, body, headers, None)


def send(client: httpx.Client, item: Outgoing) -> tuple[Outgoing, Outcome]:
    if item.refusal is not None:
        return item, Outcome(None, 0, None, item.refusal, None)
    return item, _post(client, item.url, item.body, item.headers)


def record(session: Session, settings: Settings, item: Outgoing, outcome: Outcome) -> str:
    """Writes the attempt and decides what comes next (in the caller's transaction)."""
    now = utcnow()
    delivery = session.get(WebhookDelivery, item.delivery_id)
    if delivery is None:
        return "gone"
    endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
    principal = Principal.system(delivery.tenant_id, via="worker")
    delivery.attempts += 1
    AttemptRepository(session, principal).add(
        WebhookAttempt(
            id=new_uuid(),
            delivery_id=delivery.id,
            attempt=delivery.attempts,
            status_code=outcome.status_code,
            latency_ms=outcome.latency_ms,
            response_excerpt=outcome.excerpt,
            error=outcome.error,
            created_at=now,
        )
    )
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error
    delivery.locked_until = None
    delivery.updated_at = now
    code = outcome.status_code
    if code is not None and 200 <= code < 300:
        delivery.status = "succeeded"
        delivery.delivered_at = now
        if endpoint is not None:
            endpoint.failing_since = None
    elif item.refusal == "endpoint disabled":
        delivery.status = "failed"
    elif code == 410:
        delivery.status = "failed"
        if endpoint is not None:
            _disable(session, principal, endpoint, "the receiver answered 410 Gone")
    else:
        delay = next_delay(delivery.attempts)
        if outcome.retry_after is not None and code in (429, 503):
            delay = timedelta(seconds=min(outcome.retry_after, 86_400))
        if delay is None:
            delivery.status = "failed"
        else:
            delivery.status = "pending"
            delivery.next_attempt_at = now + delay
        if endpoint is not None:
            endpoint.failing_since = endpoint.failing_since or now
            limit = timedelta(hours=settings.webhook_disable_after_hours)
            if endpoint.enabled and now - endpoint.failing_since > limit:
                hours = settings.webhook_disable_after_hours
                _disable(session, principal, endpoint, f"no successful delivery for {hours:g} h")
    log.info(
        "webhook.attempt",
        extra={
            "delivery_id": str(item.delivery_id),
            "status": code,
            "ms": outcome.latency_ms,
            "result": delivery.status,
        },
    )
    return delivery.status


def _disable(
    session: Session, principal: Principal, endpoint: WebhookEndpoint, reason: str
) -> None:
    endpoint.enabled = False
    endpoint.disabled_reason = reason
    endpoint.updated_at = utcnow()
    AuditLog(session, principal).record(
        "WEBHOOK_ENDPOINT_DISABLED",
        "webhook_endpoint",
        render("whe", endpoint.id),
        {"reason": reason},
    )
