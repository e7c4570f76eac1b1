from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from peoplelens.kit.ids import render, render_opt
from peoplelens.kit.time import iso
from peoplelens.models import AuditEntry


class AuditEntryOut(BaseModel):
    id: str
    action: str
    entity_type: str
    entity_id: str | None
    user_id: str | None
    details: dict[str, Any]
    created_at: str

    @classmethod
    def build(cls, e: AuditEntry) -> AuditEntryOut:
        return cls(
            id=render("aud", e.id),
            action=e.action,
            entity_type=e.entity_type,
            entity_id=e.entity_id,
            user_id=render_opt("usr", e.user_id),
            details=e.details,
            created_at=iso(e.created_at),
        )
