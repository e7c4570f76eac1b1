"""Query parameters shared by every list endpoint."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from peoplelens.kit.pagination import CURSOR_PATTERN, DEFAULT_LIMIT, MAX_LIMIT, PageRequest


def _page(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Page size (max 100).")
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")] = 0,
    cursor: Annotated[
        str | None,
        Query(
            max_length=60,
            pattern=CURSOR_PATTERN,
            description="`pagination.next_cursor` of the previous page; "
            "when given, `offset` is ignored. Stays fast at any depth.",
        ),
    ] = None,
) -> PageRequest:
    return PageRequest(limit=limit, offset=offset, cursor=cursor)


PageDep = Annotated[PageRequest, Depends(_page)]
