"""Backoff and leased claims: the one home of the retry rules the outboxes share (tasks,
webhook deliveries, e-mail).

A row of an outbox is ``ready`` once its due time has come, and ``busy`` while a worker holds
its lease (``locked_until``); a lease that ran out means the worker died, so the row is due
again — at-least-once, never dropped.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, or_

_jitter = random.Random()  # noqa: S311 — spreading retries, not a secret


def jittered(seconds: float, spread: float) -> timedelta:
    """``seconds`` ± ``spread`` (a fraction), so failures at one moment retry spread out."""
    return timedelta(seconds=seconds * _jitter.uniform(1 - spread, 1 + spread))


def exponential(attempt: int, *, base: float, cap: float, spread: float = 0.0) -> timedelta:
    """The delay after failed attempt number ``attempt`` (1-based): base·2ⁿ⁻¹, at most ``cap``."""
    return jittered(min(cap, base * 2 ** (attempt - 1)), spread)


def due(model: Any, *, ready: str, busy: str, due_at: Any, now: datetime) -> ColumnElement[bool]:
    """Rows to claim: ``ready`` and due, or ``busy`` with a lease that ran out."""
    condition: ColumnElement[bool] = or_(
        (model.status == ready) & (due_at <= now),
        (model.status == busy) & (model.locked_until < now),
    )
    return condition


S = TypeVar("S", bound=Select[Any])


def lock_for_claim(stmt: S, *, is_sqlite: bool, of: Any = None) -> S:
    """``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so workers claiming at once never take one row
    twice nor wait for each other; SQLite's single writer serialises claims already."""
    if is_sqlite:
        return stmt
    locked: S = stmt.with_for_update(skip_locked=True, of=of)
    return locked
