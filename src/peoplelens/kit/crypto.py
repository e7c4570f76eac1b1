"""Secrets: API keys, booking tokens, hashing and signing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

API_KEY_PREFIX = "pl_live_"


def sha256_hex(value: str | bytes) -> str:
    data = value.encode() if isinstance(value, str) else value
    return hashlib.sha256(data).hexdigest()


def new_api_key() -> str:
    """``pl_live_`` + 43 url-safe characters (256 bits)."""
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def api_key_lookup_prefix(key: str) -> str:
    """The non-secret head of a key kept in clear so a person can tell keys apart."""
    return key[: len(API_KEY_PREFIX) + 6]


def derive_token(secret: bytes, purpose: str, subject: str) -> str:
    """An unguessable url-safe token bound to one object.

    Derived (HMAC) rather than random so that only its hash needs storing and the API can
    still show the link again later; anyone without the server secret cannot compute it.
    """
    digest = hmac.new(secret, f"{purpose}:{subject}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
