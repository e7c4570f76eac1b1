"""UTC everywhere; rendered as ISO-8601 with ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(value: datetime) -> str:
    """``2026-02-25T08:00:00.123Z``: the doc's format, with milliseconds so polls can order."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def iso_opt(value: datetime | None) -> str | None:
    return None if value is None else iso(value)
