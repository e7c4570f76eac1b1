from __future__ import annotations

from typing import Any

from peoplelens.kit.ids import AuditEntryID, UserID
from peoplelens.kit.schemas import Presenter, Timestamp


class AuditEntryOut(Presenter):
    id: AuditEntryID
    action: str
    entity_type: str
    entity_id: str | None
    user_id: UserID | None
    details: dict[str, Any]
    created_at: Timestamp
