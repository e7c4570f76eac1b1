from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select

from peoplelens.kit.ids import new_uuid
from peoplelens.kit.repository import TenantRepository
from peoplelens.kit.time import utcnow
from peoplelens.models import AuditEntry


class AuditRepository(TenantRepository[AuditEntry]):
    """Writes entries in the caller's transaction, so a change and its entry commit together.

    ``details`` carries ids and field *names* only: the log must survive erasure of a person
    without keeping their name or e-mail.
    """

    model = AuditEntry

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
        """Core inserts, now (append-only rows need no unit-of-work bookkeeping)."""
        now = utcnow()
        merged = {**self.actor(), **details}
        self.insert_rows(
            [
                {
                    "id": new_uuid(),
                    "action": action,
                    "entity_type": entity_type,
                    "entity_id": entity_id,
                    "user_id": self.principal_user_id(),
                    "details": merged,
                    "created_at": now,
                }
                for entity_id in entity_ids
            ]
        )

    def query(self, action: str | None, since: datetime | None) -> Select[AuditEntry]:
        stmt = self.select()
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        if since:
            stmt = stmt.where(AuditEntry.created_at >= since)
        return stmt

    def actor(self) -> dict[str, Any]:
        actor = getattr(self.principal, "actor", None)
        return dict(actor) if actor else {}

    def principal_user_id(self) -> Any:
        return getattr(self.principal, "user_id", None)
