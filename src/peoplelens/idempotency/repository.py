"""Stored first answers of idempotent POSTs (the request boundary's ``boundary/idempotency.py``
decides when to claim, replay and complete; erasure and the retention sweep use these too)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, delete, select, update

from peoplelens.kit.db.prepared import Prepared, PreparedInsert, labelled
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.repository import TenantReads, TenantWrites, tenant_scope
from peoplelens.kit.sql import like_pattern
from peoplelens.kit.time import utcnow
from peoplelens.models import IdempotencyRecord

_BY_CALLER_KEY = (
    tenant_scope(IdempotencyRecord),
    IdempotencyRecord.caller == bindparam("caller"),
    IdempotencyRecord.key == bindparam("key"),
)
_FIND = Prepared(select(*labelled(IdempotencyRecord)).where(*_BY_CALLER_KEY))
_DELETE = Prepared(delete(IdempotencyRecord).where(*_BY_CALLER_KEY))
_INSERT = PreparedInsert(IdempotencyRecord)
_COMPLETE = Prepared(
    update(IdempotencyRecord)
    .where(tenant_scope(IdempotencyRecord), IdempotencyRecord.id == bindparam("id"))
    .values(
        status_code=bindparam("status_code"),
        sealed_body=bindparam("sealed_body"),
        content_type=bindparam("content_type"),
        mentions=bindparam("mentions"),
    )
)
_FORGET = Prepared(
    delete(IdempotencyRecord).where(
        tenant_scope(IdempotencyRecord),
        IdempotencyRecord.mentions.like(bindparam("pattern"), escape="\\"),
    )
)


class IdempotencyRecords(TenantWrites):
    """A caller's records in the one transaction (the lane's or a session's)."""

    async def find(self, caller: str, key: str) -> dict[str, Any] | None:
        return await self.one(_FIND, caller=caller, key=key)

    async def delete(self, caller: str, key: str) -> None:
        await self.execute(_DELETE, caller=caller, key=key)

    async def claim(self, caller: str, key: str, request_hash: str) -> uuid.UUID:
        """Writes the placeholder that holds the key until this transaction ends."""
        placeholder = new_uuid()
        await self.insert_now(
            _INSERT,
            {
                "id": placeholder,
                "caller": caller,
                "key": key,
                "request_hash": request_hash,
                "status_code": 0,
                "sealed_body": "",
                "content_type": "application/json",
                "mentions": "",
                "created_at": utcnow(),
            },
        )
        return placeholder

    def complete(
        self,
        placeholder: uuid.UUID,
        status_code: int,
        sealed_body: str,
        content_type: str,
        mentions: str,
    ) -> None:
        self.queue(
            _COMPLETE,
            id=placeholder,
            status_code=status_code,
            sealed_body=sealed_body,
            content_type=content_type,
            mentions=mentions,
        )

    def forget_mentions(self, public_id: str) -> None:
        """Erasure: answers that name the object are dropped (their replay window ends early;
        the alternative is keeping a deleted person's data for 24 h)."""
        self.queue(_FORGET, pattern=like_pattern(public_id))


class IdempotencyReads(TenantReads):
    """The same lookup outside any transaction: what a concurrent request committed."""

    async def find(self, caller: str, key: str) -> dict[str, Any] | None:
        return await self.one(_FIND, caller=caller, key=key)
