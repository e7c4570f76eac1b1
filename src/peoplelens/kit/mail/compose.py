"""One outgoing message as RFC 5322 MIME, built so that no value can add a header.

Every header value passes :func:`single_line` (CR, LF and other control characters become
spaces) and every address :func:`checked_address` (email-validator, no deliverability lookup):
a candidate named ``"Ann\\r\\nBcc: x@evil"`` stays one line of a display name. The structure:

* ``multipart/alternative`` (``text/plain``, ``text/html``), or, with a calendar part,
* ``multipart/mixed`` [ ``multipart/alternative`` (``text/plain``, ``text/html``,
  ``text/calendar; method=…``), ``invite.ics`` (``application/ics``) ] — the alternative is
  what calendar clients act on (iTIP, RFC 6047), the attachment what everyone else can open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Literal

from email_validator import EmailNotValidError, validate_email

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# A plain address on a LAN name or localhost (email-validator refuses special-use names).
_LOCAL_ADDRESS = re.compile(rf"^[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]{{1,64}}@{_LABEL}(?:\.{_LABEL})*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")
_SPACES = re.compile(r"\s{2,}")


def single_line(value: str, *, limit: int = 200) -> str:
    """``value`` as one header-safe line: control characters (CR and LF among them) become one
    space, runs of spaces shrink, and it is cut at ``limit`` characters."""
    cleaned = _SPACES.sub(" ", _CONTROL.sub(" ", value)).strip()
    return cleaned[:limit].rstrip()


class BadAddress(ValueError):
    """An address that cannot be put in a header (the message names it)."""


def checked_address(value: str, *, local_domains: bool = False) -> str:
    """The address, normalised (lower-case domain), or :class:`BadAddress`.

    ``local_domains``: also ``no-reply@localhost`` or a LAN name (the server's own sender,
    where the operator knows their relay), never for a recipient typed into the API."""
    if _CONTROL.search(value):
        raise BadAddress("an e-mail address cannot contain line breaks or control characters")
    value = value.strip()
    try:
        found = validate_email(
            value, check_deliverability=False, globally_deliverable=not local_domains
        )
        return found.normalized
    except EmailNotValidError as exc:
        if local_domains and _LOCAL_ADDRESS.fullmatch(value):
            return value
        raise BadAddress(str(exc)) from None


def mailbox(name: str | None, address: str, *, local_domains: bool = False) -> Address:
    """A ``Name <address>`` header value (the name quoted or encoded by the email package)."""
    username, _, domain = checked_address(address, local_domains=local_domains).rpartition("@")
    return Address(
        display_name=single_line(name or "", limit=100), username=username, domain=domain
    )


@dataclass(frozen=True)
class CalendarPart:
    """An iCalendar object (RFC 5545) and its iTIP method."""

    text: str
    method: Literal["REQUEST", "CANCEL"]


@dataclass(frozen=True)
class Envelope:
    from_name: str | None
    from_address: str
    to_name: str | None
    to_address: str
    reply_to: str | None
    subject: str
    message_id: str  # without the angle brackets: local@domain
    date: datetime


def compose(
    envelope: Envelope, *, text: str, html: str, calendar: CalendarPart | None = None
) -> EmailMessage:
    """The whole message, ready for SMTP (``policy.SMTP``: CRLF line ends)."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = mailbox(envelope.from_name, envelope.from_address, local_domains=True)
    msg["To"] = mailbox(envelope.to_name, envelope.to_address)
    if envelope.reply_to:
        msg["Reply-To"] = mailbox(None, envelope.reply_to)
    msg["Subject"] = single_line(envelope.subject, limit=250)
    msg["Date"] = format_datetime(envelope.date)
    msg["Message-ID"] = f"<{single_line(envelope.message_id, limit=200)}>"
    msg["MIME-Version"] = "1.0"
    # RFC 3834: robots (vacation responders) must not answer it.
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text, subtype="plain")
    msg.add_alternative(html, subtype="html")
    if calendar is not None:
        msg.add_alternative(calendar.text, subtype="calendar", params={"method": calendar.method})
        msg.add_attachment(
            calendar.text.encode(), maintype="application", subtype="ics", filename="invite.ics"
        )
    return msg
