"""One Lua script called over one pipelined Redis connection, on the event loop.

The rate-limit check runs on every API request. redis-py's asyncio client spends 55–70 µs of
CPU a command (pool, locks, retries, timeouts as tasks); this lane writes EVALSHA on one
connection that every concurrent request shares (replies come back in order, so each waits on
its own future) and parses the few reply types a script returns: 17–25 µs, the rest of the round
trip is waiting, when the loop serves other requests (bench/ratelimit.py). Everything else
(publishing revocations, the pages' blocking checks) uses redis-py.
"""

from __future__ import annotations

import asyncio
import hashlib
import ssl
from collections import deque
from typing import Any, cast

from redis.connection import parse_url

Reply = int | bytes | str | list["Reply"] | None


class LaneError(Exception):
    """The connection failed, timed out or Redis answered an error."""


def encode(*args: object) -> bytes:
    """A command in RESP: an array of bulk strings."""
    out = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg if isinstance(arg, bytes) else str(arg).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


def parse(buffer: bytes | bytearray, pos: int = 0) -> tuple[Reply | LaneError, int] | None:
    """One reply from ``buffer`` at ``pos`` and the position after it; None if incomplete."""
    end = buffer.find(b"\r\n", pos)
    if end < 0:
        return None
    kind, line = buffer[pos : pos + 1], bytes(buffer[pos + 1 : end])
    after = end + 2
    if kind == b":":
        return int(line), after
    if kind == b"+":
        return line.decode(), after
    if kind == b"-":
        return LaneError(line.decode(errors="replace")), after
    if kind == b"$":
        size = int(line)
        if size < 0:
            return None, after
        if len(buffer) < after + size + 2:
            return None
        return bytes(buffer[after : after + size]), after + size + 2
    if kind == b"*":
        count = int(line)
        items: list[Reply] = []
        for _ in range(max(count, 0)):
            found = parse(buffer, after)
            if found is None:
                return None
            item, after = found
            if isinstance(item, LaneError):
                raise item
            items.append(item)
        return (items if count >= 0 else None), after
    raise LaneError(f"unexpected reply from Redis: {bytes(buffer[pos:end])[:40]!r}")


class _Protocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.waiting: deque[asyncio.Future[Reply]] = deque()
        self.buffer = bytearray()
        self.lost = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        pos = 0
        while self.waiting:
            try:
                found = parse(self.buffer, pos)
            except (LaneError, ValueError) as exc:
                self._fail(LaneError(str(exc)))
                return
            if found is None:
                break
            reply, pos = found
            waiter = self.waiting.popleft()
            if not waiter.done():  # a timed-out waiter's reply is dropped
                if isinstance(reply, LaneError):
                    waiter.set_exception(reply)
                else:
                    waiter.set_result(reply)
        del self.buffer[:pos]

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(LaneError(f"connection to Redis lost ({exc or 'closed'})"))

    def _fail(self, exc: LaneError) -> None:
        self.lost = True
        while self.waiting:
            waiter = self.waiting.popleft()
            if not waiter.done():
                waiter.set_exception(exc)
        if self.transport is not None:
            self.transport.close()


class ScriptLane:
    """Calls ``script`` (EVALSHA; EVAL once after a Redis restart forgot it) on ``url``'s Redis.

    Made and used on one event loop. Each call gives up after ``timeout`` seconds; a timed-out
    or failed connection is dropped and the next call connects again."""

    def __init__(self, url: str, script: str, timeout: float) -> None:
        self.options: dict[str, Any] = parse_url(url)  # type: ignore[no-untyped-call]
        self.script = script.encode()
        self.sha = hashlib.sha1(
            self.script, usedforsecurity=False
        ).hexdigest()  # what Redis names it by
        self.timeout = timeout
        self.loop = asyncio.get_running_loop()
        self._protocol: _Protocol | None = None
        self._connecting: asyncio.Lock = asyncio.Lock()
        self._retry_at = 0.0

    async def call(self, keys: list[str], args: list[object]) -> Reply:
        protocol = self._protocol
        if protocol is None or protocol.lost:
            protocol = await self._connect()
        try:
            return await self._send(protocol, encode("EVALSHA", self.sha, len(keys), *keys, *args))
        except LaneError as exc:
            if not str(exc).startswith("NOSCRIPT"):
                raise
        return await self._send(protocol, encode("EVAL", self.script, len(keys), *keys, *args))

    def _send(self, protocol: _Protocol, command: bytes) -> asyncio.Future[Reply]:
        waiter: asyncio.Future[Reply] = self.loop.create_future()
        protocol.waiting.append(waiter)
        assert protocol.transport is not None
        protocol.transport.write(command)
        timer = self.loop.call_later(self.timeout, self._timed_out, protocol, waiter)
        waiter.add_done_callback(lambda _: timer.cancel())
        return waiter

    def _timed_out(self, protocol: _Protocol, waiter: asyncio.Future[Reply]) -> None:
        # The replies of a connection that missed one can no longer be paired: drop it.
        if not waiter.done():
            protocol._fail(LaneError(f"Redis did not answer within {self.timeout} s"))

    async def _connect(self) -> _Protocol:
        async with self._connecting:
            if self._protocol is not None and not self._protocol.lost:
                return self._protocol
            # Callers that queued behind a failed attempt fail with it, instead of each
            # waiting out a timeout of its own in turn.
            if self.loop.time() < self._retry_at:
                raise LaneError("connecting to Redis failed a moment ago")
            try:
                protocol = await asyncio.wait_for(self._open(), self.timeout)
            except (OSError, TimeoutError, ssl.SSLError, LaneError) as exc:
                self._retry_at = self.loop.time() + self.timeout
                raise LaneError(f"cannot connect to Redis ({type(exc).__name__}: {exc})") from exc
            self._protocol = protocol
            return protocol

    async def _open(self) -> _Protocol:
        protocol = await self._transport()
        try:
            await self._handshake(protocol)
        except BaseException:
            protocol._fail(LaneError("handshake failed"))
            raise
        return protocol

    async def _transport(self) -> _Protocol:
        o = self.options
        if "path" in o:
            _, protocol = await self.loop.create_unix_connection(_Protocol, o["path"])
        else:
            context = None
            if o.get("connection_class") is not None and "SSL" in o["connection_class"].__name__:
                context = ssl.create_default_context(cafile=o.get("ssl_ca_certs"))
                if str(o.get("ssl_cert_reqs", "required")).lower() in ("none", "optional"):
                    context.check_hostname = False
                    context.verify_mode = ssl.CERT_NONE
            _, protocol = await self.loop.create_connection(
                _Protocol, o.get("host", "localhost"), int(o.get("port", 6379)), ssl=context
            )
        return protocol

    async def _handshake(self, protocol: _Protocol) -> None:
        o = self.options
        if o.get("password"):
            user = [o["username"]] if o.get("username") else []
            await self._send(protocol, encode("AUTH", *user, o["password"]))
        if o.get("db"):
            await self._send(protocol, encode("SELECT", o["db"]))

    def close(self) -> None:
        if self._protocol is not None and self._protocol.transport is not None:
            self._protocol.transport.close()
