"""Queue background work as rows in the caller's transaction (the outbox pattern)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from peoplelens.kit.ids import new_uuid
from peoplelens.kit.repository import TenantRepository
from peoplelens.kit.time import utcnow
from peoplelens.models import Task


class TaskRepository(TenantRepository[Task]):
    model = Task

    def enqueue(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        candidate_id: uuid.UUID | None = None,
        run_after: datetime | None = None,
    ) -> uuid.UUID:
        """Queues ``kind`` to run now, or not before ``run_after`` (a delayed task)."""
        now = utcnow()
        task = self.add(
            Task(
                id=new_uuid(),
                kind=kind,
                payload=payload,
                candidate_id=candidate_id,
                status="queued",
                attempts=0,
                run_after=max(now, run_after) if run_after is not None else now,
                created_at=now,
                updated_at=now,
            )
        )
        return task.id
