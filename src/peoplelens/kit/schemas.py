"""Shared Pydantic building blocks: strict request models, bounded strings, metadata, pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from starlette.responses import Response

from peoplelens.kit.pagination import Page

T = TypeVar("T")

MAX_METADATA_BYTES = 16 * 1024
MAX_METADATA_DEPTH = 8


class RequestModel(BaseModel):
    """Request bodies: unknown fields are an error (422 naming the field), not silently lost."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(max_length=300)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Phone = Annotated[str, StringConstraints(max_length=50, pattern=r"^[0-9+().\-\s/x]*$")]
Url = Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://\S+$")]
ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
IdString = Annotated[str, StringConstraints(min_length=1, max_length=100)]


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


UtcDatetime = Annotated[datetime, AfterValidator(_assume_utc)]


def json_response(model: BaseModel, status_code: int = 200) -> Response:
    """Serialise once (Pydantic's Rust encoder) and hand FastAPI a finished response, so the
    hot read paths skip FastAPI's second validation of the returned model. The route keeps
    ``response_model`` for the OpenAPI document."""
    return Response(model.model_dump_json(), status_code=status_code, media_type="application/json")
