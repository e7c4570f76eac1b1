"""The retention rule (spec §11): what each kind of row is kept for, and whose window applies.

Defaults come from the settings; a tenant's column overrides one kind's window for that tenant
alone. Audit logs are never swept: they are the record of who did what (spec §8, append-only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from peoplelens.config import Settings
from peoplelens.retention import repository as rows
from peoplelens.retention.repository import Window


@dataclass(frozen=True)
class Kind:
    """One kind of row the sweep removes."""

    name: str
    column: str  # the tenants column that overrides its window
    unit: timedelta  # of the window's number (an hour, a day)
    default: Callable[[Settings], int]
    purge: Callable[[Session, Window, datetime, int, dict[str, int]], int]


def _plain(
    purge: Callable[[Session, Window, datetime, int], int],
) -> Callable[[Session, Window, datetime, int, dict[str, int]], int]:
    return lambda session, window, before, limit, _counts: purge(session, window, before, limit)


HOUR, DAY = timedelta(hours=1), timedelta(days=1)

# In this order: events (and the deliveries and attempts they take along) before the attempts
# left on other deliveries, so an attempt is counted once.
KINDS = (
    Kind(
        "idempotency_records",
        "idempotency_retention_hours",
        HOUR,
        lambda s: s.idempotency_ttl_hours,
        _plain(rows.purge_idempotency),
    ),
    Kind(
        "events", "event_retention_days", DAY, lambda s: s.event_retention_days, rows.purge_events
    ),
    Kind(
        "webhook_attempts",
        "event_retention_days",
        DAY,
        lambda s: s.event_retention_days,
        _plain(rows.purge_attempts),
    ),
    # Received ATS events (their dedupe record) keep the events' window.
    Kind(
        "inbound_events",
        "event_retention_days",
        DAY,
        lambda s: s.event_retention_days,
        _plain(rows.purge_inbound_events),
    ),
    Kind(
        "tasks",
        "task_retention_days",
        DAY,
        lambda s: s.task_retention_days,
        _plain(rows.purge_tasks),
    ),
    Kind(
        "emails",
        "email_retention_days",
        DAY,
        lambda s: s.email_retention_days,
        _plain(rows.purge_emails),
    ),
    # Finished CSV imports and their per-row reports (which name rejected rows' e-mails):
    # kept as long as the events they caused.
    Kind(
        "candidate_imports",
        "event_retention_days",
        DAY,
        lambda s: s.event_retention_days,
        _plain(rows.purge_imports),
    ),
)
# What a sweep reports, in this order (deliveries go with their events).
REPORTED = (
    "idempotency_records",
    "events",
    "webhook_deliveries",
    "webhook_attempts",
    "tasks",
    "emails",
    "candidate_imports",
    "inbound_events",
)
# The tenants columns an operator may set (`peoplelens tenants set-retention`).
OVERRIDES = tuple(dict.fromkeys(kind.column for kind in KINDS))


def cutoffs(
    session: Session, kind: Kind, settings: Settings, now: datetime
) -> list[tuple[Window, datetime]]:
    """Each window of ``kind`` in use, with the moment before which its rows go."""
    out = []
    for override in rows.windows_in_use(session, kind.column):
        length = override if override is not None else kind.default(settings)
        try:
            cutoff = now - length * kind.unit
        except OverflowError:  # a window longer than the calendar: nothing is old enough
            cutoff = datetime.min.replace(tzinfo=now.tzinfo)
        out.append((Window(kind.column, override), cutoff))
    return out
