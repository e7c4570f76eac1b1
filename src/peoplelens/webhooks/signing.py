"""Signatures on every delivery.

* ``X-PeopleLens-Signature`` (the reference's header): lower-case hex HMAC-SHA256 of the raw
  body, keyed with the endpoint secret string (``whsec_…``) as UTF-8 bytes. Always one value —
  during a secret rotation the *new* secret's — because receivers written to the reference
  compare the header with one HMAC; a receiver still on the old secret verifies with
  ``webhook-signature`` until it switches.
* Standard Webhooks: ``webhook-id`` (the event id, identical on every retry, so receivers can
  de-duplicate), ``webhook-timestamp`` (Unix seconds, so receivers can refuse replays), and
  ``webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">``, keyed with the
  base64-decoded part of the secret after ``whsec_`` — one ``v1,…`` entry per live secret,
  space-separated (two during a rotation, newest first), as Standard Webhooks defines.
"""

from __future__ import annotations

import base64
import secrets

from peoplelens.client.webhooks import (
    SECRET_PREFIX,
    hex_signature,
    standard_key,
    standard_signature,
)

__all__ = ["SECRET_PREFIX", "hex_signature", "standard_key", "standard_signature"]


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature_headers(
    secrets_: list[str], msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """Headers for one delivery; ``secrets_`` newest first (two during a rotation)."""
    return {
        "X-PeopleLens-Signature": hex_signature(secrets_[0], body),
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            standard_signature(s, msg_id, timestamp, body) for s in secrets_
        ),
    }
