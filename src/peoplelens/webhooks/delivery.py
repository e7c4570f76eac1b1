"""Sending deliveries: claim with a lease, sign, record every attempt, retry or give up.

Retry schedule after a failed attempt (published in the README), each with ±20 % jitter:
5 s, 1 min, 5 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h, 24 h, 24 h — 12 attempts over about
3 days, then the delivery is ``failed``. ``Retry-After`` on 429/503 is honoured when longer
than the schedule's delay (up to a day). 410 Gone stops at once and disables the endpoint. An
endpoint that has not had one success for ``webhook_disable_after_hours`` (default 72) is
disabled; both are written to the audit log.

A claim leases the delivery (``locked_until``) for the attempt's deadline + 20 s, so while one
worker waits for an answer no other sends it; a killed worker loses its lease and another
resends: at-least-once, with the same ``webhook-id`` on every copy. The HTTP call happens
outside any transaction (``sending.py``), so a slow receiver holds no database lock; see
``deliverer.Deliverer`` for how slow receivers are kept from holding up the others.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.ids import new_uuid, render
from peoplelens.kit.repository import unscoped
from peoplelens.kit.retry import due, jittered, lock_for_claim
from peoplelens.kit.sealing import webhook_secrets
from peoplelens.kit.time import utcnow
from peoplelens.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from peoplelens.webhooks.repository import AttemptRepository
from peoplelens.webhooks.sending import Outcome
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
USER_AGENT = "PeopleLens-Webhooks/1"
CLAIM_LOCK_KEY = 0x5045_4F50_4C45  # "PEOPLE": the advisory lock claims take turns on
LEASE_MARGIN = timedelta(seconds=20)  # a lease outlives the attempt's deadline by this much


def lease_for(settings: Settings) -> timedelta:
    """How long a claim holds a delivery: the attempt's deadline + a margin, so no second
    worker sends it while the first still waits for the answer."""
    return timedelta(seconds=settings.webhook_deadline_seconds) + LEASE_MARGIN


def next_delay(attempt: int) -> timedelta | None:
    """Delay after failed attempt number ``attempt`` (1-based), or None when out of tries."""
    if attempt > len(RETRY_SCHEDULE):
        return None
    return jittered(RETRY_SCHEDULE[attempt - 1].total_seconds(), 0.2)


@dataclass(frozen=True)
class Claimed:
    delivery_id: uuid.UUID
    endpoint_id: uuid.UUID
    failing: bool  # the endpoint is in a failure streak (its own, smaller share of the slots)


def in_flight_by_endpoint(session: Session, now: datetime) -> dict[uuid.UUID, int]:
    """Deliveries being sent right now (any worker's live lease), per endpoint."""
    stmt = unscoped(
        select(WebhookDelivery.endpoint_id, func.count())
        .where(WebhookDelivery.status == "delivering", WebhookDelivery.locked_until >= now)
        .group_by(WebhookDelivery.endpoint_id)
    )
    return {endpoint_id: int(n) for endpoint_id, n in session.execute(stmt).all()}


def claim_due(
    db: Database, *, limit: int, failing_limit: int, per_endpoint: int, lease: timedelta
) -> list[Claimed]:
    """Claims up to ``limit`` due deliveries, at most ``failing_limit`` of endpoints in a
    failure streak, and never more than ``per_endpoint`` in flight for one endpoint — counting
    what every worker already has in flight, so across processes one endpoint cannot take
    every slot. Endpoints at their cap are left out of the query itself, so a backlog of one
    endpoint never hides another's due deliveries behind it.

    Claims take turns — PostgreSQL: a transaction-scoped advisory lock; SQLite: its one writer
    — so the count each claim starts from includes every other worker's committed claims.
    A claim is a few milliseconds, so the turn costs little.
    """
    if limit <= 0:
        return []
    now = utcnow()
    claimed: list[Claimed] = []
    with db.write_session() as session:
        if not db.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLAIM_LOCK_KEY})
        busy = in_flight_by_endpoint(session, now)
        failing_ids = set(
            session.scalars(
                unscoped(
                    select(WebhookEndpoint.id).where(WebhookEndpoint.failing_since.is_not(None))
                )
            )
        )
        failing_taken = 0
        for _ in range(3):  # again when capped endpoints filled the batch
            want = limit - len(claimed)
            left_out = {e for e, n in busy.items() if n >= per_endpoint}
            if failing_taken >= failing_limit:
                left_out |= failing_ids
            stmt = (
                select(WebhookDelivery)
                .where(
                    due(
                        WebhookDelivery,
                        ready="pending",
                        busy="delivering",
                        due_at=WebhookDelivery.next_attempt_at,
                        now=now,
                    )
                )
                .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
                .limit(want * 2)
            )
            if left_out:
                stmt = stmt.where(WebhookDelivery.endpoint_id.not_in(left_out))
            rows = list(session.scalars(lock_for_claim(unscoped(stmt), is_sqlite=db.is_sqlite)))
            for delivery in rows:
                endpoint_id = delivery.endpoint_id
                failing = endpoint_id in failing_ids
                if len(claimed) >= limit or busy.get(endpoint_id, 0) >= per_endpoint:
                    continue
                if failing and failing_taken >= failing_limit:
                    continue
                busy[endpoint_id] = busy.get(endpoint_id, 0) + 1
                failing_taken += failing
                delivery.status = "delivering"
                delivery.locked_until = now + lease
                delivery.updated_at = now
                claimed.append(Claimed(delivery.id, endpoint_id, failing))
            session.flush()  # the claimed rows are no longer due for the next pass
            if len(rows) < want * 2 or len(claimed) >= limit:
                break
        session.commit()
    return claimed


