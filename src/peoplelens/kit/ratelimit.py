"""Rate limits per key or per address: in memory, or shared through Redis.

Several ``serve`` processes behind a load balancer must share one budget per key: set
``PEOPLELENS_REDIS_URL`` (``redis://host:6379/0``). Each check is then one Lua script call
(kit/shared_store.py), atomic, so the ``RateLimit-*`` headers are exact across processes; an
unreachable Redis lets the request through without the headers (logged, and counted in
``peoplelens_rate_limit_store_errors``): a rate limit protects the service, and refusing
every request while Redis is away would be the outage it protects against. Any other storage
of the ``limits`` library (``PEOPLELENS_RATE_LIMIT_STORAGE_URL=memcached://…``) still works,
with two round trips a check.
"""

from __future__ import annotations

import logging
import math
import threading
import time

from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from peoplelens.kit.errors import RateLimited
from peoplelens.kit.shared_store import (
    SharedStore,
    StoreUnavailable,
    revocation_marker,
    window_key,
)

log = logging.getLogger("peoplelens.ratelimit")


class MemoryWindows:
    """Fixed one-minute windows counted in this process, each starting at its key's first hit.

    The same semantics as ``limits``' memory storage (so a burst is never split by a clock
    minute boundary) at a quarter of its cost per hit (no key building, no second lookup for
    the window stats): it sits on every API request.
    """

    def __init__(self) -> None:
        # (namespace, who, limit) → (window start, count): a changed limit starts a fresh count
        self._counts: dict[tuple[str, str, int], tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: tuple[str, str, int]) -> tuple[bool, int, float]:
        """(allowed, remaining, reset time as a Unix timestamp); a refused hit is not counted."""
        amount = key[2]
        now = time.time()
        with self._lock:
            start, count = self._counts.get(key, (now, 0))
            if now - start >= 60.0:
                start, count = now, 0
            allowed = count < amount
            if allowed:
                count += 1
            if len(self._counts) > 100_000:
                self._counts = {k: v for k, v in self._counts.items() if now - v[0] < 60.0}
            self._counts[key] = (start, count)
        return allowed, amount - count, start + 60.0


class RateLimiter:
    def __init__(self, storage_url: str, shared: SharedStore | None = None) -> None:
        self.shared = shared
        self.memory = (
            MemoryWindows() if shared is None and storage_url.startswith("memory://") else None
        )
        # `limits` only for another shared storage (memcached…); its memory storage would start
        # a timer thread that nothing uses.
        self.limiter = (
            None
            if self.memory or shared
            else FixedWindowRateLimiter(storage_from_string(storage_url))
        )
        # While the shared store is away, each process counts on its own: every budget still
        # holds per process (at most N x the limit over N processes), instead of none at all —
        # a Redis hiccup an attacker can cause must not switch the limits off.
        self.fallback = MemoryWindows() if shared is not None else None
        self._items: dict[int, RateLimitItemPerMinute] = {}

    def _alone(self, namespace: str, ident: str, per_minute: int, whose: str) -> dict[str, str]:
        assert self.fallback is not None
        allowed, remaining, reset_at = self.fallback.hit((namespace, ident, per_minute))
        return _answer(allowed, remaining, reset_at - time.time(), per_minute, whose)

    def _item(self, per_minute: int) -> RateLimitItemPerMinute:
        item = self._items.get(per_minute)
        if item is None:
            item = self._items[per_minute] = RateLimitItemPerMinute(per_minute)
        return item

    def hit_key(self, namespace: str, ident: str, per_minute: int, whose: str) -> dict[str, str]:
        """Count one request of ``ident``; return the ``RateLimit-*`` headers, or raise 429
        over the limit (``whose`` ends its message: "for this API key"). Blocking: the API
        boundary, on the event loop, uses :meth:`hit_shared` when the store is shared."""
        if self.memory is not None:
            allowed, remaining, reset_at = self.memory.hit((namespace, ident, per_minute))
        elif self.shared is not None:
            try:
                allowed, count, left, _ = self.shared.hit_blocking(
                    window_key(namespace, ident, per_minute), per_minute
                )
            except StoreUnavailable:
                return self._alone(namespace, ident, per_minute, whose)
            return _answer(allowed, per_minute - count, left, per_minute, whose)
        else:
            assert self.limiter is not None
            item = self._item(per_minute)
            try:
                allowed = self.limiter.hit(item, namespace, ident)
                stats = self.limiter.get_window_stats(item, namespace, ident)
            except Exception:
                log.warning("ratelimit.storage_unavailable", exc_info=True)
                return {}
            remaining, reset_at = stats.remaining, stats.reset_time
        return _answer(allowed, remaining, reset_at - time.time(), per_minute, whose)

    async def hit_shared(
        self,
        namespace: str,
        ident: str,
        per_minute: int,
        whose: str,
        revocable_key: str | None = None,
    ) -> dict[str, str] | None:
        """:meth:`hit_key` through Redis, in one round trip that also answers whether the API
        key ``revocable_key`` (its id's hex) was revoked, in any process: then None, before
        the limit is judged (the caller refuses the key)."""
        assert self.shared is not None
        marker = revocation_marker(revocable_key) if revocable_key else None
        try:
            allowed, count, left, revoked = await self.shared.hit(
                window_key(namespace, ident, per_minute), per_minute, marker
            )
        except StoreUnavailable:
            return self._alone(namespace, ident, per_minute, whose)
        if revoked:
            return None
        return _answer(allowed, per_minute - count, left, per_minute, whose)


def _answer(
    allowed: bool, remaining: int, seconds_left: float, per_minute: int, whose: str
) -> dict[str, str]:
    """The ``RateLimit-*`` headers, or the 429 that carries them with ``Retry-After``."""
    reset = max(0, math.ceil(seconds_left))
    headers = {
        "RateLimit-Limit": str(per_minute),
        "RateLimit-Remaining": str(max(0, remaining)),
        "RateLimit-Reset": str(reset),
    }
    if not allowed:
        raise RateLimited(
            f"Rate limit of {per_minute} requests per minute exceeded {whose}; "
            f"retry in {max(reset, 1)} s.",
            headers={**headers, "Retry-After": str(max(reset, 1))},
        )
    return headers
