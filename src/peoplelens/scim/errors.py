"""SCIM's errors (RFC 7644 §3.12): every error under ``/scim/v2`` is rendered in the SCIM error
schema with ``application/scim+json``, whoever raised it — this package, the users service, the
boundary (401/403/429), FastAPI (404/405) or the middleware (413/500)."""

from __future__ import annotations

import json
from typing import Any, Final

from fastapi.responses import Response

from peoplelens.kit.errors import ApiError

MEDIA_TYPE: Final = "application/scim+json"
ERROR_SCHEMA: Final = "urn:ietf:params:scim:api:messages:2.0:Error"
# The scimType values RFC 7644 §3.12 defines (for 400, and 409 uniqueness).
SCIM_TYPES: Final = frozenset(
    {
        "invalidFilter",
        "tooMany",
        "uniqueness",
        "mutability",
        "invalidSyntax",
        "invalidPath",
        "noTarget",
        "invalidValue",
        "invalidVers",
        "sensitive",
    }
)


class ScimError(ApiError):
    """A 400 with its ``scimType`` as the code (``ScimError("…", code="invalidFilter")``)."""

    status = 400
    default_code = "invalidValue"


class ScimNotFound(ApiError):
    status = 404
    type = "not_found_error"
    default_code = "resource_missing"


class ScimConflict(ApiError):
    status = 409
    type = "conflict_error"
    default_code = "uniqueness"


def scim_json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


def _scim_type(status: int, code: str) -> str | None:
    if code in SCIM_TYPES:
        return code
    if status == 409:
        return "uniqueness"
    if status in (400, 422):
        return (
            "invalidSyntax" if code in ("malformed_json", "malformed_request") else "invalidValue"
        )
    return None


def scim_error(status: int, code: str, message: str, headers: dict[str, str]) -> Response:
    """The error style of ``/scim/v2`` (``kit.http_errors.use_error_style``). Our 422 (a value
    the users service refused) is SCIM's 400 ``invalidValue``."""
    status = 400 if status == 422 else status
    body: dict[str, Any] = {"schemas": [ERROR_SCHEMA], "status": str(status)}
    scim_type = _scim_type(status, code)
    if scim_type is not None:
        body["scimType"] = scim_type
    body["detail"] = message
    out = dict(headers)
    if status == 401:
        out.setdefault("WWW-Authenticate", 'Bearer realm="scim"')
    return scim_json(body, status, out or None)
