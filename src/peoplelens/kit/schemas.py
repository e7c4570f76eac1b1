"""Shared Pydantic building blocks: strict request models, bounded strings, metadata, pages."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import to_json
from starlette.responses import Response

from peoplelens.kit.pagination import Page
from peoplelens.kit.time import iso

T = TypeVar("T")

MAX_METADATA_BYTES = 16 * 1024
MAX_METADATA_DEPTH = 8


def _blank_is_empty(schema: dict[str, Any]) -> None:
    """Stripping makes a blank string empty: a required-non-empty string must therefore hold
    something besides white space, and the schema says so (``pattern: \\S``), so a client
    (and the fuzzer: a title of one U+00A0 was a 422 the schema allowed) knows."""
    if schema.get("type") == "string" and schema.get("minLength", 0) >= 1:
        schema.setdefault("pattern", r"\S")
    for key in ("properties",):
        for sub in schema.get(key, {}).values():
            if isinstance(sub, dict):
                _blank_is_empty(sub)
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            if isinstance(sub, dict):
                _blank_is_empty(sub)
    items = schema.get("items")
    if isinstance(items, dict):
        _blank_is_empty(items)


def _request_schema(schema: dict[str, Any], model: type[BaseModel]) -> None:
    del model
    _blank_is_empty(schema)


class RequestModel(BaseModel):
    """Request bodies: unknown fields are an error (422 naming the field), not silently lost."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra=_request_schema
    )

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        """PostgreSQL text cannot hold U+0000 (SQLite can): refuse it everywhere, on both
        databases, instead of failing at INSERT (found by fuzzing: a 500 on PostgreSQL)."""
        if has_nul(data):
            raise ValueError("text must not contain the NUL character (\\u0000)")
        return data


def has_nul(value: Any) -> bool:
    """Whether a JSON value holds U+0000 anywhere (keys included)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(max_length=300)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Phone = Annotated[str, StringConstraints(max_length=50, pattern=r"^[0-9+().\-\s/x]*$")]
# A host name or IPv4 address and, when given, a port a URL can have (0–65535): a schema-valid
# URL is never refused for its port. IPv6 literals (`[::1]`) are not accepted: every regex short
# of the full grammar lets through brackets no URL parser takes.
PORT_PATTERN = (
    r"(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
)
Url = Annotated[
    str,
    StringConstraints(
        max_length=500,
        pattern=r"^https?://([^\s/?#@\[\]]+@)?[^\s/:?#@\[\]]+" + PORT_PATTERN + r"([/?#]\S*)?$",
    ),
]
ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def _not_nullable(schema: dict[str, Any]) -> None:
    options = schema.pop("anyOf", None)
    if options is not None:
        kept = [o for o in options if o.get("type") != "null"]
        if len(kept) == 1:
            schema.update(kept[0])
        else:
            schema["anyOf"] = kept
    schema.pop("default", None)


def omittable(description: str | None = None) -> Any:
    """A field that may be left out (the stored value stays) but not sent as ``null``; the
    schema says so, and the service refuses ``null`` with a 422."""
    return Field(default=None, description=description, json_schema_extra=_not_nullable)


def _depth(value: Any, level: int = 0) -> int:
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def _check_metadata(value: dict[str, Any]) -> dict[str, Any]:
    if _depth(value) > MAX_METADATA_DEPTH:
        raise ValueError(f"nests deeper than {MAX_METADATA_DEPTH} levels")
    if len(json.dumps(value, separators=(",", ":"))) > MAX_METADATA_BYTES:
        raise ValueError(f"is larger than {MAX_METADATA_BYTES} bytes as JSON")
    return value


Metadata = Annotated[dict[str, Any], AfterValidator(_check_metadata)]


class Presenter(BaseModel):
    """A response model read from a row's attributes (an ORM object or a lane ``Record``):
    ``JobOut.model_validate(job)``. Ids and times render through their field types."""

    model_config = ConfigDict(from_attributes=True)


# A UTC time, rendered as the API shows it in JSON: ``2026-02-25T08:00:00.123Z``.
Timestamp = Annotated[
    datetime,
    PlainSerializer(iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization"),
]


class Pagination(BaseModel):
    total: int
    limit: int
    offset: int
    next_cursor: str | None = None


class ListResponse(BaseModel, Generic[T]):
    data: list[T]
    pagination: Pagination

    @classmethod
    def of(cls, data: list[T], page: Page[Any]) -> ListResponse[T]:
        return cls(
            data=data,
            pagination=Pagination(
                total=page.total,
                limit=page.limit,
                offset=page.offset,
                next_cursor=page.next_cursor,
            ),
        )


class Deleted(BaseModel):
    id: str
    deleted: bool = True


def _assume_utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _iso_text(value: Any) -> Any:
    """ISO 8601 text only (the documented ``date-time``): Pydantic would also take a bare number
    as Unix seconds, which the schema does not promise."""
    if isinstance(value, str) and not _ISO_START.match(value):
        raise ValueError("must be an ISO 8601 date-time such as 2026-02-25T08:00:00Z")
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("must be an ISO 8601 date-time such as 2026-02-25T08:00:00Z")
    return value


def _with_offset(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError(
            "must carry its UTC offset, such as 2026-02-25T08:00:00Z or 2026-02-25T09:00:00+01:00 "
            "(a meeting time without one is ambiguous)"
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is outside the range of dates this service handles") from None


_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
UtcDatetime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_assume_utc)]
# A moment people meet at: an offset is required (a naive time is refused, not taken as UTC).
AwareUtcDatetime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_with_offset)]


def json_response(model: BaseModel | dict[str, Any], status_code: int = 200) -> Response:
    """Serialise once (Pydantic's Rust encoder) and hand FastAPI a finished response, so the
    hot paths skip FastAPI's second validation of the returned model. The route keeps
    ``response_model`` for the OpenAPI document. A dict is a model already dumped to its JSON
    form (``model_dump(mode="json")``), sent as it is."""
    body = model.model_dump_json() if isinstance(model, BaseModel) else to_json(model)
    return Response(body, status_code=status_code, media_type="application/json")
