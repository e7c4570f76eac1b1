"""Sending deliveries: claim with a lease, POST signed, record every attempt, retry or give up.

Retry schedule after a failed attempt (published in the README), each with ±20 % jitter:
5 s, 1 min, 5 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h, 24 h, 24 h — 12 attempts over about
3 days, then the delivery is ``failed``. ``Retry-After`` on 429/503 is honoured (up to a day).
410 Gone stops at once and disables the endpoint. An endpoint that has not had one success for
``webhook_disable_after_hours`` (default 72) is disabled; both are written to the audit log.

A killed worker loses its lease (``locked_until``) and another resends: at-least-once, with
the same ``webhook-id`` on every copy. The HTTP call happens outside any transaction, so a
slow receiver holds no database lock, and deliveries run concurrently (at most a few per
endpoint per round), so one dead receiver does not hold up the others.
"""

from __future__ import annotations

import json
import logging
import random
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

import httpx
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditRepository
from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.ids import new_uuid, render
from peoplelens.kit.time import utcnow
from peoplelens.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from peoplelens.webhooks.crypto_box import open_sealed
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
MAX_ATTEMPTS = len(RETRY_SCHEDULE) + 1
LEASE = timedelta(seconds=60)
PER_ENDPOINT_PER_ROUND = 4
USER_AGENT = "PeopleLens-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    latency_ms: int
    excerpt: str | None
    error: str | None
    retry_after: float | None


_jitter = random.Random()  # noqa: S311 — spreading retries, not a secret


def next_delay(attempt: int) -> timedelta | None:
    """Delay after failed attempt number ``attempt`` (1-based), or None when out of tries."""
    if attempt > len(RETRY_SCHEDULE):
        return None
    base = RETRY_SCHEDULE[attempt - 1].total_seconds()
    return timedelta(seconds=base * _jitter.uniform(0.8, 1.2))


def claim_due(db: Database, limit: int) -> list[uuid.UUID]:
    now = utcnow()
    with db.write_session() as session:
        stmt = (
            select(WebhookDelivery)
            .where(
                or_(
                    (WebhookDelivery.status == "pending")
                    & (WebhookDelivery.next_attempt_at <= now),
                    (WebhookDelivery.status == "delivering") & (WebhookDelivery.locked_until < now),
                )
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit * 4)
        )
        if not db.is_sqlite:
            stmt = stmt.with_for_update(skip_locked=True)
        per_endpoint: dict[uuid.UUID, int] = defaultdict(int)
        claimed: list[uuid.UUID] = []
        for delivery in session.scalars(stmt):
            if (
                len(claimed) >= limit
                or per_endpoint[delivery.endpoint_id] >= PER_ENDPOINT_PER_ROUND
            ):
                continue
            per_endpoint[delivery.endpoint_id] += 1
            delivery.status = "delivering"
            delivery.locked_until = now + LEASE
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
    except httpx.HTTPError as exc:
        latency = int((time.monotonic() - started) * 1000)
        kind = "timeout" if isinstance(exc, httpx.TimeoutException) else type(exc).__name__
        return Outcome(None, latency, None, f"{kind}: {str(exc)[:300]}", None)


def deliver_one(
    db: Database,
    settings: Settings,
    client: httpx.Client,
    server_secret: bytes,
    delivery_id: uuid.UUID,
) -> str:
    # 1. Read what to send (short transaction; nothing held during the HTTP call).
    with db.read_session() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None or delivery.status != "delivering":
            return "gone"
        endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
        event = session.get(Event, delivery.event_id)
        if endpoint is None or event is None:
            return "gone"
        enabled, url = endpoint.enabled, endpoint.url
        secrets = [open_sealed(server_secret, endpoint.secret_encrypted)]
        if (
            endpoint.previous_secret_encrypted
            and endpoint.previous_secret_expires_at
            and endpoint.previous_secret_expires_at > utcnow()
        ):
            secrets.append(open_sealed(server_secret, endpoint.previous_secret_encrypted))
        body = json.dumps(event.payload, separators=(",", ":")).encode()
        msg_id = str(event.payload.get("id") or f"evt-{event.id}")
    # 2. Send it (or refuse to).
    if not enabled:
        outcome = Outcome(None, 0, None, "endpoint disabled", None)
    else:
        try:
            check_url(
                url,
                https_only=settings.env == "production",
                allow_private=settings.webhook_allow_private_urls,
            )
            headers = {
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                **signature_headers(secrets, msg_id, int(time.time()), body),
            }
            outcome = _post(client, url, body, headers)
        except UnsafeUrl as exc:
            outcome = Outcome(None, 0, None, f"refused: {exc}", None)
    # 3. Record the attempt and decide what comes next.
    return _record(db, settings, delivery_id, outcome, stop=not enabled)


def _record(
    db: Database, settings: Settings, delivery_id: uuid.UUID, outcome: Outcome, stop: bool
) -> str:
    now = utcnow()
    with db.write_session() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
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
        elif stop:
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
                    _disable(
                        session,
                        principal,
                        endpoint,
                        f"no successful delivery for {settings.webhook_disable_after_hours:g} h",
                    )
        session.commit()
        log.info(
            "webhook.attempt",
            extra={
                "delivery_id": str(delivery_id),
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
    AuditRepository(session, principal).record(
        "WEBHOOK_ENDPOINT_DISABLED",
        "webhook_endpoint",
        render("whe", endpoint.id),
        {"reason": reason},
    )


class Deliverer:
    """One round: claim due deliveries and send them concurrently."""

    def __init__(self, db: Database, settings: Settings, server_secret: bytes) -> None:
        self.db = db
        self.settings = settings
        self.server_secret = server_secret
        self.client = httpx.Client(timeout=settings.webhook_timeout_seconds, follow_redirects=False)
        self.pool = ThreadPoolExecutor(
            max_workers=settings.webhook_concurrency, thread_name_prefix="webhook"
        )

    def run_round(self) -> int:
        claimed = claim_due(self.db, self.settings.webhook_concurrency)
        if not claimed:
            return 0
        list(
            self.pool.map(
                lambda d: deliver_one(self.db, self.settings, self.client, self.server_secret, d),
                claimed,
            )
        )
        return len(claimed)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.client.close()
