"""One renderer for every error: the spec's envelope, never a stack trace or SQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from peoplelens.kit.context import request_id_var
from peoplelens.kit.errors import ApiError, InvalidRequest, UnknownPathId, UnsupportedMediaType
from peoplelens.kit.ids import not_found

_STATUS_TYPES = {
    400: ("invalid_request_error", "malformed_request"),
    401: ("authentication_error", "invalid_api_key"),
    403: ("permission_error", "forbidden"),
    404: ("not_found_error", "route_not_found"),
    405: ("invalid_request_error", "method_not_allowed"),
    409: ("conflict_error", "conflict"),
    413: ("invalid_request_error", "payload_too_large"),
    415: ("invalid_request_error", "unsupported_media_type"),
    429: ("rate_limit_error", "rate_limited"),
}


# Another protocol's error schema for the paths under a prefix (SCIM's, under /scim/v2):
# (status, code, message, headers) → the response. Every error there — ours, FastAPI's, the
# middleware's 413 and 500 — is rendered by it instead of the envelope.
ErrorStyle = Callable[[int, str, str, dict[str, str]], Response]
ErrorStyles = list[tuple[str, ErrorStyle]]


def use_error_style(app: FastAPI, prefix: str, style: ErrorStyle) -> None:
    """Renders every error of the paths under ``prefix`` with ``style``."""
    styles: ErrorStyles = getattr(app.state, "error_styles", [])
    styles.append((prefix.rstrip("/"), style))
    app.state.error_styles = styles


def style_for(styles: ErrorStyles, path: str) -> ErrorStyle | None:
    for prefix, style in styles:
        if path == prefix or path.startswith(prefix + "/"):
            return style
    return None


def _style(request: Request) -> ErrorStyle | None:
    return style_for(getattr(request.app.state, "error_styles", []), request.url.path)


def error_body(
    type_: str, code: str, message: str, param: str | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "error": {
            "type": type_,
            "code": code,
            "message": message,
            "param": param,
            "request_id": request_id_var.get(),
            **extra,
        }
    }


def api_error_response(exc: ApiError) -> JSONResponse:
    return JSONResponse(
        error_body(exc.type, exc.code, exc.message, exc.param, **exc.extra),
        status_code=exc.status,
        headers=exc.headers or None,
    )


def _param_from_loc(loc: tuple[Any, ...]) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    if not parts:
        return None
    out = parts[0]
    for part in parts[1:]:
        out += f"[{part}]" if part.isdigit() else f".{part}"
    return out


def _validation_message(err: dict[str, Any], param: str | None) -> str:
    kind = err.get("type", "")
    where = f"'{param}'" if param else "The request body"
    if kind == "extra_forbidden":
        return f"Unknown field {where}: it is not part of this object."
    if kind == "missing":
        return f"{where} is required."
    msg = str(err.get("msg", "is invalid")).rstrip(".")
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if msg.startswith("Expected UploadFile"):  # a text field where a file part belongs
        return f"{where} must be a file part of the form (curl -F {param or 'file'}=@resume.pdf)."
    return f"{where} is invalid: {msg}."


def describe_error(err: dict[str, Any]) -> tuple[str | None, str]:
    """The ``param`` and sentence of one validation error, worded as a request's 422 is (an
    imported CSV row reports the same words as the create it stands for)."""
    param = _param_from_loc(tuple(err.get("loc", ())))
    return param, _validation_message(err, param)


_ID_ERRORS = frozenset({"invalid_id", "wrong_id_kind"})


def _id_not_found(request: Request, err: dict[str, Any]) -> JSONResponse:
    """The 404 of an id (``kit.ids.PrefixedId``) that cannot name anything of its kind."""
    loc = tuple(err.get("loc", ()))
    prefix = str((err.get("ctx") or {}).get("prefix", ""))
    raw = err.get("input")
    text = raw if isinstance(raw, str) else str(raw)
    if loc[:1] == ("path",):
        exc = not_found(prefix, text, param=_param_from_loc(loc), cls=UnknownPathId)
        return _unknown_path_id(request, exc)
    return api_error_response(not_found(prefix, text, param=_param_from_loc(loc)))


def _unknown_path_id(request: Request, exc: ApiError) -> JSONResponse:
    """``exc`` (a 404, a 415) — or 405 when a static path of the same shape serves other
    methods (``GET /interviews/invite`` is not a plan id 'invite')."""
    by_specificity = _methods_by_specificity(request)
    route = request.scope.get("route")
    params = len(getattr(route, "param_convertors", {}) or {})
    if by_specificity and min(by_specificity) < params:
        methods = by_specificity[min(by_specificity)]
        if request.method not in methods:
            return JSONResponse(
                error_body(
                    "invalid_request_error",
                    "method_not_allowed",
                    "This method is not allowed on this route.",
                ),
                status_code=405,
                headers={"Allow": ", ".join(sorted(methods))},
            )
    return api_error_response(exc)


async def _on_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    style = _style(request)
    if style is not None:
        return style(exc.status, exc.code, exc.message, dict(exc.headers))
    # A body refused for its type on a path that is really a static route's (PATCH
    # /candidates/import is not a candidate 'import'): the method is what is wrong → 405.
    if isinstance(exc, UnknownPathId | UnsupportedMediaType):
        return _unknown_path_id(request, exc)
    return api_error_response(exc)


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    first = errors[0] if errors else {}
    style = _style(request)
    if style is not None:
        param = _param_from_loc(tuple(first.get("loc", ())))
        return style(400, "invalid_value", _validation_message(first, param), {})
    if first.get("type") == "json_invalid":
        ctx = first.get("ctx") or {}
        return JSONResponse(
            error_body(
                "invalid_request_error",
                "malformed_json",
                f"The body is not valid JSON ({ctx.get('error', 'decode error')}).",
            ),
            status_code=400,
        )
    for err in errors:
        if err.get("type") in _ID_ERRORS and tuple(err.get("loc", ()))[:1] == ("path",):
            # A path id that cannot name anything names nothing: 404, as for a missing one.
            return _id_not_found(request, err)
    if first.get("type") == "wrong_id_kind":
        return _id_not_found(request, first)
    param = _param_from_loc(tuple(first.get("loc", ())))
    code = "invalid_id" if first.get("type") == "invalid_id" else None
    details = [
        {
            "param": _param_from_loc(tuple(e.get("loc", ()))),
            "message": _validation_message(e, _param_from_loc(tuple(e.get("loc", ())))),
        }
        for e in errors[:20]
    ]
    return JSONResponse(
        error_body(
            "invalid_request_error",
            code or "invalid_" + ("field" if param else "body"),
            _validation_message(first, param),
            param,
            errors=details,
        ),
        status_code=422,
    )


def _allowed_methods(request: Request) -> str:
    """Every method the path supports (Starlette names only one route's when several routes
    share a path, e.g. GET and POST /jobs)."""
    by_specificity = _methods_by_specificity(request)
    methods = by_specificity[min(by_specificity)] if by_specificity else set()
    return ", ".join(sorted(methods))


def _methods_by_specificity(request: Request) -> dict[int, set[str]]:
    """The methods of the path templates matching the request's path, by their number of
    parameters: /candidates/bulk is its own path (POST), not an instance of /candidates/{id}
    (GET, PATCH, DELETE) — as documented."""
    by_specificity: dict[int, set[str]] = {}
    stack = list(request.app.routes)
    while stack:
        route = stack.pop()
        nested = getattr(route, "original_router", None)
        if nested is not None:
            stack.extend(nested.routes)
            continue
        route_methods = getattr(route, "methods", None)
        if route_methods and route.matches(request.scope)[0] != Match.NONE:
            params = len(getattr(route, "param_convertors", {}))
            by_specificity.setdefault(params, set()).update(route_methods)
    return by_specificity


async def _on_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    type_, code = _STATUS_TYPES.get(exc.status_code, ("api_error", "http_error"))
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 404:
        message = "No such route. See /docs for the API reference."
    elif exc.status_code == 405:
        message = "This method is not allowed on this route."
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
    else:
        message = str(exc.detail)
    style = _style(request)
    if style is not None:
        return style(exc.status_code, code, message, headers)
    return JSONResponse(
        error_body(type_, code, message),
        status_code=exc.status_code,
        headers=headers or None,
    )


def internal_error_body() -> dict[str, Any]:
    return error_body(
        "api_error",
        "internal_error",
        "Something went wrong on our side; nothing was changed. Retry, and quote the "
        "request id if it persists.",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http_exception)


def invalid_request_from(exc: ValidationError, *loc: str | int) -> InvalidRequest:
    """A model's validation error raised outside FastAPI's parsing (a webhook payload mapped to
    our schemas) as the same 422 a request body gets: ``loc`` says where the model sat."""
    first: dict[str, Any] = dict(exc.errors()[0]) if exc.errors() else {}
    param = _param_from_loc((*loc, *first.get("loc", ())))
    return InvalidRequest(
        _validation_message(first, param),
        param=param,
        code="invalid_" + ("field" if param else "body"),
    )
