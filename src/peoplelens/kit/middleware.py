"""Pure-ASGI middleware: request ids, body-size limits and the headers every response carries."""

from __future__ import annotations

import html
import json
import logging
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any, Protocol

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peoplelens.kit.context import request_id_var
from peoplelens.kit.http_errors import ErrorStyles, error_body, internal_error_body, style_for
from peoplelens.kit.metrics import UNMATCHED, observe_request

log = logging.getLogger("peoplelens.http")

_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")


def _route_template(scope: Scope) -> str:
    """The matched route's path template (``/api/v1/candidates/{candidate_id}``; a mount's
    prefix), never the raw path: the metrics' label set stays bounded."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) and path else UNMATCHED


class _BodyTooLarge(Exception):
    pass


class Dispatcher(Protocol):
    """Routes served straight from this middleware (the hot routes, ``boundary/hot.py``)."""

    def match(self, scope: Scope) -> ASGIApp | None: ...

    def verify(self, outermost: type) -> None:
        """Raises if the app holds middleware that direct dispatch would skip."""
        ...


class RequestContextMiddleware:
    """Echoes a sane ``X-Request-Id`` (or makes one) and refuses bodies over the limit.

    The limit is checked on ``Content-Length`` up front and again while the body streams in, so
    a chunked upload cannot slip past it. A path with a trailing slash is served as the path
    without it (spec §1: never a redirect, which would be built from the ``Host`` header).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_json_bytes: int,
        max_upload_bytes: int,
        hot_routes: Dispatcher | None = None,
        error_styles: ErrorStyles | None = None,
        upload_limits: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.error_styles = error_styles or []
        self.hot_routes = hot_routes
        if hot_routes is not None:  # the stack is built once every middleware is known
            hot_routes.verify(type(self))
        self.max_json_bytes = max_json_bytes
        self.max_upload_bytes = max_upload_bytes
        # Uploads to these paths have their own limit (a CSV import is larger than a resume).
        self.upload_limits = dict(upload_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        given = content_type = ""
        declared: str | None = None
        wants_page = False
        for name, value in scope["headers"]:  # ASGI servers send header names lower-cased
            if name == b"x-request-id":
                given = value.decode("latin-1")
            elif name == b"content-type":
                content_type = value.decode("latin-1").lower()
            elif name == b"content-length":
                declared = value.decode("latin-1")
            elif name == b"accept":
                wants_page = b"text/html" in value
        request_id = given if _SANE_REQUEST_ID.match(given) else f"req_{uuid.uuid4().hex}"
        path: str = scope["path"]
        if len(path) > 1 and path.endswith("/"):
            scope["path"] = path.rstrip("/") or "/"
            raw: bytes | None = scope.get("raw_path")
            if raw:
                scope["raw_path"] = raw.rstrip(b"/") or b"/"
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})
        limit = (
            self.upload_limits.get(scope["path"], self.max_upload_bytes)
            if content_type.startswith("multipart/")
            else self.max_json_bytes
        )
        # A browser's form post (a page's form, not an API call) is answered with a page; so is
        # a page's upload form (multipart, outside the API).
        page = wants_page and (
            content_type.startswith("application/x-www-form-urlencoded")
            or (content_type.startswith("multipart/") and not path.startswith("/api/"))
        )

        started = False
        status = 500  # what a request that never answers counts as
        request_id_header = (b"x-request-id", request_id.encode("latin-1"))

        async def send_with_headers(message: Message) -> None:
            nonlocal started, status
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                out = MutableHeaders(scope=message)
                present = {name.lower() for name, _ in out.raw}
                added = [(name, value) for name, value in out.raw if name != b"x-request-id"]
                added.append(request_id_header)
                if b"x-content-type-options" not in present:
                    added.append((b"x-content-type-options", b"nosniff"))
                for name, value in (scope["state"].get("ratelimit_headers") or {}).items():
                    if name.lower().encode() not in present:
                        added.append((name.lower().encode(), value.encode("latin-1")))
                out.raw[:] = added
            await send(message)

        style = style_for(self.error_styles, scope["path"]) if self.error_styles else None

        async def too_large() -> None:
            if style is None:
                await self._too_large(send_with_headers, limit, page=page)
                return
            message = f"The request body is larger than the limit of {limit} bytes."
            answer = style(413, "payload_too_large", message, {"Connection": "close"})
            await answer(scope, receive, send_with_headers)

        try:
            if declared is not None and declared.isdigit() and int(declared) > limit:
                await too_large()
                return
            received = 0

            async def counting_receive() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        raise _BodyTooLarge
                return message

            target = self.app
            if self.hot_routes is not None:
                target = self.hot_routes.match(scope) or self.app
            try:
                await target(scope, counting_receive, send_with_headers)
            except _BodyTooLarge:
                await too_large()
            except Exception:
                # Here, not in Starlette's outer error middleware, so the 500 still carries the
                # request id. The request's transaction has already been rolled back.
                log.exception("request.failed", extra={"request_id": request_id})
                if started:
                    raise
                if style is not None:
                    message = internal_error_body()["error"]["message"]
                    await style(500, "internal_error", message, {})(
                        scope, receive, send_with_headers
                    )
                    return
                await self._send_json(send_with_headers, 500, internal_error_body())
        finally:
            request_id_var.reset(token)
            observe_request(
                scope["method"], _route_template(scope), status, time.perf_counter() - began
            )

    @classmethod
    async def _too_large(cls, send: Any, limit: int, *, page: bool = False) -> None:
        if page:
            await cls._send_page(send, 413, f"This form is larger than the {limit} bytes allowed.")
            return
        body = error_body(
            "invalid_request_error",
            "payload_too_large",
            f"The request body is larger than the limit of {limit} bytes.",
        )
        await cls._send_json(send, 413, body, close=True)

    @staticmethod
    async def _send_page(send: Any, status: int, message: str) -> None:
        """A bare page (no style, no script: the strict CSP holds) for a browser's form post."""
        raw = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not sent</title>'
            f'</head><body><main><h1>Not sent</h1><p role="alert">{html.escape(message)}</p>'
            "<p>Go back, shorten what you typed and try again.</p></main></body></html>"
        ).encode()
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(raw)).encode()),
            (b"cache-control", b"no-store"),
            (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": raw})

    @staticmethod
    async def _send_json(send: Any, status: int, body: Any, *, close: bool = False) -> None:
        raw = json.dumps(body).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(raw)).encode()),
        ]
        if close:
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": raw})