def renew(db: Database, ids: list[uuid.UUID], lease: timedelta) -> None:
    """Extends the lease of deliveries still in flight here (their result not yet written)."""
    if not ids:
        return
    now = utcnow()
    with db.write_session() as session:
        session.execute(
            unscoped(
                update(WebhookDelivery)
                .where(WebhookDelivery.id.in_(ids), WebhookDelivery.status == "delivering")
                .values(locked_until=now + lease)
            )
        )
        session.commit()


def release(db: Database, ids: list[uuid.UUID]) -> None:
    """Gives claimed deliveries back (a stopping worker that did not send them): due again at
    once for any worker, without waiting for their leases to run out."""
    if not ids:
        return
    with db.write_session() as session:
        session.execute(
            unscoped(
                update(WebhookDelivery)
                .where(WebhookDelivery.id.in_(ids), WebhookDelivery.status == "delivering")
                .values(status="pending", locked_until=None, updated_at=utcnow())
            )
        )
        session.commit()


@dataclass(frozen=True)
class Outgoing:
    delivery_id: uuid.UUID
    url: str
    body: bytes
    headers: dict[str, str]
    refusal: str | None  # why it is not sent (endpoint disabled, unsafe URL)


def prepare_many(
    session: Session, settings: Settings, server_secret: bytes, ids: list[uuid.UUID]
) -> list[Outgoing]:
    """What to send for claimed deliveries: one query, each endpoint's secrets opened once
    (read only; nothing is held during the HTTP calls)."""
    if not ids:
        return []
    stmt = unscoped(
        select(WebhookDelivery, WebhookEndpoint, Event)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .join(Event, Event.id == WebhookDelivery.event_id)
        .where(WebhookDelivery.id.in_(ids), WebhookDelivery.status == "delivering")
    )
    keys: dict[uuid.UUID, list[str]] = {}
    stamp = int(time.time())
    out = []
    for delivery, endpoint, event in session.execute(stmt).all():
        if endpoint.id not in keys:
            keys[endpoint.id] = _live_secrets(server_secret, endpoint)
        out.append(_outgoing(settings, delivery.id, endpoint, event, keys[endpoint.id], stamp))
    return out


def _live_secrets(server_secret: bytes, endpoint: WebhookEndpoint) -> list[str]:
    """The endpoint's secrets, newest first (two while a rotation's old secret lives)."""
    sealed = webhook_secrets(server_secret)
    secrets = [sealed.open(endpoint.secret_encrypted)]
    if (
        endpoint.previous_secret_encrypted
        and endpoint.previous_secret_expires_at
        and endpoint.previous_secret_expires_at > utcnow()
    ):
        secrets.append(sealed.open(endpoint.previous_secret_encrypted))
    return secrets


def _outgoing(
    settings: Settings,
    delivery_id: uuid.UUID,
    endpoint: WebhookEndpoint,
    event: Event,
    secrets: list[str],
    stamp: int,
) -> Outgoing:
    body = json.dumps(event.payload, separators=(",", ":")).encode()
    if not endpoint.enabled:
        return Outgoing(delivery_id, endpoint.url, body, {}, "endpoint disabled")
    try:
        check_url(
            endpoint.url,
            https_only=settings.env == "production",
            allow_private=settings.webhook_allow_private_urls,
            resolve=False,  # no DNS here (it would block the claim): the sender checks
        )
    except UnsafeUrl as exc:
        return Outgoing(delivery_id, endpoint.url, body, {}, f"refused: {exc}")
    msg_id = str(event.payload.get("id") or f"evt-{event.id}")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "identity",  # the answer is read raw, and only its start
        **signature_headers(secrets, msg_id, stamp, body),
    }
    return Outgoing(delivery_id, endpoint.url, body, headers, None)


def refused(item: Outgoing) -> Outcome:
    return Outcome(None, 0, None, item.refusal, None)


def record_many(
    session: Session, settings: Settings, results: list[tuple[Outgoing, Outcome]]
) -> list[str]:
    """Writes a micro-batch of finished attempts (in the caller's transaction): the rows are
    loaded in two queries, then each is :func:`record`-ed."""
    ids = [item.delivery_id for item, _ in results]
    deliveries = list(
        session.scalars(unscoped(select(WebhookDelivery).where(WebhookDelivery.id.in_(ids))))
    )
    endpoint_ids = {d.endpoint_id for d in deliveries}
    if endpoint_ids:
        list(
            session.scalars(
                unscoped(select(WebhookEndpoint).where(WebhookEndpoint.id.in_(endpoint_ids)))
            )
        )
    return [record(session, settings, item, outcome) for item, outcome in results]


def outcome_label(item: Outgoing, outcome: Outcome, status: str) -> str:
    """The attempt's outcome for the metrics: succeeded, retrying, failed, timeout, refused."""
    if item.refusal is not None:
        return "refused"
    if status == "succeeded":
        return "succeeded"
    if outcome.timed_out:
        return "timeout"
    return "failed" if status == "failed" else "retrying"


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
    if delivery.status != "delivering":
        # A late result: this worker's lease ran out (it stalled) and another already recorded
        # the delivery. The attempt is logged; the outcome that was recorded stands, so a late
        # failure can never turn a success back into a retry.
        log.warning(
            "webhook.late_result",
            extra={"delivery_id": str(item.delivery_id), "recorded": delivery.status},
        )
        return delivery.status
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
        if delay is not None and outcome.retry_after is not None and code in (429, 503):
            # A receiver may ask for more patience, never for less (Retry-After: 0 in a loop),
            # and never for more tries than the schedule has.
            asked = timedelta(seconds=min(outcome.retry_after, 86_400))
            delay = max(delay, asked)
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
