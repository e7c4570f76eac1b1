"""The sign-in throttle (spec §6): failed attempts counted per client address and per account,
in the database so it survives restarts and is shared by every process.

A key reaching its limit inside the window is locked for one window; while either key of an
attempt is locked the attempt is refused before any password is checked, with the same answer
for every account — one that exists or not — so a lock tells nothing about who exists. The
account key holds a hash of the e-mail, never the address itself. A successful sign-in forgets
the account's failures (its owner has proved themselves) but not the address's (one good
account must not reset the count of guesses at others from the same address).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from peoplelens.config import Settings
from peoplelens.kit.crypto import sha256_hex
from peoplelens.users import repository


@dataclass(frozen=True, slots=True)
class Keys:
    address: str
    account: str | None  # None: the workspace is unknown, only the address counts


def keys_for(ip: str, tenant_id: uuid.UUID | None, email: str) -> Keys:
    account = None
    if tenant_id is not None:
        account = f"acct:{tenant_id.hex}:{sha256_hex(email.strip().lower())[:40]}"
    return Keys(address=f"addr:{ip[:64]}", account=account)


def _all(keys: Keys) -> list[str]:
    return [keys.address] + ([keys.account] if keys.account else [])


def locked_minutes(
    session: Session, keys: Keys, now: datetime, *, lock: bool = False
) -> int | None:
    """Minutes until the attempt may be made again, or None when nothing is locked
    (``lock``: each key's row is made if missing and locked, in key order, so concurrent
    conclusions take turns even on a key's first failure)."""
    rows = (
        [repository.failure_for_update(session, key, now) for key in sorted(_all(keys))]
        if lock
        else repository.failures(session, _all(keys))
    )
    until = [
        row.locked_until for row in rows if row.locked_until is not None and row.locked_until > now
    ]
    if not until:
        return None
    return max(1, math.ceil((max(until) - now).total_seconds() / 60))


def count_failure(session: Session, settings: Settings, keys: Keys, now: datetime) -> None:
    """One more failure for each key; a key at its limit is locked for a window."""
    window = timedelta(minutes=settings.sign_in_window_minutes)
    repository.purge_failures(session, now - window, now)
    limits = [(keys.address, settings.sign_in_failures_per_address)]
    if keys.account:
        limits.append((keys.account, settings.sign_in_failures_per_account))
    for key, limit in limits:
        row = repository.failure_for_update(session, key, now)
        if now - row.window_started_at > window:
            row.window_started_at, row.failures, row.locked_until = now, 0, None
        row.failures += 1
        if row.failures >= limit:
            row.locked_until = now + window


def forget_account(session: Session, keys: Keys) -> None:
    if keys.account:
        repository.forget_failures(session, keys.account)
