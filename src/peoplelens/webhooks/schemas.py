from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StrictBool, StringConstraints, WithJsonSchema

from peoplelens.kit.ids import EventID, WebhookDeliveryID, WebhookEndpointID
from peoplelens.kit.schemas import (
    PORT_PATTERN,
    Presenter,
    RequestModel,
    Timestamp,
    UtcDatetime,
    omittable,
)
from peoplelens.models import WebhookAttempt, WebhookDelivery
from peoplelens.webhooks.event_types import EVENT_DATA

Url = Annotated[
    str,
    StringConstraints(
        max_length=2048,
        # http(s); a host name or IPv4 address (no bracketed IPv6 literals: use a name);
        # printable ASCII (IRIs must be percent-encoded); no credentials. The SSRF rules then
        # apply (webhooks/ssrf.py).
        pattern=r"^https?://[A-Za-z0-9][A-Za-z0-9.-]*" + PORT_PATTERN + r"(?:[/?#][!-~]*)?$",
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


class EndpointOut(Presenter):
    id: WebhookEndpointID
    url: str
    description: str | None
    events: list[str]
    enabled: bool
    disabled_reason: str | None
    previous_secret_expires_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


class EndpointWithSecret(EndpointOut):
    secret: str = Field(description="The signing secret (whsec_…). Shown only now.")


class AttemptOut(Presenter):
    attempt: int
    status_code: int | None
    latency_ms: int
    response_excerpt: str | None
    error: str | None
    created_at: Timestamp


class DeliveryOut(BaseModel):
    id: WebhookDeliveryID
    event_id: EventID
    event_type: str
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str | None
    next_attempt_at: Timestamp | None = Field(description="Set while the delivery is pending.")
    delivered_at: Timestamp | None
    created_at: Timestamp
    attempt_log: list[AttemptOut]

    @classmethod
    def build(cls, d: WebhookDelivery, attempts: list[WebhookAttempt]) -> DeliveryOut:
        return cls(
            id=d.id,
            event_id=d.event_id,
            event_type=d.event_type,
            status=d.status,
            attempts=d.attempts,
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            next_attempt_at=d.next_attempt_at if d.status == "pending" else None,
            delivered_at=d.delivered_at,
            created_at=d.created_at,
            attempt_log=[AttemptOut.model_validate(a) for a in attempts],
        )


class ReplayIn(RequestModel):
    since: UtcDatetime


class Queued(BaseModel):
    queued: int
    delivery_ids: list[WebhookDeliveryID] = []
