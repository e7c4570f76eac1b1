"""Settings → Webhooks: the endpoints, each with its delivery log, "Send test", retry, replay
and a new signing secret. The services of ``/api/v1/webhooks`` (``webhooks/service.py``);
a signing secret is shown on the answer that made it, once."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Final

from fastapi import Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from peoplelens.auth.principal import Principal
from peoplelens.kit import ids
from peoplelens.kit.errors import ApiError
from peoplelens.kit.ids import WebhookDeliveryID, WebhookEndpointID
from peoplelens.kit.pagination import PageRequest
from peoplelens.models import WebhookEndpoint
from peoplelens.web.forms import InvalidForm, text_fields, validated
from peoplelens.web.pages import done, reveal, revealed, runtime_of
from peoplelens.web.route import AdminViewer, page_router
from peoplelens.web.settings.shared import refused, settings_page
from peoplelens.web.work import reading, writing
from peoplelens.webhooks import service
from peoplelens.webhooks.event_types import catalogue
from peoplelens.webhooks.repository import EndpointRepository
from peoplelens.webhooks.schemas import EndpointCreate, EndpointUpdate, ReplayIn

router = page_router()

DELIVERIES_PER_PAGE: Final = 25
LIST: Final = "/settings/webhooks"
LABELS: Final = {
    "url": "URL",
    "events": "Events",
    "description": "Description",
    "enabled": "Enabled",
    "since": "Since",
}
DELIVERY_STATUSES: Final = ("pending", "delivering", "succeeded", "failed")


def _here(id: uuid.UUID) -> str:
    return f"{LIST}/{ids.render('whe', id)}"


def _typed(form: FormData) -> dict[str, Any]:
    typed: dict[str, Any] = text_fields(form, ("url", "description"))
    typed["events"] = [e for e in form.getlist("events") if isinstance(e, str) and e]
    typed["enabled"] = form.get("enabled") == "1"
    return typed


def _body(typed: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": typed["url"].strip(),
        "events": typed["events"] or ["*"],
        "description": typed["description"].strip() or None,
        "enabled": typed["enabled"],
    }


def _event_types() -> list[tuple[str, str]]:
    return [(e["type"], e["description"]) for e in catalogue()]


async def _list_page(
    request: Request,
    viewer: AdminViewer,
    *,
    created: dict[str, str] | None = None,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    runtime = runtime_of(request)
    endpoints: list[WebhookEndpoint] = await reading(
        runtime, lambda s: EndpointRepository(s, viewer.principal).all()
    )
    return settings_page(
        request,
        "app/settings_webhooks.html",
        "webhooks",
        {
            "title": "Webhooks — Settings",
            "endpoints": endpoints,
            "created": created,
            "typed": typed or {"url": "", "description": "", "events": [], "enabled": True},
            "errors": errors or {},
            "event_types": _event_types(),
        },
        status,
    )


@router.get("/settings/webhooks")
async def webhooks(request: Request, viewer: AdminViewer) -> Response:
    """The workspace's webhook endpoints, and a form to add one (a new one's signing secret
    once, right after it was made)."""
    return await _list_page(request, viewer, created=revealed(request, "webhook_endpoint"))


@router.post("/settings/webhooks")
async def create(request: Request, viewer: AdminViewer) -> Response:
    """Registers an endpoint (``POST /api/v1/webhooks``); the answer shows its signing secret,
    once."""
    runtime = runtime_of(request)
    typed = _typed(await request.form())
    policy = service.url_policy(runtime.settings)
    try:
        body = validated(EndpointCreate, _body(typed), LABELS)
        made = await writing(
            runtime,
            lambda s: service.create_endpoint(
                s, viewer.principal, body, policy, runtime.secret_key
            ),
        )
    except InvalidForm as invalid:
        return await _list_page(request, viewer, typed=typed, errors=invalid.errors, status=422)
    except ApiError as exc:
        errors = {exc.param or "url": exc.message}
        return await _list_page(request, viewer, typed=typed, errors=errors, status=exc.status)
    created = {"url": made.url, "secret": made.secret, "id": ids.render("whe", made.id)}
    return reveal(request, "/settings/webhooks", "webhook_endpoint", created)


def _detail(
    session: Session,
    principal: Principal,
    id: uuid.UUID,
    status: str | None,
    offset: int,
) -> tuple[WebhookEndpoint, list[Any], Any]:
    endpoint = EndpointRepository(session, principal).get_or_404(id)
    page = PageRequest(limit=DELIVERIES_PER_PAGE, offset=offset)
    deliveries, found = service.list_deliveries(session, principal, id, page, status)
    return endpoint, deliveries, found


async def _detail_page(
    request: Request,
    viewer: AdminViewer,
    id: uuid.UUID,
    *,
    status_filter: str | None = None,
    offset: int = 0,
    secret: str | None = None,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    runtime = runtime_of(request)
    endpoint, deliveries, found = await reading(
        runtime, lambda s: _detail(s, viewer.principal, id, status_filter, offset)
    )
    here = _here(endpoint.id)
    return settings_page(
        request,
        "app/settings_webhook.html",
        "webhooks",
        {
            "title": f"Webhook {endpoint.url} — Settings",
            "endpoint": endpoint,
            "endpoint_id": ids.render("whe", endpoint.id),
            "here": here,
            "deliveries": deliveries,
            "page": found,
            "base": here + (f"?status={status_filter}" if status_filter else ""),
            "status_filter": status_filter or "",
            "statuses": DELIVERY_STATUSES,
            "secret": secret,
            "typed": typed
            or {
                "url": endpoint.url,
                "description": endpoint.description or "",
                "events": list(endpoint.events),
                "enabled": endpoint.enabled,
            },
            "errors": errors or {},
            "event_types": _event_types(),
        },
        status,
    )


@router.get("/settings/webhooks/{id}")
async def endpoint_page(
    id: WebhookEndpointID,
    request: Request,
    viewer: AdminViewer,
    status: Annotated[str | None, Query(max_length=20)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """One endpoint: its settings and its delivery log, newest first."""
    chosen = status if status in DELIVERY_STATUSES else None
    made = revealed(request, "webhook_secret")
    secret = made["secret"] if made and made.get("id") == str(id) else None
    return await _detail_page(
        request, viewer, id, status_filter=chosen, offset=offset, secret=secret
    )


@router.post("/settings/webhooks/{id}")
async def update(id: WebhookEndpointID, request: Request, viewer: AdminViewer) -> Response:
    """Changes the URL, events, description or whether it is on (``PATCH``)."""
    runtime = runtime_of(request)
    typed = _typed(await request.form())
    policy = service.url_policy(runtime.settings)
    try:
        body = validated(EndpointUpdate, _body(typed), LABELS)
        await writing(
            runtime, lambda s: service.update_endpoint(s, viewer.principal, id, body, policy)
        )
    except InvalidForm as invalid:
        return await _detail_page(
            request, viewer, id, typed=typed, errors=invalid.errors, status=422
        )
    except ApiError as exc:
        if exc.status == 404:
            raise
        errors = {exc.param or "url": exc.message}
        return await _detail_page(
            request, viewer, id, typed=typed, errors=errors, status=exc.status
        )
    return done(request, _here(id), "Saved the endpoint.")


@router.post("/settings/webhooks/{id}/enabled")
async def switch(id: WebhookEndpointID, request: Request, viewer: AdminViewer) -> Response:
    """Turns an endpoint on (a fresh start: its failure record cleared) or off."""
    runtime = runtime_of(request)
    form = text_fields(await request.form(), ("enabled", "back"))
    on = form["enabled"] == "true"
    back = _here(id) if form["back"] == "endpoint" else LIST
    policy = service.url_policy(runtime.settings)
    body = EndpointUpdate(enabled=on)
    try:
        await writing(
            runtime, lambda s: service.update_endpoint(s, viewer.principal, id, body, policy)
        )
    except ApiError as exc:
        return refused(request, back, exc)
    return done(request, back, "The endpoint is on." if on else "The endpoint is off.")


@router.post("/settings/webhooks/{id}/delete")
async def delete(id: WebhookEndpointID, request: Request, viewer: AdminViewer) -> Response:
    """Removes the endpoint and its delivery log."""
    runtime = runtime_of(request)
    await writing(runtime, lambda s: service.delete_endpoint(s, viewer.principal, id))
    return done(request, LIST, "The endpoint and its delivery log are removed.")


@router.post("/settings/webhooks/{id}/test")
async def send_test(id: WebhookEndpointID, request: Request, viewer: AdminViewer) -> Response:
    """Queues a ``webhook.test`` event to this endpoint; it shows in the log below."""
    runtime = runtime_of(request)
    await writing(runtime, lambda s: service.send_test(s, viewer.principal, id))
    return done(request, _here(id), "A test event is on its way; its delivery is listed below.")


@router.post("/settings/webhooks/{id}/rotate-secret")
async def rotate(id: WebhookEndpointID, request: Request, viewer: AdminViewer) -> Response:
    """A new signing secret, shown on this answer only; the old one still signs for 24 h."""
    runtime = runtime_of(request)
    made = await writing(
        runtime, lambda s: service.rotate_secret(s, viewer.principal, id, runtime.secret_key)
    )
    return reveal(request, _here(id), "webhook_secret", {"id": str(id), "secret": made.secret})


@router.post("/settings/webhooks/{id}/deliveries/{delivery_id}/retry")
async def retry(
    id: WebhookEndpointID,
    delivery_id: WebhookDeliveryID,
    request: Request,
    viewer: AdminViewer,
) -> Response:
    """Sends a finished delivery again, now."""
    runtime = runtime_of(request)
    try:
        await writing(
            runtime, lambda s: service.retry_delivery(s, viewer.principal, id, delivery_id)
        )
    except ApiError as exc:
        return refused(request, _here(id), exc)
    return done(request, _here(id), "The delivery is queued again.")


@router.post("/settings/webhooks/{id}/replay")
async def replay(id: WebhookEndpointID, request: Request, viewer: AdminViewer) -> Response:
    """Queues again every event since a moment (UTC) that the endpoint subscribes to."""
    runtime = runtime_of(request)
    since = text_fields(await request.form(), ("since",))["since"].strip()
    try:
        body = validated(ReplayIn, {"since": since}, {"since": "Since"})
        count = await writing(
            runtime, lambda s: service.replay(s, viewer.principal, id, body.since)
        )
    except InvalidForm as invalid:
        # Another workspace's endpoint is a 404 whatever the form says.
        await reading(runtime, lambda s: EndpointRepository(s, viewer.principal).get_or_404(id))
        return done(request, _here(id), invalid.summary, "error")
    except ApiError as exc:
        return refused(request, _here(id), exc)
    said = (
        f"Queued {count} event{'s' if count != 1 else ''} again."
        if count
        else ("No event since then is one this endpoint receives: nothing was queued.")
    )
    return done(request, _here(id), said, "success" if count else "info")
