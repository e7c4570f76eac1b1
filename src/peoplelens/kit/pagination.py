"""Offset and keyset (cursor) paging over ``(created_at, id)``, newest first.

Offset paging is what the doc shows; a cursor carries the last row's sort key so the next page
is an index range scan however deep it is, and rows inserted meanwhile never shift it.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select, tuple_
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


def encode_cursor(created_at: datetime, id_: uuid.UUID) -> str:
    raw = json.dumps([created_at.isoformat(), id_.hex], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, id_hex = json.loads(base64.urlsafe_b64decode(padded.encode()))
        created_at = datetime.fromisoformat(created)
        if created_at.tzinfo is None:
            raise ValueError("naive")
        return created_at, uuid.UUID(hex=id_hex)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise InvalidRequest(
            "'cursor' is not a cursor this API issued; pass pagination.next_cursor unchanged.",
            param="cursor",
            code="invalid_cursor",
        ) from None


def paginate(session: Session, stmt: Select[Any], model: Any, page: PageRequest) -> Page[Any]:
    """Run ``stmt`` (already scoped and filtered) one page at a time, newest first."""
    counted = select(func.count()).select_from(stmt.order_by(None).subquery())
    total = int(session.scalar(counted) or 0)
    ordered = stmt.order_by(model.created_at.desc(), model.id.desc())
    offset = page.offset
    if page.cursor is not None:
        created_at, last_id = decode_cursor(page.cursor)
        ordered = ordered.where(tuple_(model.created_at, model.id) < (created_at, last_id))
        offset = 0
    rows = list(session.scalars(ordered.offset(offset).limit(page.limit + 1)))
    has_more = len(rows) > page.limit
    rows = rows[: page.limit]
    next_cursor = encode_cursor(rows[-1].created_at, rows[-1].id) if has_more and rows else None
    return Page(rows, total, page.limit, offset, next_cursor)
