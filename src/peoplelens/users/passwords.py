"""Password hashing: Argon2id (argon2-cffi), with a rehash when the parameters change.

The parameters are settings (``PEOPLELENS_ARGON2_*``); the defaults follow RFC 9106's second
recommendation scaled to a small server: 64 MiB, 3 passes, 2 lanes. A sign-in for an unknown
e-mail still verifies against a dummy hash, so the answer takes as long either way (no user
enumeration by timing).
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 1000
# Each hash or verification holds its memory cost (64 MiB by default) while it runs: at most
# one per core at a time, so a burst of sign-ins queues instead of exhausting memory (40
# request threads × 64 MiB would be 2.5 GiB).
_SLOTS = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))


@lru_cache(maxsize=8)
def hasher(memory_kib: int = 65536, time_cost: int = 3, parallelism: int = 2) -> PasswordHasher:
    return PasswordHasher(
        time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, hash_len=32
    )


@lru_cache(maxsize=8)
def _dummy_hash(ph: PasswordHasher) -> str:
    return ph.hash("not a password anyone has: the unknown-user path")


def hash_password(ph: PasswordHasher, password: str) -> str:
    with _SLOTS:
        return ph.hash(password)


def verify_password(ph: PasswordHasher, stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (None: verifies against a dummy, returns False)."""
    dummy = _dummy_hash(ph) if stored is None else ""
    try:
        with _SLOTS:
            ph.verify(stored or dummy, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return stored is not None


def needs_rehash(ph: PasswordHasher, stored: str) -> bool:
    try:
        return ph.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def password_problem(password: str, *, email: str = "") -> str | None:
    """Why ``password`` is refused, as a sentence, or None (NIST 800-63B: length, not
    composition rules)."""
    if len(password) < MIN_LENGTH:
        return f"Choose a password of at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Choose a password of at most {MAX_LENGTH} characters."
    if email and password.strip().lower() == email.strip().lower():
        return "Choose a password that is not your e-mail address."
    if len(set(password)) < 4:
        return "Choose a password with more than a few different characters."
    return None
