"""The state several processes share through Redis (``PEOPLELENS_REDIS_URL``): rate-limit
windows and the API-key revocation signal.

One client per process, made on first use, with short socket timeouts, so a dead Redis costs a
request little; after a failure the store is left alone for :data:`PAUSE_SECONDS` (a breaker),
so a dead or hanging Redis costs one short timeout per pause, not one per request. Redis
keeps nothing that cannot be lost: a restart only starts fresh rate windows.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import redis

from peoplelens.kit.metrics import RATE_LIMIT_STORE_ERRORS
from peoplelens.kit.redis_lane import LaneError, ScriptLane

log = logging.getLogger("peoplelens.shared_store")

SCHEMES = ("redis", "rediss", "unix")
# Connect and read: a local Redis answers in well under a millisecond.
TIMEOUT_SECONDS = 0.25
# After a failure, calls fail at once for this long, then one tries again.
PAUSE_SECONDS = 1.0
# The warning of an unreachable store is logged at most this often per process.
WARN_EVERY_SECONDS = 10.0
# A revocation marker outlives every process's key-cache entry (at most 5 s) by far.
REVOCATION_MARKER_SECONDS = 3600

# One fixed window per key, starting at its first hit (like kit/ratelimit.MemoryWindows); a
# refused hit is not counted. KEYS[1]: the window's counter; KEYS[2] (optional): a revocation
# marker whose presence is returned too, so the signal costs no second round trip.
# Returns {allowed (0/1), count, milliseconds left in the window, revoked (0/1)}.
HIT_SCRIPT = """
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local allowed = 0
if count < tonumber(ARGV[1]) then
  count = redis.call('INCR', KEYS[1])
  allowed = 1
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
local revoked = 0
if #KEYS > 1 then revoked = redis.call('EXISTS', KEYS[2]) end
return {allowed, count, ttl, revoked}
"""

PREFIX = "peoplelens:"
WINDOW_MS = 60_000


class StoreUnavailable(Exception):
    """Redis did not answer (or is being left alone after a failure)."""


def check_url(url: str) -> str:
    """``url`` if redis-py can connect with it; a ValueError saying what is expected otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in SCHEMES:
        raise ValueError("must be a redis://, rediss:// (TLS) or unix:// URL")
    if parts.scheme != "unix" and not parts.hostname:
        raise ValueError("needs a host, e.g. redis://127.0.0.1:6379/0")
    if parts.scheme == "unix" and not parts.path:
        raise ValueError("needs a socket path, e.g. unix:///run/redis.sock?db=0")
    try:
        redis.connection.parse_url(url.strip())  # type: ignore[no-untyped-call]
    except ValueError as exc:
        raise ValueError(f"is not a Redis URL redis-py understands ({exc})") from None
    return url.strip()


def revocation_marker(key_id_hex: str) -> str:
    return f"{PREFIX}revoked:{key_id_hex}"


def window_key(namespace: str, ident: str, per_minute: int) -> str:
    # The limit is part of the key: a changed limit starts a fresh count, as in memory.
    return f"{PREFIX}rl:{namespace}:{ident}:{per_minute}"


class SharedStore:
    """This process's way to Redis: a lean pipelined connection for the request path's script
    (kit/redis_lane.py; a hanging Redis never blocks the event loop) and redis-py's blocking
    client for threads and the CLI."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._options: dict[str, Any] = {
            "socket_connect_timeout": TIMEOUT_SECONDS,
            "socket_timeout": TIMEOUT_SECONDS,
        }
        self._sync: redis.Redis | None = None
        self._sync_script: Any = None
        # The request path's connection, which belongs to the loop it was made on.
        self._lane: ScriptLane | None = None
        self._lock = threading.Lock()
        self._paused_until = 0.0
        self._warned_at = -WARN_EVERY_SECONDS

    def _client(self) -> redis.Redis:
        if self._sync is None:
            with self._lock:
                if self._sync is None:
                    self._sync = redis.Redis.from_url(self.url, **self._options)
        return self._sync

    def _script_lane(self) -> ScriptLane:
        lane = self._lane
        if lane is None or lane.loop is not asyncio.get_running_loop():
            lane = self._lane = ScriptLane(self.url, HIT_SCRIPT, TIMEOUT_SECONDS)
        return lane

    def _check_paused(self) -> None:
        if time.monotonic() < self._paused_until:
            raise StoreUnavailable("paused after a failure")

    def _failed(self, what: str, exc: BaseException) -> StoreUnavailable:
        """Pause the store, count the failure, warn now and then."""
        now = time.monotonic()
        self._paused_until = now + PAUSE_SECONDS
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            log.warning(
                "shared_store.unavailable: %s failed (%s: %s); rate limits let requests "
                "through and key revocations rely on the cache's expiry until Redis answers",
                what,
                type(exc).__name__,
                exc,
            )
        return StoreUnavailable(str(exc))

    async def hit(
        self, key: str, per_minute: int, marker: str | None = None
    ) -> tuple[bool, int, float, bool]:
        """(allowed, count, seconds left in the window, revoked) in one round trip."""
        try:
            self._check_paused()
            lane = self._script_lane()
            answer = await lane.call([key, marker] if marker else [key], [per_minute, WINDOW_MS])
        except StoreUnavailable:
            RATE_LIMIT_STORE_ERRORS.inc()
            raise
        except LaneError as exc:
            RATE_LIMIT_STORE_ERRORS.inc()
            raise self._failed("a rate-limit check", exc) from exc
        return _hit_answer(answer)

    def hit_blocking(
        self, key: str, per_minute: int, marker: str | None = None
    ) -> tuple[bool, int, float, bool]:
        """:meth:`hit` for code in a worker thread (the pages' synchronous handlers)."""
        try:
            self._check_paused()
            if self._sync_script is None:
                self._sync_script = self._client().register_script(HIT_SCRIPT)
            answer = self._sync_script(
                keys=[key, marker] if marker else [key], args=[per_minute, WINDOW_MS]
            )
        except StoreUnavailable:
            RATE_LIMIT_STORE_ERRORS.inc()
            raise
        except (redis.RedisError, OSError) as exc:
            RATE_LIMIT_STORE_ERRORS.inc()
            raise self._failed("a rate-limit check", exc) from exc
        return _hit_answer(answer)

    def mark_revoked(self, key_id_hexes: list[str]) -> bool:
        """Tells every process that these keys are revoked; False if Redis did not take it
        (the other processes then notice when their cache entry expires)."""
        if not key_id_hexes:
            return True
        try:
            pipe = self._client().pipeline(transaction=False)
            for hex_id in key_id_hexes:
                pipe.set(revocation_marker(hex_id), "1", ex=REVOCATION_MARKER_SECONDS)
            pipe.execute()
        except (redis.RedisError, OSError) as exc:
            self._failed("publishing a key revocation", exc)
            return False
        return True

    def ping(self) -> bool:
        try:
            return bool(self._client().ping())
        except (redis.RedisError, OSError):
            return False

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()
            self._sync = None


def _hit_answer(answer: object) -> tuple[bool, int, float, bool]:
    if not isinstance(answer, list) or len(answer) != 4:
        raise StoreUnavailable(f"unexpected answer from the rate-limit script: {answer!r}")
    allowed, count, ttl_ms, revoked = (int(x) for x in answer)
    return bool(allowed), count, ttl_ms / 1000.0, bool(revoked)
