"""Per-API-key rate limits (the ``limits`` library): in memory, or shared through Redis.

Several ``serve`` processes behind a load balancer must share one budget per key: point
``PEOPLELENS_RATE_LIMIT_STORAGE_URL`` at Redis (``redis://host:6379/0``).
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from peoplelens.auth.principal import Principal
from peoplelens.kit.errors import RateLimited

log = logging.getLogger("peoplelens.ratelimit")


class RateLimiter:
    def __init__(self, storage_url: str) -> None:
        self.storage = storage_from_string(storage_url)
        self.limiter = FixedWindowRateLimiter(self.storage)
        self._items: dict[int, RateLimitItemPerMinute] = {}

    def _item(self, per_minute: int) -> RateLimitItemPerMinute:
        item = self._items.get(per_minute)
        if item is None:
            item = self._items[per_minute] = RateLimitItemPerMinute(per_minute)
        return item

    def hit(self, principal: Principal) -> dict[str, str]:
        """Count one request; return the ``RateLimit-*`` headers, or raise 429 over the limit."""
        if principal.key_id is None or principal.rate_limit_per_minute <= 0:
            return {}
        return self.hit_key(
            "key", principal.key_id.hex, principal.rate_limit_per_minute, "for this API key"
        )

    def hit_key(self, namespace: str, ident: str, per_minute: int, whose: str) -> dict[str, str]:
        item = self._item(per_minute)
        try:
            allowed = self.limiter.hit(item, namespace, ident)
            stats = self.limiter.get_window_stats(item, namespace, ident)
        except Exception:
            log.warning("ratelimit.storage_unavailable", exc_info=True)
            return {}
        reset = max(0, math.ceil(stats.reset_time - time.time()))
        headers = {
            "RateLimit-Limit": str(item.amount),
            "RateLimit-Remaining": str(max(0, stats.remaining)),
            "RateLimit-Reset": str(reset),
        }
        if not allowed:
            raise RateLimited(
                f"Rate limit of {item.amount} requests per minute exceeded {whose}; "
                f"retry in {max(reset, 1)} s.",
                headers={**headers, "Retry-After": str(max(reset, 1))},
            )
        return headers
