"""The one-line message a page shows after a form post redirected to it ("Moved to Offer").

Post/redirect/get: a handler that changed something redirects (303), and the next page shows
what happened. The message travels in a short-lived cookie signed with the server secret, so
no other site (nor a crafted link) can make a page say something we did not.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Final, Literal

from starlette.requests import Request
from starlette.responses import Response

from peoplelens.config import Settings

COOKIE: Final = "pl_flash"
MAX_CHARS: Final = 600
Kind = Literal["success", "error", "info"]


@dataclass(frozen=True, slots=True)
class Flash:
    kind: Kind
    text: str


def _sign(secret: bytes, payload: str) -> str:
    return hmac.new(secret, f"flash:{payload}".encode(), hashlib.sha256).hexdigest()[:32]


def give(response: Response, secret: bytes, settings: Settings, kind: Kind, text: str) -> None:
    payload = base64.urlsafe_b64encode(
        json.dumps({"k": kind, "t": text[:MAX_CHARS]}).encode()
    ).decode()
    response.set_cookie(
        COOKIE,
        f"{payload}.{_sign(secret, payload)}",
        max_age=120,
        httponly=True,
        samesite="lax",
        secure=settings.public_url.startswith("https://"),
        path="/",
    )


def taken(request: Request, secret: bytes) -> Flash | None:
    """The message the previous post left, if it is ours (the page clears the cookie)."""
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 2 * MAX_CHARS + 200 or "." not in raw:
        return None
    payload, signature = raw.rsplit(".", 1)
    if not hmac.compare_digest(_sign(secret, payload), signature):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
    except ValueError:
        return None
    kind, text = data.get("k"), data.get("t")
    if kind not in ("success", "error", "info") or not isinstance(text, str):
        return None
    return Flash(kind, text)


def clear(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        COOKIE,
        httponly=True,
        samesite="lax",
        secure=settings.public_url.startswith("https://"),
        path="/",
    )
