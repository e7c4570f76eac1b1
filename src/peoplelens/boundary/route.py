"""The request boundary of every API route, as a sequence of small steps.

FastAPI calls :meth:`ApiRoute.get_route_handler` once per route; the handler it returns runs,
per request:

1. **authenticate** (``authenticate.py``): the API key or session → the principal, and the
   scope the route declares (``ReadPrincipal``/``WritePrincipal``/``AdminPrincipal``; for
   people, the role that grants it), checked at once;
2. **rate-limit** (``limits.py``): per key, or per client address on token routes;
3. the request's shape (a JSON body for writes, no NUL in the query) — here;
4. **transaction** (``transaction.py``) with **idempotency** inside it (``idempotency.py``):
   one transaction — none, the write lane's, or a session's, as the route's dependencies
   declare — committed after the endpoint returned, the idempotent answer stored in it;
5. **ETag** (``etag.py``) on a 200 GET, and 304 for a matching ``If-None-Match``.

A route is *hot* only by declaration (``@router.get(..., hot=True)``, ``boundary/router.py``);
:meth:`ApiRoute.declare_hot` refuses a route the hot path cannot serve.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from peoplelens.boundary import limits, transaction
from peoplelens.boundary.authenticate import authenticate
from peoplelens.boundary.dependencies import (
    INTERVIEWER_ATTRIBUTE,
    SCOPE_ATTRIBUTE,
    read_lane,
    session_of,
    write_lane,
)
from peoplelens.boundary.etag import with_etag
from peoplelens.boundary.hot import direct_call
from peoplelens.kit.errors import InvalidRequest, UnsupportedMediaType
from peoplelens.runtime import Runtime

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    if length is not None:
        return length.strip() not in ("", "0")
    return "transfer-encoding" in request.headers


def _dependencies(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _dependencies(sub)


class ApiRoute(APIRoute):
    """Route class of every ``/api`` router (see the module docstring)."""

    accepts_multipart: bool = False
    # False for the candidate-side routes, where the link token in the path is the credential
    # (the endpoint resolves it): no API key, a per-address limit, no Idempotency-Key.
    authenticated: bool = True
    hot: bool = False

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        methods = self.methods or set()
        writes = bool(methods & WRITE_METHODS)
        calls = {sub.call for sub in _dependencies(self.dependant)}
        scopes: set[str] = {
            getattr(c, SCOPE_ATTRIBUTE) for c in calls if hasattr(c, SCOPE_ATTRIBUTE)
        }
        if len(scopes) > 1:
            raise TypeError(f"{self.path}: one principal alias per route, not {sorted(scopes)}.")
        scope = next(iter(scopes), None)
        admits_interviewer = any(getattr(c, INTERVIEWER_ATTRIBUTE, False) for c in calls)
        kind: transaction.TxKind
        if read_lane in calls and session_of not in calls:
            kind = "read_lane"
        elif write_lane in calls:
            kind = "write_lane"
        else:
            kind = "write_session" if writes else "read_session"
        if kind.endswith("lane") and not inspect.iscoroutinefunction(self.endpoint):
            raise TypeError(f"{self.path}: lane routes have an async endpoint.")
        if (kind == "read_lane" and writes) or (kind == "write_lane" and not writes):
            raise TypeError(f"{self.path}: the read lane is for GETs, the write lane for writes.")
        if scope is not None and not self.authenticated:
            raise TypeError(f"{self.path}: a token route has no principal to take a scope from.")
        self.kind, self.scope, self.writes = kind, scope, writes
        self.admits_interviewer = admits_interviewer
        handler = self._steps(super().get_route_handler())
        if not self.hot:  # FastAPI may build the handler again when a router is included
            self.handle_request = handler
        return handler

    def _steps(
        self, endpoint: Callable[[Request], Awaitable[Response]]
    ) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The boundary's steps around ``endpoint`` (FastAPI's handler, or a hot route's direct
        caller)."""
        kind, scope, writes = self.kind, self.scope, self.writes
        admits_interviewer = self.admits_interviewer
        is_get = "GET" in (self.methods or set())
        multipart = self.accepts_multipart
        authenticated = self.authenticated
        prepare = self.prepare if isinstance(self, UploadRoute) else None

        async def handle(request: Request) -> Response:
            runtime: Runtime = request.app.state.runtime
            principal = (
                await authenticate(request, runtime, scope, admits_interviewer)
                if authenticated
                else None
            )
            await limits.count_async(request, runtime, principal)
            if writes and _has_body(request):
                ctype = request.headers.get("content-type", "")
                if multipart and not ctype.startswith("multipart/form-data"):
                    raise UnsupportedMediaType(
                        "Send the file as multipart/form-data in the field 'file' "
                        "(curl -F file=@resume.pdf)."
                    )
                if not multipart and not _is_json(ctype):
                    raise UnsupportedMediaType(
                        "Send the body as JSON with 'Content-Type: application/json'."
                    )
            if b"%00" in request.scope["query_string"].lower():
                raise InvalidRequest(
                    "Query parameters must not contain the NUL character (%00).",
                    code="invalid_character",
                )
            if prepare is not None:
                await prepare(request, runtime)
            response = await transaction.run(request, runtime, kind, principal, endpoint)
            return with_etag(request, response) if is_get else response

        return handle

    def declare_hot(self) -> None:
        """Dispatch this route from the outermost middleware, its arguments bound without
        FastAPI's per-request solver (``boundary/hot.py``); only declared routes are."""
        direct = direct_call(self.endpoint, self.dependant)
        if self.kind != "read_lane" or direct is None or self.methods != {"GET"}:
            raise TypeError(
                f"{self.path}: a hot route is an async GET on the read lane whose parameters "
                "are path ids and dependencies taking only the request."
            )
        self.handle_request = self._steps(direct)
        self.hot = True


class UploadRoute(ApiRoute):
    """Routes that take a ``multipart/form-data`` body (document uploads). ``prepare`` runs
    after authentication and before the transaction: slow work on the body (judging a file's
    content) never holds SQLite's one writer or a transaction open."""

    accepts_multipart = True

    async def prepare(self, request: Request, runtime: Runtime) -> None:
        del request, runtime


class TokenRoute(ApiRoute):
    """Candidate-side JSON routes: same transaction and error rules, no API key."""

    authenticated = False
