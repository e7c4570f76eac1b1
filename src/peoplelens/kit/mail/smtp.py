"""Handing one message to an SMTP server, under one total deadline.

``smtp://user:pass@host:587`` upgrades with STARTTLS when the server offers it (add
``?starttls=required`` to refuse a server that does not, ``?starttls=off`` for a relay on
localhost); ``smtps://…:465`` is TLS from the first byte. The password never appears in a
``repr``, a log line or an error text.

The deadline covers everything (connect, TLS, AUTH, the data, QUIT): a server that accepts a
connection and never answers costs one attempt of ``timeout`` seconds, not a stuck worker.
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from peoplelens.kit.mail.compose import single_line

Security = Literal["tls", "starttls", "opportunistic", "off"]
_STARTTLS: dict[str, Security] = {
    "required": "starttls",
    "opportunistic": "opportunistic",
    "off": "off",
}


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    security: Security = "opportunistic"

    def describe(self) -> str:
        """For logs and answers: never the credentials."""
        return f"{self.host}:{self.port} ({self.security})"


def parse_smtp_url(url: str) -> SmtpServer:
    """The server named by ``url``, or ValueError with a sentence (never the password)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError("must be smtp://[user:pass@]host[:port] or smtps://…")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the port must be a number from 1 to 65535") from None
    if not parts.hostname:
        raise ValueError("names no host (smtp://user:pass@host:587)")
    query = parse_qs(parts.query)
    unknown = set(query) - {"starttls"}
    if unknown:
        raise ValueError(f"unknown option {sorted(unknown)[0]!r} (only ?starttls=…)")
    security: Security = "tls"
    if parts.scheme == "smtp":
        choice = query.get("starttls", ["opportunistic"])[-1]
        if choice not in _STARTTLS:
            raise ValueError("starttls must be required, opportunistic or off")
        security = _STARTTLS[choice]
    elif "starttls" in query:
        raise ValueError("smtps:// is TLS from the start; starttls applies to smtp:// only")
    return SmtpServer(
        host=parts.hostname,
        port=port or (465 if parts.scheme == "smtps" else 587),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        security=security,
    )


@dataclass(frozen=True)
class SendResult:
    ok: bool
    # Retrying cannot help (every recipient refused with a 5xx).
    permanent: bool
    code: int | None
    detail: str  # the server's reply or what went wrong: short, one line, no secrets


def _short(text: str) -> str:
    return single_line(text, limit=300)


def _refused(exc: aiosmtplib.SMTPRecipientsRefused) -> SendResult:
    codes = [r.code for r in exc.recipients]
    first = exc.recipients[0] if exc.recipients else None
    detail = f"recipient refused: {first.code} {first.message}" if first else "recipients refused"
    return SendResult(False, bool(codes) and all(c >= 500 for c in codes), codes[0], _short(detail))


async def send_async(
    server: SmtpServer,
    message: EmailMessage,
    *,
    sender: str,
    recipient: str,
    timeout: float,
    tls_context: ssl.SSLContext | None = None,
) -> SendResult:
    """Sends ``message`` to ``recipient``; every failure is a result, never an exception."""
    start_tls = {"starttls": True, "opportunistic": None}.get(server.security, False)
    sending = aiosmtplib.send(
        message,
        sender=sender,
        recipients=[recipient],
        hostname=server.host,
        port=server.port,
        username=server.username,
        password=server.password,
        use_tls=server.security == "tls",
        start_tls=start_tls,
        tls_context=tls_context,
        timeout=timeout,
    )
    try:
        errors, reply = await asyncio.wait_for(sending, timeout)
    except (TimeoutError, aiosmtplib.SMTPTimeoutError):
        return SendResult(False, False, None, f"timeout: no answer within {timeout:g} s")
    except aiosmtplib.SMTPRecipientsRefused as exc:
        return _refused(exc)
    except aiosmtplib.SMTPResponseException as exc:
        # Other refusals (sender, AUTH, DATA) are usually this server's configuration, which
        # an operator fixes: retried like temporary ones.
        return SendResult(False, False, exc.code, _short(f"{exc.code} {exc.message}"))
    except (aiosmtplib.SMTPException, OSError) as exc:
        return SendResult(False, False, None, _short(f"{type(exc).__name__}: {exc}"))
    if errors:
        first = next(iter(errors.values()))
        detail = f"recipient refused: {first.code} {first.message}"
        return SendResult(False, first.code >= 500, first.code, _short(detail))
    return SendResult(True, False, 250, _short(reply))


def send(
    server: SmtpServer,
    message: EmailMessage,
    *,
    sender: str,
    recipient: str,
    timeout: float,
    tls_context: ssl.SSLContext | None = None,
) -> SendResult:
    """:func:`send_async` from synchronous code (the worker's threads have no event loop)."""
    return asyncio.run(
        send_async(
            server,
            message,
            sender=sender,
            recipient=recipient,
            timeout=timeout,
            tls_context=tls_context,
        )
    )
