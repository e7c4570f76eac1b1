"""Direct dispatch of the hot read-lane routes from the outermost middleware."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.routing import APIRouter
from starlette.types import ASGIApp, Receive, Scope, Send

from peoplelens.kit.routing import ApiRoute


class HotRoutes:
    """Direct dispatch of the read-lane routes without query parameters (the polled GETs),
    used by the outermost middleware.

    The same route object and handler run, with the app's own exception handlers; what is
    skipped is Starlette's scan of every route and the framework's per-request middleware
    layers (exception routing, exit stacks, body limit, telemetry) — together about as much
    CPU as the rest of the request. Anything else, HEAD included, takes the normal path.
    """

    def __init__(self, routes: list[ApiRoute], handlers: dict[type[Exception], Any]) -> None:
        self.routes = [(route.path_regex, route) for route in routes]
        self.handlers = handlers

    @classmethod
    def of(cls, app: FastAPI, routers: Sequence[APIRouter]) -> HotRoutes:
        """The hot read-lane routes of ``routers`` (included in ``app`` without a prefix)."""
        routes = [
            route
            for router in routers
            for route in router.routes
            if isinstance(route, ApiRoute) and route.hot
        ]
        handlers: dict[type[Exception], Any] = {
            key: handler
            for key, handler in app.exception_handlers.items()
            if isinstance(key, type) and issubclass(key, Exception)
        }
        return cls(routes, handlers)

    def match(self, scope: Scope) -> ASGIApp | None:
        if scope["method"] != "GET":
            return None
        path: str = scope["path"]
        root: str = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        for regex, route in self.routes:
            found = regex.match(path)
            if found is not None:
                scope["path_params"] = found.groupdict()
                scope["route"] = route
                scope["endpoint"] = route.endpoint
                return functools.partial(self._run, route)
        return None

    async def _run(self, route: ApiRoute, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive, send)
        try:
            response = await route.handle_request(request)
        except Exception as exc:
            handler = next(
                (self.handlers[t] for t in type(exc).__mro__ if t in self.handlers), None
            )
            if handler is None:
                raise
            response = await handler(request, exc)
        await response(scope, receive, send)
