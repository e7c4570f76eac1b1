"""Errors are classes: each knows its HTTP status, envelope ``type`` and ``code``.

One handler (``kit/http_errors.py``) renders every one of them as the spec's envelope.
"""

from __future__ import annotations

from typing import Any, ClassVar


class ApiError(Exception):
    status: ClassVar[int] = 400
    type: ClassVar[str] = "invalid_request_error"
    default_code: ClassVar[str] = "invalid_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.param = param
        self.headers = headers or {}
        self.extra = extra or {}


class InvalidRequest(ApiError):
    status = 422
    default_code = "invalid_request"


class Unauthenticated(ApiError):
    status = 401
    type = "authentication_error"
    default_code = "invalid_api_key"

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        # RFC 6750 §3: a 401 names the scheme it wants.
        self.headers.setdefault("WWW-Authenticate", 'Bearer realm="PeopleLens"')


class PermissionDenied(ApiError):
    status = 403
    type = "permission_error"
    default_code = "insufficient_scope"


class QuotaExceeded(PermissionDenied):
    default_code = "quota_exceeded"


class NotFound(ApiError):
    status = 404
    type = "not_found_error"
    default_code = "resource_missing"


class UnknownPathId(NotFound):
    """A path id that cannot name anything of its kind (malformed, or of another kind). When
    the path is also a static route with other methods (``GET /interviews/invite``), that is
    the route meant: the error handler answers 405 instead."""


class Gone(ApiError):
    status = 410
    type = "not_found_error"
    default_code = "gone"


class Conflict(ApiError):
    status = 409
    type = "conflict_error"
    default_code = "conflict"


class UnsupportedMediaType(ApiError):
    status = 415
    default_code = "unsupported_media_type"


class RateLimited(ApiError):
    status = 429
    type = "rate_limit_error"
    default_code = "rate_limited"


class DatabaseBusy(ApiError):
    """A lock wait or statement ran out of time: nothing was changed, and a retry may pass."""

    status = 503
    type = "api_error"
    default_code = "database_busy"


class UpstreamUnavailable(ApiError):
    status = 502
    type = "api_error"
    default_code = "ai_unavailable"
