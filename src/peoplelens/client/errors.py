"""Typed errors carrying the API's error envelope (spec §1)."""

from __future__ import annotations

from typing import Any


class PeopleLensError(Exception):
    """Any answer outside 2xx (``status`` set) or a connection failure (``status`` None)."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        type: str | None = None,
        code: str | None = None,
        param: str | None = None,
        request_id: str | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message, self.status, self.type, self.code = message, status, type, code
        self.param, self.request_id, self.body = param, request_id, body
        self.headers = headers or {}

    def __str__(self) -> str:
        where = f" [{self.status} {self.type}/{self.code}]" if self.status else ""
        return f"{self.message}{where} (request {self.request_id})"


class APIConnectionError(PeopleLensError):
    pass


class InvalidRequestError(PeopleLensError):
    pass


class AuthenticationError(PeopleLensError):
    pass


class PermissionDeniedError(PeopleLensError):
    pass


class NotFoundError(PeopleLensError):
    pass


class ConflictError(PeopleLensError):
    pass


class RateLimitError(PeopleLensError):
    pass


class APIError(PeopleLensError):
    pass


BY_TYPE: dict[str, type[PeopleLensError]] = {
    "invalid_request_error": InvalidRequestError,
    "authentication_error": AuthenticationError,
    "permission_error": PermissionDeniedError,
    "not_found_error": NotFoundError,
    "conflict_error": ConflictError,
    "rate_limit_error": RateLimitError,
    "api_error": APIError,
}
BY_STATUS: dict[int, type[PeopleLensError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: InvalidRequestError,
    415: InvalidRequestError,
    422: InvalidRequestError,
    429: RateLimitError,
}


def from_response(status: int, body: Any, headers: dict[str, str]) -> PeopleLensError:
    envelope = body.get("error") if isinstance(body, dict) else None
    if not isinstance(envelope, dict):
        envelope = {}
    cls = BY_TYPE.get(str(envelope.get("type")), BY_STATUS.get(status, APIError))
    return cls(
        str(envelope.get("message") or f"HTTP {status}"),
        status=status,
        type=envelope.get("type"),
        code=envelope.get("code"),
        param=envelope.get("param"),
        request_id=envelope.get("request_id") or headers.get("x-request-id"),
        body=body,
        headers=headers,
    )
