from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select

from peoplelens.kit.db.prepared import PreparedInsert
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.repository import TenantRepository, TenantWrites
from peoplelens.kit.time import utcnow
from peoplelens.models import AuditEntry


class AuditRepository(TenantRepository[AuditEntry]):
    """Reading the audit log (writing is :class:`AuditLog`'s)."""

    model = AuditEntry
    kind = "aud"

    def query(
        self,
        action: str | None,
        since: datetime | None,
        *,
        until: datetime | None = None,
        entity_type: str | None = None,
        entity_id: str | None = None,
        user_id: uuid.UUID | None = None,
    ) -> Select[AuditEntry]:
        """Entries filtered by action, a period (``since`` inclusive, ``until`` exclusive),
        the object (``entity_type``, ``entity_id`` as rendered, e.g. ``can-…``) and the person
        who acted."""
        stmt = self.select()
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        if since:
            stmt = stmt.where(AuditEntry.created_at >= since)
        if until:
            stmt = stmt.where(AuditEntry.created_at < until)
        if entity_type:
            stmt = stmt.where(AuditEntry.entity_type == entity_type)
        if entity_id:
            stmt = stmt.where(AuditEntry.entity_id == entity_id)
        if user_id:
            stmt = stmt.where(AuditEntry.user_id == user_id)
        return stmt

    def about(self, entity_ids: Sequence[str], limit: int) -> list[AuditEntry]:
        """The entries about these objects (public ids: a candidate and its plans and
        documents), newest first — a record's history."""
        if not entity_ids:
            return []
        stmt = (
            self.select()
            .where(AuditEntry.entity_id.in_(list(entity_ids)))
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
        return list(self.session.scalars(stmt))


def audit_row(
    principal: object,
    action: str,
    entity_type: str,
    entity_id: str | None,
    details: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """An audit entry: who (the key's actor and user, if any), what, on which object."""
    actor = getattr(principal, "actor", None)
    return {
        "id": new_uuid(),
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "user_id": getattr(principal, "user_id", None),
        "details": {**(dict(actor) if actor else {}), **details},
        "created_at": now,
    }


_INSERT = PreparedInsert(AuditEntry)


class AuditLog(TenantWrites):
    """The one writer of audit entries, in the caller's transaction — the lane's or a session's —
    so a change and its entry commit together (the rows go out with the commit).

    ``details`` carries ids and field *names* only: the log must survive erasure of a person
    without keeping their name or e-mail.
    """

    def record(
        self,
        action: str,
        entity_type: str,
        entity_id: str | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.record_many(action, entity_type, [entity_id], details or {})

    def record_many(
        self,
        action: str,
        entity_type: str,
        entity_ids: Sequence[str | None],
        details: dict[str, Any],
    ) -> None:
        now = utcnow()
        for entity_id in entity_ids:
            row = audit_row(self.principal, action, entity_type, entity_id, details, now)
            self.insert(_INSERT, row)
