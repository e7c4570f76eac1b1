"""The ETag step: a 200 GET gets a strong ``ETag``; a matching ``If-None-Match`` gets a 304."""

from __future__ import annotations

import hashlib

from fastapi import Request, Response
from fastapi.responses import StreamingResponse


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 §13.1.2: ``*``, or any listed tag equal by weak comparison."""
    if if_none_match.strip() == "*":
        return True
    candidates = [part.strip() for part in if_none_match.split(",")]
    return any(c.removeprefix("W/") == etag for c in candidates)


def with_etag(request: Request, response: Response) -> Response:
    """The answer with its ``ETag``, or a bodyless 304 when the client already holds it."""
    if response.status_code != 200 or isinstance(response, StreamingResponse):
        return response  # a streamed file sets its own (its stored SHA-256)
    etag = etag_for(bytes(response.body))
    inm = request.headers.get("if-none-match")
    if inm and etag_matches(inm, etag):
        return Response(status_code=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    return response
