from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StrictBool, StringConstraints, WithJsonSchema

from peoplelens.kit.ids import render
from peoplelens.kit.schemas import RequestModel, UtcDatetime, omittable
from peoplelens.kit.time import iso, iso_opt
from peoplelens.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from peoplelens.webhooks.event_types import EVENT_DATA

Url = Annotated[
    str,
    StringConstraints(
        max_length=2048,
        # http(s); a host name or IPv4 address (no bracketed IPv6 literals: use a name);
        # printable ASCII (IRIs must be percent-encoded); no credentials. The SSRF rules then
        # apply (webhooks/ssrf.py).
        pattern=r"^https?://[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]{1,5})?(?:[/?#][!-~]*)?$",
    ),
]

# The names of GET /webhooks/event-types, or "*" for all (an enum in the schema).
EventFilter = list[
    Annotated[
        str,
        StringConstraints(min_length=1, max_length=64),
        WithJsonSchema({"type": "string", "enum": ["*", *EVENT_DATA]}),
    ]
]


class EndpointCreate(RequestModel):
    url: Url
    events: EventFilter = Field(
        default_factory=lambda: ["*"],
        max_length=20,
        description='Event types to receive; ["*"] for all.',
    )
    description: Annotated[str, StringConstraints(max_length=500)] | None = None
    enabled: bool = Field(default=True, strict=True)


class EndpointUpdate(RequestModel):
    url: Url | None = omittable()
    events: EventFilter | None = Field(default=None, max_length=20)
    description: Annotated[str, StringConstraints(max_length=500)] | None = None
    enabled: StrictBool | None = omittable()


class EndpointOut(BaseModel):
    id: str
    url: str
    description: str | None
    events: list[str]
    enabled: bool
    disabled_reason: str | None
    previous_secret_expires_at: str | None
    created_at: str
    updated_at: str

    @classmethod
    def build(cls, e: WebhookEndpoint) -> EndpointOut:
        return cls(
            id=render("whe", e.id),
            url=e.url,
            description=e.description,
            events=e.events,
            enabled=e.enabled,
            disabled_reason=e.disabled_reason,
            previous_secret_expires_at=iso_opt(e.previous_secret_expires_at),
            created_at=iso(e.created_at),
            updated_at=iso(e.updated_at),
        )


class EndpointWithSecret(EndpointOut):
    secret: str = Field(description="The signing secret (whsec_…). Shown only now.")


class AttemptOut(BaseModel):
    attempt: int
    status_code: int | None
    latency_ms: int
    response_excerpt: str | None
    error: str | None
    created_at: str

    @classmethod
    def build(cls, a: WebhookAttempt) -> AttemptOut:
        return cls(
            attempt=a.attempt,
            status_code=a.status_code,
            latency_ms=a.latency_ms,
            response_excerpt=a.response_excerpt,
            error=a.error,
            created_at=iso(a.created_at),
        )


class DeliveryOut(BaseModel):
    id: str
    event_id: str
    event_type: str
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str | None
    next_attempt_at: str | None
    delivered_at: str | None
    created_at: str
    attempt_log: list[AttemptOut]

    @classmethod
    def build(cls, d: WebhookDelivery, attempts: list[WebhookAttempt]) -> DeliveryOut:
        return cls(
            id=f"whd-{d.id}",
            event_id=render("evt", d.event_id),
            event_type=d.event_type,
            status=d.status,
            attempts=d.attempts,
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            next_attempt_at=iso(d.next_attempt_at) if d.status == "pending" else None,
            delivered_at=iso_opt(d.delivered_at),
            created_at=iso(d.created_at),
            attempt_log=[AttemptOut.build(a) for a in attempts],
        )


class ReplayIn(RequestModel):
    since: UtcDatetime


class Queued(BaseModel):
    queued: int
    delivery_ids: list[str] = []
