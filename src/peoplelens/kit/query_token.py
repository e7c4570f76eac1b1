"""The one credential a URL may carry: ``?api_token=`` on the paths that accept it.

Some senders (an ATS's webhook, spec §9 "Inbound") can only put a token in the URL. URLs end
up in logs, traces and error pages, so the token is taken out of the request's query string
before anything else sees the request — FastAPI's tracing records ``url.query`` — and kept in
the ASGI scope for the authentication step, on the accepted paths only. Elsewhere it is
dropped: a token in the query of any other route is no credential (401 as without one).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any
from urllib.parse import unquote_plus

PARAMETER = "api_token"
_SCOPE_KEY = "peoplelens.query_token"
_NEEDLE = PARAMETER.encode()


def take(scope: MutableMapping[str, Any], accepted_prefixes: tuple[str, ...]) -> None:
    """Removes every ``api_token`` from ``scope``'s query string; on a path under one of
    ``accepted_prefixes`` the first one is kept for :func:`token_of`."""
    raw: bytes = scope.get("query_string") or b""
    # The common case, two substring tests: a name can hide the parameter only by case
    # (``Api_Token``, caught by lower()) or by percent-encoding (``api%5Ftoken``: a ``%``).
    if _NEEDLE not in raw.lower() and b"%" not in raw:
        return
    tokens: list[str] = []
    kept: list[bytes] = []
    for part in raw.split(b"&"):  # the other parameters stay byte for byte as sent
        name, _, value = part.partition(b"=")
        if unquote_plus(name.decode("latin-1")).strip().casefold() == PARAMETER:
            tokens.append(unquote_plus(value.decode("latin-1")))
        else:
            kept.append(part)
    scope["query_string"] = b"&".join(kept)
    path: str = scope.get("path") or ""
    if tokens and path.startswith(accepted_prefixes):
        scope[_SCOPE_KEY] = tokens[0]


def token_of(scope: MutableMapping[str, Any]) -> str | None:
    """The ``api_token`` :func:`take` kept for this request, if any."""
    found = scope.get(_SCOPE_KEY)
    return found if isinstance(found, str) else None
