"""Cursor pages (spec §1: ``pagination.next_cursor`` → ``cursor=``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Pagination(BaseModel):
    model_config = ConfigDict(extra="allow")
    total: int | None = None
    limit: int | None = None
    offset: int | None = None
    next_cursor: str | None = None


class Page(BaseModel, Generic[T]):
    """One page: ``data`` and ``pagination``; ``has_more`` where the server says it."""

    model_config = ConfigDict(extra="allow")
    data: list[T]
    pagination: Pagination = Pagination()
    has_more: bool | None = None

    @property
    def next_cursor(self) -> str | None:
        return self.pagination.next_cursor


def page_of(item: type[T], key: str = "data") -> Callable[[Any], Page[T]]:
    """Reads a list answer (``key`` names the list where it is not ``data``)."""
    adapter = Page[item]  # type: ignore[valid-type]

    def read(payload: Any) -> Page[T]:
        if key != "data" and isinstance(payload, dict):
            payload = {**payload, "data": payload.get(key, [])}
            payload.setdefault("pagination", {}) if payload.get("pagination") else None
            if payload.get("pagination") is None:
                payload.pop("pagination")
        return adapter.model_validate(payload)

    return read
