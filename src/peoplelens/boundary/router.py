"""Routers for the API: every route goes through :class:`~peoplelens.boundary.route.ApiRoute`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter

from peoplelens.boundary.route import ApiRoute

F = TypeVar("F", bound=Callable[..., Any])

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


class ApiRouter(APIRouter):
    """An ``APIRouter`` whose GET routes may be declared ``hot=True``: dispatched directly from
    the outermost middleware (``boundary/hot.py``). A route that cannot be — not an ``async``
    read-lane GET whose parameters are its path ids and dependencies — fails at import."""

    def get(self, path: str, *, hot: bool = False, **kwargs: Any) -> Callable[[F], F]:
        add = super().get(path, **kwargs)

        def decorator(endpoint: F) -> F:
            add(endpoint)
            if hot:
                route = self.routes[-1]
                assert isinstance(route, ApiRoute) and route.endpoint is endpoint
                route.declare_hot()
            return endpoint

        return decorator


def api_router(
    tag: str,
    route_class: type[ApiRoute] = ApiRoute,
    *,
    prefix_override: str | None = None,
    **kwargs: Any,
) -> ApiRouter:
    """A router under ``/api/v1`` (or ``prefix_override``: the unversioned ``/api`` of the
    published users tab)."""
    return ApiRouter(
        prefix=prefix_override or API_PREFIX,
        tags=[tag],
        route_class=route_class,
        responses=kwargs.pop("responses", _ERROR_RESPONSES),
        **kwargs,
    )


def not_found_doc(kind: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI text for the 404 of a single-object route."""
    return {404: {"description": f"No {kind} with this id in your account."}}


def responses(**by_status: str) -> dict[int | str, dict[str, Any]]:
    """``responses(r409="…")`` → ``{409: {"description": "…"}}``."""
    return {int(k[1:]): {"description": v} for k, v in by_status.items()}
