"""The one-line message a page shows after a form post redirected to it ("Moved to Offer").

Post/redirect/get: a handler that changed something redirects (303), and the next page shows
what happened. The message travels in a short-lived cookie sealed (AES-GCM) under a key derived
from the server secret: no other site, nor a crafted link, can make a page say something we did
not, and the names a message may carry ("Moved Ada King to offer.") are not readable in it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final, Literal

from starlette.requests import Request
from starlette.responses import Response

from peoplelens.config import Settings
from peoplelens.kit.sealing import Sealer
from peoplelens.web.cookies import clear_cookie, set_cookie

COOKIE: Final = "pl_flash"
MAX_CHARS: Final = 600
Kind = Literal["success", "error", "info"]


@dataclass(frozen=True, slots=True)
class Flash:
    kind: Kind
    text: str


def _sealer(secret: bytes) -> Sealer:
    return Sealer(secret, "flash", b"pl_flash")


def give(response: Response, secret: bytes, settings: Settings, kind: Kind, text: str) -> None:
    sealed = _sealer(secret).seal(json.dumps({"k": kind, "t": text[:MAX_CHARS]}))
    set_cookie(response, COOKIE, sealed, settings, max_age=120)


def taken(request: Request, secret: bytes) -> Flash | None:
    """The message the previous post left, if it is ours (the page clears the cookie)."""
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 4 * MAX_CHARS + 200:
        return None
    try:
        data = json.loads(_sealer(secret).open(raw))
    except Exception:  # not ours, tampered, or sealed under another secret
        return None
    if not isinstance(data, dict):
        return None
    kind, text = data.get("k"), data.get("t")
    if kind not in ("success", "error", "info") or not isinstance(text, str):
        return None
    return Flash(kind, text)


def clear(response: Response, settings: Settings) -> None:
    clear_cookie(response, COOKIE, settings)


# A secret made by a form (an API key, the SCIM token, a webhook's signing secret, a
# set-password link) is shown once on the page the form redirects to, so that a reload shows
# the page again instead of making another one. It crosses that one redirect sealed like the
# message (AES-GCM under the server secret, readable by no one else, 2 minutes at most) and the
# page that shows it clears it.
REVEAL_COOKIE: Final = "pl_reveal"


def _reveal_sealer(secret: bytes) -> Sealer:
    return Sealer(secret, "reveal", b"pl_reveal")


def give_reveal(
    response: Response, secret: bytes, settings: Settings, what: str, values: dict[str, str]
) -> None:
    sealed = _reveal_sealer(secret).seal(json.dumps({"what": what, "values": values}))
    set_cookie(response, REVEAL_COOKIE, sealed, settings, max_age=120, samesite="strict")


def revealed(request: Request, secret: bytes, what: str) -> dict[str, str] | None:
    """The values the redirect carried for ``what`` (e.g. ``"api_key"``), if they are ours."""
    raw = request.cookies.get(REVEAL_COOKIE)
    if not raw or len(raw) > 8000:
        return None
    try:
        data = json.loads(_reveal_sealer(secret).open(raw))
    except Exception:
        return None
    if not isinstance(data, dict) or data.get("what") != what:
        return None
    values = data.get("values")
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        return None
    return {str(k): v for k, v in values.items()}


def clear_reveal(response: Response, settings: Settings) -> None:
    clear_cookie(response, REVEAL_COOKIE, settings, samesite="strict")
