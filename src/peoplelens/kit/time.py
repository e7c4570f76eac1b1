"""UTC everywhere; rendered as ISO-8601 with ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, at the millisecond precision the API shows, so that a timestamp a client read back
    (``updated_after=<updated_at>``) compares exactly with the stored one."""
    return truncate_ms(datetime.now(UTC))


def truncate_ms(value: datetime) -> datetime:
    return value.replace(microsecond=value.microsecond - value.microsecond % 1000)


def iso(value: datetime) -> str:
    """``2026-02-25T08:00:00.123Z``: the doc's format, with milliseconds so polls can order."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    elif value.utcoffset():
        value = value.astimezone(UTC)
    return value.isoformat(timespec="milliseconds").removesuffix("+00:00") + "Z"


def iso_opt(value: datetime | None) -> str | None:
    return None if value is None else iso(value)
