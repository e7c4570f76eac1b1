"""Webhook endpoints (spec §9): registration, secrets, test, delivery log, retry, replay."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, status

from peoplelens.boundary.dependencies import AdminPrincipal, ReadPrincipal, RuntimeDep, SessionDep
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.kit.ids import WebhookDeliveryID, WebhookEndpointID
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import Deleted, ListResponse
from peoplelens.runtime import Runtime
from peoplelens.webhooks import service
from peoplelens.webhooks.event_types import catalogue, envelope_schema
from peoplelens.webhooks.repository import EndpointRepository
from peoplelens.webhooks.schemas import (
    DeliveryOut,
    EndpointCreate,
    EndpointOut,
    EndpointUpdate,
    EndpointWithSecret,
    Queued,
    ReplayIn,
)

router = api_router("webhooks")
_404 = not_found_doc("webhook endpoint")


def _policy(runtime: Runtime) -> service.UrlPolicy:
    return service.url_policy(runtime.settings)


@router.get("/webhooks/event-types", response_model=dict[str, Any])
def event_types(principal: ReadPrincipal) -> dict[str, Any]:
    """The event types with the JSON Schema of each one's `data`, and the envelope every
    delivery has: `{id, event, timestamp, data}`."""
    del principal
    return {"envelope": envelope_schema(), "data": catalogue()}


@router.post("/webhooks", response_model=EndpointWithSecret, status_code=status.HTTP_201_CREATED)
def create_endpoint(
    body: EndpointCreate, principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep
) -> EndpointWithSecret:
    """Registers a URL for events (`events` filters them; `["*"]` = all). The answer holds the
    signing `secret` (`whsec_…`) — the only time it is shown."""
    return service.create_endpoint(session, principal, body, _policy(runtime), runtime.secret_key)


@router.get("/webhooks", response_model=dict[str, list[EndpointOut]])
def list_endpoints(principal: AdminPrincipal, session: SessionDep) -> dict[str, list[EndpointOut]]:
    """The account's webhook endpoints."""
    return {
        "data": [
            EndpointOut.model_validate(e) for e in EndpointRepository(session, principal).all()
        ]
    }


@router.get("/webhooks/{id}", response_model=EndpointOut, responses=_404)
def get_endpoint(
    id: WebhookEndpointID, principal: AdminPrincipal, session: SessionDep
) -> EndpointOut:
    """One endpoint (never its secret)."""
    return EndpointOut.model_validate(EndpointRepository(session, principal).get_or_404(id))


@router.patch("/webhooks/{id}", response_model=EndpointOut, responses=_404)
def update_endpoint(
    id: WebhookEndpointID,
    body: EndpointUpdate,
    principal: AdminPrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
) -> EndpointOut:
    """Changes `url`, `events`, `description` or `enabled`. Re-enabling an endpoint that was
    disabled for failures clears its failure record."""
    return service.update_endpoint(session, principal, id, body, _policy(runtime))


@router.delete("/webhooks/{id}", response_model=Deleted, responses=_404)
def delete_endpoint(
    id: WebhookEndpointID, principal: AdminPrincipal, session: SessionDep
) -> Deleted:
    """Removes the endpoint and its delivery log."""
    return Deleted(id=service.delete_endpoint(session, principal, id))


@router.post("/webhooks/{id}/rotate-secret", response_model=EndpointWithSecret, responses=_404)
def rotate_secret(
    id: WebhookEndpointID, principal: AdminPrincipal, session: SessionDep, runtime: RuntimeDep
) -> EndpointWithSecret:
    """A new signing secret, shown once. For 24 hours deliveries carry signatures with both
    the new and the old secret, so receivers can switch without missing events."""
    return service.rotate_secret(session, principal, id, runtime.secret_key)


@router.post(
    "/webhooks/{id}/test",
    response_model=Queued,
    status_code=status.HTTP_202_ACCEPTED,
    responses=_404,
)
def send_test(id: WebhookEndpointID, principal: AdminPrincipal, session: SessionDep) -> Queued:
    """Queues a `webhook.test` event to this endpoint; watch it in `/deliveries`."""
    return Queued(queued=1, delivery_ids=[service.send_test(session, principal, id)])


@router.get("/webhooks/{id}/deliveries", response_model=ListResponse[DeliveryOut], responses=_404)
def list_deliveries(
    id: WebhookEndpointID,
    principal: AdminPrincipal,
    session: SessionDep,
    page: PageDep,
    status: Annotated[
        Literal["pending", "delivering", "succeeded", "failed"] | None, Query()
    ] = None,
) -> ListResponse[DeliveryOut]:
    """The endpoint's deliveries, newest first, each with every attempt: HTTP status, latency
    and the first 500 characters of the receiver's answer."""
    data, result = service.list_deliveries(session, principal, id, page, status)
    return ListResponse[DeliveryOut].of(data, result)


@router.post(
    "/webhooks/{id}/deliveries/{delivery_id}/retry",
    response_model=Queued,
    status_code=status.HTTP_202_ACCEPTED,
    responses=_404 | responses(r409="The delivery is already scheduled to be sent."),
)
def retry_delivery(
    id: WebhookEndpointID,
    delivery_id: WebhookDeliveryID,
    principal: AdminPrincipal,
    session: SessionDep,
) -> Queued:
    """Sends a finished (failed or succeeded) delivery again, now."""
    return Queued(
        queued=1, delivery_ids=[service.retry_delivery(session, principal, id, delivery_id)]
    )


@router.post(
    "/webhooks/{id}/replay",
    response_model=Queued,
    status_code=status.HTTP_202_ACCEPTED,
    responses=_404,
)
def replay(
    id: WebhookEndpointID, body: ReplayIn, principal: AdminPrincipal, session: SessionDep
) -> Queued:
    """Queues again every event since `since` that the endpoint subscribes to (up to 10,000),
    with their original ids — receivers that de-duplicate by `webhook-id` are safe."""
    return Queued(queued=service.replay(session, principal, id, body.since))
