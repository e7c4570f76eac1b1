"""The inbound events received, and the lookups an inbound change needs (tenant-scoped)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.repository import TenantRepository
from peoplelens.kit.time import utcnow
from peoplelens.models import Candidate, InboundEvent


class InboundEvents(TenantRepository[InboundEvent]):
    model = InboundEvent
    kind = "inbound_event"

    def find(self, provider: str, event_id: str) -> InboundEvent | None:
        stmt = self.select().where(
            InboundEvent.provider == provider, InboundEvent.event_id == event_id
        )
        found: InboundEvent | None = self.session.scalars(stmt).one_or_none()
        return found

    def record(
        self,
        provider: str,
        event_id: str,
        event_type: str,
        outcome: str,
        answer: dict[str, Any],
        existing: InboundEvent | None = None,
    ) -> None:
        """A new row, or a refused event's row overwritten by its retry. Flushed now: a
        concurrent redelivery of the same event fails here (the boundary answers 409) rather
        than at the commit."""
        row = existing or self.add(
            InboundEvent(id=new_uuid(), provider=provider, event_id=event_id)
        )
        row.event_type, row.outcome, row.answer = event_type, outcome, answer
        row.received_at = utcnow()
        self.session.flush()


def candidate_by_external_id(
    session: Session, principal: Principal, external_id: str
) -> Candidate | None:
    repo = CandidateRepository(session, principal)
    stmt = repo.select().where(Candidate.external_id == external_id)
    found: Candidate | None = session.scalars(stmt).one_or_none()
    return found
