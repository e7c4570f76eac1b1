"""One webhook attempt on the wire: a hard total deadline and a capped, streamed answer.

Why asyncio: ``asyncio.timeout`` bounds the *whole* attempt — DNS, connect, sending the body,
the status line, the headers and the answer — so a receiver that dribbles one byte every 2 s
(each read well inside any per-read timeout) is cut off at the deadline all the same. And a
slot in flight is a coroutine and a socket, not a thread, so a worker can hold many.

The answer is read raw (no decompression: a small gzip cannot become a large answer) and at
most :data:`MAX_ANSWER_BYTES` of it is kept; then the connection is dropped, not drained — a
200 MB answer costs 64 KiB of memory. A 2xx acknowledges once its status line and the bytes
we keep have arrived within the deadline; what a receiver sends beyond them is never read.
Redirects are not followed (a 3xx is a failed attempt): following one would let a public URL
send us to a private address the SSRF guard refused.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
import time
from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from peoplelens.webhooks.ssrf import is_public

MAX_ANSWER_BYTES = 64 * 1024
EXCERPT_CHARS = 500  # what the attempt log keeps of the answer


@dataclass(frozen=True)
class Outcome:
    status_code: int | None  # None: no complete answer (refused, unreachable, timed out)
    latency_ms: int
    excerpt: str | None
    error: str | None
    retry_after: float | None

    @property
    def timed_out(self) -> bool:
        return self.error is not None and self.error.startswith("timeout")


class PublicOnlyResolver(AbstractResolver):
    """Resolves off the event loop (a thread), under the attempt's deadline, and keeps only
    public addresses: the connection goes to an address that passed the SSRF check, never to
    one a rebinding DNS answer swapped in after it."""

    def __init__(self) -> None:
        self._inner = aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        public = [r for r in found if is_public(ipaddress.ip_address(r["host"]))]
        if not public:
            raise OSError(
                errno.EACCES,
                f"refused: {host} resolves to a private, loopback, link-local or reserved "
                "address; webhooks go to public addresses only",
            )
        return public

    async def close(self) -> None:
        await self._inner.close()


@dataclass(frozen=True)
class Client:
    """The deliverer's one HTTP client: a keep-alive pool shared by every endpoint (aiohttp:
    ~0.14 ms of CPU a request here, a tenth of httpx's async client), made on the loop that
    uses it. ``idle_seconds`` bounds each silence; the deadline bounds the total."""

    session: aiohttp.ClientSession
    idle_seconds: float

    @classmethod
    def open(cls, *, connections: int, idle_seconds: float, allow_private: bool) -> Client:
        connector = aiohttp.TCPConnector(
            limit=connections,
            ttl_dns_cache=10,
            resolver=aiohttp.ThreadedResolver() if allow_private else PublicOnlyResolver(),
        )
        session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,  # a small gzip must not become a large answer
            trust_env=False,  # never an operator's HTTP(S)_PROXY for tenants' URLs
            skip_auto_headers=("Accept-Encoding",),
            timeout=aiohttp.ClientTimeout(
                total=None, sock_connect=idle_seconds, sock_read=idle_seconds
            ),
        )
        return cls(session, idle_seconds)

    async def close(self) -> None:
        await self.session.close()


def _retry_after(response: aiohttp.ClientResponse) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _excerpt(kept: bytes, charset: str | None) -> str | None:
    if not kept:
        return None
    try:
        text = kept.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset we do not know
        text = kept.decode("utf-8", errors="replace")
    return text[:EXCERPT_CHARS]


async def post(
    client: Client,
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    deadline: float,
) -> Outcome:
    """POSTs ``body``; never raises, never takes longer than ``deadline`` seconds."""
    started = time.monotonic()
    status: int | None = None

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        async with asyncio.timeout(deadline):
            async with client.session.post(
                url, data=body, headers=headers, allow_redirects=False
            ) as response:
                status = response.status
                kept = bytearray()
                while len(kept) < MAX_ANSWER_BYTES:
                    chunk = await response.content.readany()
                    if not chunk:
                        break
                    kept += chunk[: MAX_ANSWER_BYTES - len(kept)]
                if not response.content.at_eof():
                    response.close()  # dropped, not drained: the rest is never read
                charset = response.charset
                retry_after = _retry_after(response)
        return Outcome(status, elapsed(), _excerpt(bytes(kept), charset), None, retry_after)
    except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
        where = f"after HTTP {status}, " if status is not None else ""
        if isinstance(exc, aiohttp.ServerTimeoutError):
            why = f"the receiver was silent for {client.idle_seconds:g} s"
        else:
            why = f"the answer was not complete within the {deadline:g} s deadline"
        return Outcome(None, elapsed(), None, f"timeout: {where}{why}", None)
    except Exception as exc:
        # Any failure to send is this delivery's failed attempt (an odd URL raises ValueError
        # or InvalidURL, not ClientError), never an error of the loop other tenants share.
        return Outcome(None, elapsed(), None, f"{type(exc).__name__}: {str(exc)[:300]}", None)
