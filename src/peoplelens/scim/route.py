"""The request boundary of ``/scim/v2``: the API's steps (``boundary/route.py``), reused.

Per request: the bearer token must be an API key with the ``scim`` scope (a session cookie
is no SCIM credential: no ``Authorization`` header is a 401), the key's rate limit, a JSON body
(``application/scim+json`` or ``application/json``) for writes, and one transaction — a
session's, ``BEGIN IMMEDIATE`` for writes — committed after the endpoint returned. There is no
idempotency step: SCIM has no ``Idempotency-Key``, and its PUT and PATCH are idempotent
anyway. Errors are rendered in SCIM's schema (``scim/errors.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute

from peoplelens.boundary import limits, transaction
from peoplelens.boundary.authenticate import authenticate
from peoplelens.boundary.route import WRITE_METHODS
from peoplelens.kit.errors import Unauthenticated, UnsupportedMediaType
from peoplelens.runtime import Runtime

SCIM_PREFIX = "/scim/v2"
SCIM_SCOPE = "scim"


def base_url(public_url: str) -> str:
    """Where an identity provider finds SCIM (its "SCIM connector base URL")."""
    return public_url.rstrip("/") + SCIM_PREFIX


_JSON_TYPES = frozenset({"application/scim+json", "application/json"})


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    if length is not None:
        return length.strip() not in ("", "0")
    return "transfer-encoding" in request.headers


class ScimRoute(APIRoute):
    """Route class of the ``/scim/v2`` router (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint = super().get_route_handler()
        writes = bool((self.methods or set()) & WRITE_METHODS)
        kind: transaction.TxKind = "write_session" if writes else "read_session"

        async def handle(request: Request) -> Response:
            runtime: Runtime = request.app.state.runtime
            if not request.headers.get("authorization"):
                raise Unauthenticated(
                    "Send the SCIM token as 'Authorization: Bearer <API key with the scim scope>'.",
                    code="missing_api_key",
                )
            principal = await authenticate(request, runtime, SCIM_SCOPE)
            await limits.count_async(request, runtime, principal)
            if writes and _has_body(request):
                media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                if media not in _JSON_TYPES:
                    raise UnsupportedMediaType(
                        "Send the body as 'application/scim+json' or 'application/json'."
                    )
            # No principal for the transaction step: it would look for an Idempotency-Key.
            return await transaction.run(request, runtime, kind, None, endpoint)

        return handle


def scim_router() -> APIRouter:
    # Not in /openapi.json: SCIM describes itself (/ServiceProviderConfig, /Schemas), and the
    # document's promises — our error envelope, Idempotency-Key — do not hold here.
    return APIRouter(
        prefix=SCIM_PREFIX,
        tags=["SCIM"],
        route_class=ScimRoute,
        include_in_schema=False,
    )
