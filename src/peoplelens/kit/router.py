"""Routers for the authenticated API: every route goes through :class:`ApiRoute`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from peoplelens.kit.routing import ApiRoute

API_PREFIX = "/api/v1"

_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body is not valid JSON."},
    401: {"description": "Missing, invalid, expired or revoked API key."},
    403: {"description": "The key lacks the scope, or a plan quota is exceeded."},
    404: {"description": "No such object in your account (or no such route)."},
    413: {"description": "The body is larger than the limit."},
    415: {"description": "The body is not JSON."},
    422: {"description": "Invalid input; `error.param` names the field."},
    429: {"description": "Rate limit exceeded; see `Retry-After`."},
    503: {
        "description": "The database stayed busy (a lock or statement timed out); nothing was "
        "changed. Retry after `Retry-After` seconds."
    },
}


def api_router(tag: str) -> APIRouter:
    return APIRouter(
        prefix=API_PREFIX, tags=[tag], route_class=ApiRoute, responses=_ERROR_RESPONSES
    )


def not_found(kind: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI text for the 404 of a single-object route."""
    return {404: {"description": f"No {kind} with this id in your account."}}


def responses(**by_status: str) -> dict[int | str, dict[str, Any]]:
    """``responses(r409="…")`` → ``{409: {"description": "…"}}``."""
    return {int(k[1:]): {"description": v} for k, v in by_status.items()}
