"""Idempotency-Key on POST: the first 2xx response is stored with the change and replayed.

Same key + same request (method, path, body) within the TTL → the stored status and body,
with ``Idempotent-Replayed: true``. Same key + a different request → 409. Keys are per tenant.
Error responses are not stored: they changed nothing, so a retry simply runs again.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from fastapi import Response
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from peoplelens.kit.db.prepared import Prepared, PreparedInsert, Record, labelled
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.repository import TenantBound, TenantRepository, TenantWrites, tenant_scope
from peoplelens.kit.sql import like_pattern
from peoplelens.kit.time import utcnow
from peoplelens.models import IdempotencyRecord

if TYPE_CHECKING:
    from peoplelens.kit.db.writes import WriteTx

MAX_KEY_LENGTH = 255


def request_hash(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), b"\0", path.encode(), b"\0", body):
        digest.update(part)
    return digest.hexdigest()


def validate_key(key: str) -> None:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidRequest(
            f"'Idempotency-Key' must be 1 to {MAX_KEY_LENGTH} printable characters.",
            param="Idempotency-Key",
            code="invalid_idempotency_key",
        )


class IdempotencyRepository(TenantRepository[IdempotencyRecord]):
    model = IdempotencyRecord

    def find(self, key: str) -> IdempotencyRecord | None:
        row: IdempotencyRecord | None = self.session.scalars(
            self.select().where(IdempotencyRecord.key == key)
        ).one_or_none()
        return row

    def forget_mentions(self, public_id: str) -> None:
        """Erasure: stored responses that mention the object are dropped (their replay window
        ends early; the alternative is keeping a deleted person's data for 24 h)."""
        self.session.execute(
            delete(IdempotencyRecord).where(
                self.in_tenant(), IdempotencyRecord.body.like(like_pattern(public_id), escape="\\")
            )
        )

    def delete_key(self, key: str) -> None:
        self.session.execute(
            delete(IdempotencyRecord).where(self.in_tenant(), IdempotencyRecord.key == key)
        )


class StoredAnswer(Protocol):
    @property
    def request_hash(self) -> str: ...
    @property
    def status_code(self) -> int: ...
    @property
    def body(self) -> str: ...
    @property
    def content_type(self) -> str: ...


def _replay(row: StoredAnswer, request_hash_: str) -> Response:
    if row.request_hash != request_hash_:
        raise Conflict(
            "This Idempotency-Key was already used with a different request; use a new key.",
            code="idempotency_key_reused",
            param="Idempotency-Key",
        )
    return Response(
        content=row.body,
        status_code=row.status_code,
        media_type=row.content_type,
        headers={"Idempotent-Replayed": "true"},
    )


def claim(
    session: Session, principal: TenantBound, key: str, request_hash_: str, ttl_hours: int
) -> Response | IdempotencyRecord:
    """The stored answer to replay, or a placeholder row that holds the key for this request.

    The placeholder is flushed before the endpoint runs: a concurrent request with the same key
    blocks on its unique index (PostgreSQL) or on the write lock (SQLite) until this one
    commits, then fails with an IntegrityError and is answered by ``replay_after_race``. So
    the change is applied once, whatever the timing.
    """
    repo = IdempotencyRepository(session, principal)
    row = repo.find(key)
    if row is not None:
        if utcnow() - row.created_at <= timedelta(hours=ttl_hours):
            return _replay(row, request_hash_)
        repo.delete_key(key)  # expired: the key is free again
        session.flush()
    placeholder = repo.add(
        IdempotencyRecord(
            id=new_uuid(),
            key=key,
            request_hash=request_hash_,
            status_code=0,
            body="",
            content_type="application/json",
            created_at=utcnow(),
        )
    )
    session.flush()
    return placeholder


def complete(session: Session, placeholder: IdempotencyRecord, response: Response) -> None:
    """Store the answer in the claimed row (same transaction as the change)."""
    placeholder.status_code = response.status_code
    placeholder.body = bytes(response.body).decode("utf-8")
    placeholder.content_type = response.media_type or "application/json"
    session.flush()


def replay_after_race(
    factory: sessionmaker[Session], principal: TenantBound, key: str, request_hash_: str
) -> Response:
    with factory() as session:
        row = IdempotencyRepository(session, principal).find(key)
    if row is None:
        raise Conflict(
            "A conflicting change was committed at the same time; retry the request.",
            code="concurrent_conflict",
        )
    return _replay(row, request_hash_)


# -- the same, for routes on the write lane (one raw-driver transaction, see lanes.WriteLane) --

_FIND = Prepared(
    select(*labelled(IdempotencyRecord)).where(
        tenant_scope(IdempotencyRecord), IdempotencyRecord.key == bindparam("key")
    )
)
_DELETE_KEY = Prepared(
    delete(IdempotencyRecord).where(
        tenant_scope(IdempotencyRecord), IdempotencyRecord.key == bindparam("key")
    )
)
_INSERT = PreparedInsert(IdempotencyRecord)
_COMPLETE = Prepared(
    update(IdempotencyRecord)
    .where(tenant_scope(IdempotencyRecord), IdempotencyRecord.id == bindparam("id"))
    .values(
        status_code=bindparam("status_code"),
        body=bindparam("body"),
        content_type=bindparam("content_type"),
    )
)


async def claim_on_lane(
    tx: WriteTx, principal: TenantBound, key: str, request_hash_: str, ttl_hours: int
) -> Response | uuid.UUID:
    """:func:`claim` on the write lane: the stored answer, or the id of the placeholder row.

    The insert takes the unique index at once, so a concurrent request with the same key waits
    for this one's commit and then fails with an IntegrityError (``replay_after_race``)."""
    writes = TenantWrites(tx, principal)
    found = await writes.one(_FIND, key=key)
    if found is not None:
        if utcnow() - found["created_at"] <= timedelta(hours=ttl_hours):
            return _replay(Record(found), request_hash_)
        await writes.execute(_DELETE_KEY, key=key)  # expired: the key is free again
    placeholder = new_uuid()
    writes.insert(
        _INSERT,
        {
            "id": placeholder,
            "key": key,
            "request_hash": request_hash_,
            "status_code": 0,
            "body": "",
            "content_type": "application/json",
            "created_at": utcnow(),
        },
    )
    return placeholder


def complete_on_lane(
    tx: WriteTx, principal: TenantBound, placeholder: uuid.UUID, response: Response
) -> None:
    """:func:`complete` on the write lane."""
    TenantWrites(tx, principal).queue(
        _COMPLETE,
        id=placeholder,
        status_code=response.status_code,
        body=bytes(response.body).decode("utf-8"),
        content_type=response.media_type or "application/json",
    )
