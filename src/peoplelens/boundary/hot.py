"""Hot routes: the polled GETs, declared ``hot=True``, dispatched straight from the outermost
middleware and called without FastAPI's per-request dependency solver.

The same route object and handler run, with the app's own exception handlers; what is skipped
is Starlette's scan of every route and the framework's per-request middleware layers
(exception routing, exit stacks) — together about as much CPU as the rest of the request. Any
middleware installed on the app would be skipped too, so :meth:`HotRoutes.verify` refuses to
start an app that has one. Anything else, HEAD included, takes the normal path.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.dependencies.models import Dependant
from starlette.types import ASGIApp, Receive, Scope, Send

from peoplelens.kit.ids import prefixed_id_of

Call = Callable[[Request], Awaitable[Response]]


def _takes_only_request(dependant: Dependant) -> bool:
    return (
        dependant.request_param_name is not None
        and inspect.iscoroutinefunction(dependant.call)
        and not (
            dependant.path_params
            or dependant.query_params
            or dependant.header_params
            or dependant.cookie_params
            or dependant.body_params
            or dependant.dependencies
            or dependant.response_param_name
            or dependant.background_tasks_param_name
            or dependant.security_scopes_param_name
        )
    )


def _path_parser(param: Any) -> Callable[[str], Any] | None:
    """How to read one path parameter without FastAPI: as text, or as a public id."""
    if param.field_info.annotation is str:
        return str
    prefixed = prefixed_id_of(param.field_info.rebuild_annotation())
    if prefixed is None:
        return None
    return functools.partial(prefixed.parse_path, param=param.name)


def direct_call(endpoint: Callable[..., Any], dependant: Dependant) -> Call | None:
    """A caller that binds the endpoint's arguments itself, or None when FastAPI must solve them
    (query, header or body parameters; other path parameter types; nested dependencies)."""
    parsers = [(p.name, _path_parser(p)) for p in dependant.path_params]
    if not inspect.iscoroutinefunction(endpoint) or any(parse is None for _, parse in parsers):
        return None
    if not all(_takes_only_request(sub) and sub.name for sub in dependant.dependencies):
        return None
    if (
        dependant.query_params
        or dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or dependant.request_param_name
        or dependant.response_param_name
        or dependant.background_tasks_param_name
    ):
        return None
    resolvers = [(str(sub.name), sub.call) for sub in dependant.dependencies]

    async def call(request: Request) -> Response:
        path = request.path_params
        kwargs: dict[str, Any] = {name: parse(path[name]) for name, parse in parsers if parse}
        for name, resolve in resolvers:
            kwargs[name] = await resolve(request)  # type: ignore[misc]
        response = await endpoint(**kwargs)
        if not isinstance(response, Response):
            raise TypeError(f"{endpoint.__name__} must return a Response (json_response(...)).")
        return response

    return call


def walk_routes(routes: Sequence[Any]) -> list[Any]:
    """The routes themselves, through included routers (FastAPI keeps them by reference)."""
    out = []
    for route in routes:
        nested = getattr(route, "original_router", None)
        out.extend(walk_routes(nested.routes) if nested is not None else [route])
    return out


class HotRoutes:
    """The app's hot routes, matched by the outermost middleware (``kit/middleware.py``)."""

    def __init__(self, app: FastAPI, routes: Sequence[Any]) -> None:
        self.app = app
        self.routes = [(route.path_regex, route) for route in routes]
        self.handlers: dict[type[Exception], Any] = {
            key: handler
            for key, handler in app.exception_handlers.items()
            if isinstance(key, type) and issubclass(key, Exception)
        }

    @classmethod
    def of(cls, app: FastAPI) -> HotRoutes:
        return cls(app, [r for r in walk_routes(app.router.routes) if getattr(r, "hot", False)])

    def verify(self, outermost: type) -> None:
        """Refuses an app with middleware the hot path would skip: any installed *inside*
        ``outermost``, the middleware that dispatches it (the first entry of
        ``user_middleware`` is the outermost layer)."""
        installed = [m.cls for m in self.app.user_middleware]
        position = next(i for i, cls in enumerate(installed) if cls is outermost)  # type: ignore[comparison-overlap]
        skipped = installed[position + 1 :]
        if self.routes and skipped:
            names = ", ".join(getattr(c, "__name__", str(c)) for c in skipped)
            raise RuntimeError(
                f"Hot routes would bypass the middleware {names}: install it outside "
                f"{outermost.__name__} (add it after create_app) or declare no route hot."
            )

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

    async def _run(self, route: Any, scope: Scope, receive: Receive, send: Send) -> None:
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
