"""Offset and keyset (cursor) paging over ``(created_at, id)``, newest first.

Offset paging is what the doc shows; a cursor carries the last row's sort key so the next page
is an index range scan however deep it is, and rows inserted meanwhile never shift it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Generic, Protocol, TypeVar

from sqlalchemy import Select, func, tuple_
from sqlalchemy.orm import Session

from peoplelens.kit.errors import InvalidRequest

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True)
class PageRequest:
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    cursor: str | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
    next_cursor: str | None


# ``<created_at in epoch milliseconds>.<id as 32 hex digits>``: every string matching the
# pattern (documented on the ``cursor`` parameter) is a position in the list, so the schema
# tells clients exactly what is accepted. Timestamps are stored at millisecond precision.
CURSOR_PATTERN: Final = r"^[0-9]{1,13}\.[0-9a-f]{32}$"


def encode_cursor(created_at: datetime, id_: uuid.UUID) -> str:
    millis = round(created_at.timestamp() * 1000)
    return f"{millis}.{id_.hex}"


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        millis, _, id_hex = cursor.partition(".")
        created_at = datetime.fromtimestamp(int(millis) / 1000, UTC)
        return created_at, uuid.UUID(hex=id_hex)
    except (ValueError, OverflowError, OSError):
        raise InvalidRequest(
            "'cursor' is not a cursor this API issued; pass pagination.next_cursor unchanged.",
            param="cursor",
            code="invalid_cursor",
        ) from None


def paginate(
    session: Session, stmt: Select[Any], model: Any, page: PageRequest, total: int | None = None
) -> Page[Any]:
    """Run ``stmt`` (already scoped and filtered) one page at a time, newest first.

    ``total`` may be given when the caller keeps an exact count (it saves a count(*))."""
    if total is None:
        counted = stmt.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
        total = int(session.scalar(counted) or 0)
    ordered = stmt.order_by(model.created_at.desc(), model.id.desc())
    offset = page.offset
    if page.cursor is not None:
        created_at, last_id = decode_cursor(page.cursor)
        ordered = ordered.where(tuple_(model.created_at, model.id) < (created_at, last_id))
        offset = 0
    rows = list(session.scalars(ordered.offset(offset).limit(page.limit + 1)))
    return finish_page(rows, total, page, offset)


class Sortable(Protocol):
    @property
    def created_at(self) -> datetime: ...
    @property
    def id(self) -> uuid.UUID: ...


S = TypeVar("S", bound=Sortable)


def finish_page(rows: list[S], total: int, page: PageRequest, offset: int) -> Page[S]:
    """The page from up to ``limit + 1`` rows read newest first (the extra row says more
    follow; the last row kept is the next cursor)."""
    has_more = len(rows) > page.limit
    rows = rows[: page.limit]
    next_cursor = encode_cursor(rows[-1].created_at, rows[-1].id) if has_more and rows else None
    return Page(rows, total, page.limit, offset, next_cursor)
