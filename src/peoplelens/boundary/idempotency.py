"""The idempotency step (spec §1): a POST's first 2xx answer is kept with its change, replayed.

Same caller + same key + same request (method, path, body) within the TTL → the stored status
and body, with ``Idempotent-Replayed: true``; same key + another request → 409. A record
belongs to (tenant, caller, key): another caller's same key is a new request. The step runs
inside the transaction, *after* authentication and the route's scope check, so a replay can
never hand a stored answer to a caller the route would refuse. Answers are stored sealed
(they may carry a secret shown once) with the public ids they name, for erasure. Error answers
are not kept: they changed nothing, so a retry simply runs again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request, Response

from peoplelens.auth.principal import Principal
from peoplelens.idempotency.repository import IdempotencyReads, IdempotencyRecords
from peoplelens.kit.db.reads import ReadLane
from peoplelens.kit.db.transaction import Transaction
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.ids import PREFIXES
from peoplelens.kit.sealing import Sealer
from peoplelens.kit.time import utcnow

MAX_KEY_LENGTH = 255
_PUBLIC_ID = re.compile(
    rf"\b(?:{'|'.join(PREFIXES)})-[0-9a-f]{{8}}(?:-[0-9a-f]{{4}}){{3}}-[0-9a-f]{{12}}"
)


@dataclass(frozen=True)
class Keyed:
    """A POST that carries an ``Idempotency-Key``, and the hash of what it asks."""

    caller: str
    key: str
    request_hash: str


async def keyed(request: Request, principal: Principal | None) -> Keyed | None:
    """The request's key (checked), or None when it sends none or is not an API-key POST."""
    key = request.headers.get("idempotency-key")
    if key is None or request.method != "POST" or principal is None:
        return None
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidRequest(
            f"'Idempotency-Key' must be 1 to {MAX_KEY_LENGTH} printable characters.",
            param="Idempotency-Key",
            code="invalid_idempotency_key",
        )
    digest = hashlib.sha256()
    for part in (request.method.encode(), b"\0", request.url.path.encode(), b"\0"):
        digest.update(part)
    await _hash_body(request, digest)
    return Keyed(principal.caller, key, digest.hexdigest())


async def _hash_body(request: Request, digest: Any) -> None:
    """The body's bytes; for a multipart form, its parts (name, file name, content), so the
    retried upload of a client that draws a new boundary each time is the same request."""
    body = await request.body()
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        digest.update(body)
        return
    try:
        form = await request.form()  # parsed once: the endpoint reads the same form
    except Exception:
        digest.update(body)  # malformed: the endpoint answers it
        return
    for name, value in form.multi_items():
        digest.update(b"\0field\0" + name.encode())
        if isinstance(value, str):
            digest.update(b"\0value\0" + value.encode())
            continue
        digest.update(b"\0file\0" + (value.filename or "").encode() + b"\0")
        await value.seek(0)
        while chunk := await value.read(1 << 16):
            digest.update(chunk)
        await value.seek(0)


def _fresh(found: dict[str, Any], ttl_hours: int) -> bool:
    """Within the replay window."""
    created_at: datetime = found["created_at"]
    return utcnow() - created_at <= timedelta(hours=ttl_hours)


def _replay(found: dict[str, Any], keyed_: Keyed, sealer: Sealer) -> Response:
    if found["request_hash"] != keyed_.request_hash:
        raise Conflict(
            "This Idempotency-Key was already used with a different request; use a new key.",
            code="idempotency_key_reused",
            param="Idempotency-Key",
        )
    return Response(
        content=sealer.open(str(found["sealed_body"])),
        status_code=int(str(found["status_code"])),
        media_type=str(found["content_type"]),
        headers={"Idempotent-Replayed": "true"},
    )


async def run_once(
    tx: Transaction,
    principal: Principal,
    keyed_: Keyed,
    endpoint: Callable[[], Awaitable[Response]],
    *,
    ttl_hours: int,
    sealer: Sealer,
) -> Response:
    """The stored answer, or the endpoint's answer stored with its change.

    The placeholder row holds the key for this transaction: a concurrent request with the same
    key waits on its unique index (PostgreSQL) or the write lock (SQLite) until this one ends,
    then fails with an integrity error and is answered by :func:`after_race`. So the change is
    applied once, whatever the timing."""
    records = IdempotencyRecords(tx, principal)
    found = await records.find(keyed_.caller, keyed_.key)
    if found is not None:
        if _fresh(found, ttl_hours) and sealer.opens(found["sealed_body"]):
            tx.discard()
            return _replay(found, keyed_, sealer)
        await records.delete(keyed_.caller, keyed_.key)  # expired: the key is free again
    # Sent now, before the endpoint's first statement (on a session, ORM statements do not
    # carry queued ones): from here the unique index holds the key for this transaction.
    placeholder = await records.claim(keyed_.caller, keyed_.key, keyed_.request_hash)
    response = await endpoint()
    if not 200 <= response.status_code < 300:
        tx.discard()
        return response
    body = bytes(response.body).decode("utf-8")
    records.complete(
        placeholder,
        response.status_code,
        sealer.seal(body),
        response.media_type or "application/json",
        " ".join(dict.fromkeys(_PUBLIC_ID.findall(body))),
    )
    return response


async def after_race(
    reads: ReadLane,
    principal: Principal | None,
    keyed_: Keyed | None,
    sealer: Sealer,
    ttl_hours: int,
) -> Response:
    """A concurrent request committed a conflicting row first: answer as it did, or 409."""
    found = None
    if keyed_ is not None and principal is not None:
        found = await IdempotencyReads(reads, principal).find(keyed_.caller, keyed_.key)
        if found is not None and not (
            _fresh(found, ttl_hours) and sealer.opens(found["sealed_body"])
        ):
            found = None
    if found is None or keyed_ is None:
        raise Conflict(
            "A conflicting change was committed at the same time; nothing was changed. "
            "Retry the request.",
            code="concurrent_conflict",
        ) from None
    return _replay(found, keyed_, sealer)
