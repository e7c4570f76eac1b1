"""Endpoint secrets at rest: AES-256-GCM under a key derived from the server secret.

Signing needs the secret itself (unlike API keys, it cannot be a one-way hash), so a database
dump alone must not reveal it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def _key(server_secret: bytes) -> bytes:
    return hmac.new(server_secret, b"peoplelens:webhook-secrets:v1", hashlib.sha256).digest()


def seal(server_secret: bytes, plaintext: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_key(server_secret)).encrypt(nonce, plaintext.encode(), b"webhook-secret")
    return "v1:" + base64.b64encode(nonce + sealed).decode()


def open_sealed(server_secret: bytes, token: str) -> str:
    raw = base64.b64decode(token.removeprefix("v1:"))
    plain = AESGCM(_key(server_secret)).decrypt(raw[:12], raw[12:], b"webhook-secret")
    return plain.decode()
