"""Verifying a PeopleLens webhook on the receiving side.

    from peoplelens.client.webhooks import verify, WebhookVerificationError

    try:
        event = verify(request_body_bytes, request_headers, "whsec_...")
    except WebhookVerificationError:
        return 400

The Standard Webhooks signature is checked when present (with the timestamp, to refuse
replays; it carries one entry per live secret, so either secret of a rotation verifies);
otherwise ``X-PeopleLens-Signature``, one value: the newest secret's. Comparisons are
constant-time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from typing import Any

# The signing rule lives here, in the SDK (stdlib only), so a receiver needs no server
# package; the server's peoplelens.webhooks.signing signs with these same functions.
SECRET_PREFIX = "whsec_"  # noqa: S105 — a format marker, not a secret


def standard_key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def hex_signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def standard_signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(standard_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


class WebhookVerificationError(Exception):
    pass


def verify(
    payload: bytes | str,
    headers: Mapping[str, str],
    secret: str,
    *,
    tolerance_seconds: int = 300,
    now: float | None = None,
) -> dict[str, Any]:
    """Returns the parsed event, or raises :class:`WebhookVerificationError`."""
    body = payload.encode() if isinstance(payload, str) else payload
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id, stamp, sigs = (
        lower.get("webhook-id"),
        lower.get("webhook-timestamp"),
        lower.get("webhook-signature"),
    )
    if msg_id and stamp and sigs:
        try:
            timestamp = int(stamp)
        except ValueError:
            raise WebhookVerificationError("malformed webhook-timestamp") from None
        current = time.time() if now is None else now
        if abs(current - timestamp) > tolerance_seconds:
            raise WebhookVerificationError("timestamp outside the tolerance (replay?)")
        expected = standard_signature(secret, msg_id, timestamp, body)
        if not any(hmac.compare_digest(expected, given) for given in sigs.split()):
            raise WebhookVerificationError("no matching webhook-signature")
    else:
        given_hex = lower.get("x-peoplelens-signature")
        if not given_hex:
            raise WebhookVerificationError("no signature headers")
        expected = hex_signature(secret, body)
        if not hmac.compare_digest(expected, given_hex.strip()):
            raise WebhookVerificationError("no matching X-PeopleLens-Signature")
    try:
        event: dict[str, Any] = json.loads(body)
    except ValueError:
        raise WebhookVerificationError("body is not JSON") from None
    return event
