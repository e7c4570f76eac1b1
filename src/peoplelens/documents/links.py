"""Signed download links (spec §2 ``signedUrl``): absolute, expiring, HMAC-signed, so a
browser or an ATS can fetch the file without an API key, and nobody can make or stretch one.

The signature covers the document's id and the expiry; it is checked before the database is
asked anything, so a forged link learns nothing (not even whether the document exists).
"""

from __future__ import annotations

import hmac
import re
import uuid
from datetime import datetime

from peoplelens.kit import ids
from peoplelens.kit.crypto import derive_token
from peoplelens.kit.errors import PermissionDenied

PURPOSE = "document-download"
_EXPIRES = re.compile(r"[1-9][0-9]{0,11}", re.ASCII)


def _signature(secret: bytes, document_id: uuid.UUID, expires: int) -> str:
    return derive_token(secret, PURPOSE, f"{document_id.hex}:{expires}")


def signed_url(
    public_url: str, secret: bytes, document_id: uuid.UUID, *, now: datetime, ttl_seconds: int
) -> str:
    expires = int(now.timestamp()) + ttl_seconds
    signature = _signature(secret, document_id, expires)
    public_id = ids.render("doc", document_id)
    return (
        f"{public_url.rstrip('/')}/api/v1/documents/{public_id}/download"
        f"?expires={expires}&signature={signature}"
    )


def check(
    secret: bytes, document_id: uuid.UUID, expires: str, signature: str, *, now: datetime
) -> None:
    """Raises 403 unless the link was made by this server for this document and is current."""
    # ASCII digits, no leading zero: one spelling per expiry (str.isdigit takes "²" and
    # Arabic-Indic digits; int() then failed or accepted another spelling of the same link).
    valid_expiry = _EXPIRES.fullmatch(expires) is not None
    expected = _signature(secret, document_id, int(expires) if valid_expiry else -1)
    if not valid_expiry or not hmac.compare_digest(expected, signature):
        raise PermissionDenied(
            "This download link is not valid: it was changed or cut short. Ask for a new one "
            "with GET /api/v1/candidates/{id}/documents.",
            code="invalid_signature",
        )
    if int(expires) <= int(now.timestamp()):
        raise PermissionDenied(
            "This download link has expired. Ask for a new one with "
            "GET /api/v1/candidates/{id}/documents.",
            code="link_expired",
        )
