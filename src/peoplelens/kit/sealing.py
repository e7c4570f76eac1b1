"""Secrets at rest: AES-256-GCM under a key derived from the server secret, one key per purpose.

For what we must be able to read back — a webhook endpoint's signing secret (signing needs the
secret itself, unlike an API key, which is kept as a one-way hash), a stored idempotent answer
that carries an API key or a booking link — so that a database dump alone reveals none of it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = "v1:"


class Sealer:
    """Seals and opens text for one purpose (its key and associated data are the purpose's)."""

    def __init__(self, server_secret: bytes, purpose: str, associated_data: bytes) -> None:
        key = hmac.new(server_secret, f"peoplelens:{purpose}:v1".encode(), hashlib.sha256)
        self._aead = AESGCM(key.digest())
        self._aad = associated_data

    def seal(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), self._aad)
        return _VERSION + base64.b64encode(nonce + sealed).decode()

    def open(self, token: str) -> str:
        raw = base64.b64decode(token.removeprefix(_VERSION))
        return self._aead.decrypt(raw[:12], raw[12:], self._aad).decode()

    def opens(self, token: str) -> bool:
        """Whether ``token`` was sealed by this sealer (the server secret may have changed)."""
        try:
            self.open(token)
        except (InvalidTag, ValueError):
            return False
        return True


def webhook_secrets(server_secret: bytes) -> Sealer:
    """Endpoints' signing secrets (the key and data every stored secret was sealed with)."""
    return Sealer(server_secret, "webhook-secrets", b"webhook-secret")


def idempotent_answers(server_secret: bytes) -> Sealer:
    """Stored first answers of idempotent POSTs (they may carry an API key or a link)."""
    return Sealer(server_secret, "idempotent-answers", b"idempotency-record")


def sso_client_secrets(server_secret: bytes) -> Sealer:
    """Tenants' OpenID Connect client secrets (sent to their provider, so kept readable)."""
    return Sealer(server_secret, "sso-client-secrets", b"tenant-sso")


def oidc_verifiers(server_secret: bytes) -> Sealer:
    """The PKCE verifiers of sign-in round trips still under way (minutes long)."""
    return Sealer(server_secret, "oidc-verifiers", b"oidc-login-state")


def email_bodies(server_secret: bytes) -> Sealer:
    """Queued messages' bodies: they carry booking and set-password links."""
    return Sealer(server_secret, "email-bodies", b"email-body")
