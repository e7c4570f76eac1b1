from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peoplelens.kit.repository import TenantRepository
from peoplelens.models import BookingLink, InterviewMessage


def find_link_by_token_hash(session: Session, token_hash: str) -> BookingLink | None:
    """The candidate side has no API key: the link's secret token names the tenant."""
    return session.scalars(select(BookingLink).where(BookingLink.token_hash == token_hash)).first()


class MessageRepository(TenantRepository[InterviewMessage]):
    model = InterviewMessage

    def for_plan(self, plan_id: uuid.UUID) -> list[InterviewMessage]:
        stmt = (
            self.select()
            .where(InterviewMessage.plan_id == plan_id)
            .order_by(InterviewMessage.created_at, InterviewMessage.position)
        )
        return list(self.session.scalars(stmt))

    def for_step(self, step_id: uuid.UUID) -> list[InterviewMessage]:
        stmt = (
            self.select()
            .where(InterviewMessage.step_id == step_id)
            .order_by(InterviewMessage.position)
        )
        return list(self.session.scalars(stmt))

    def by_client_id(self, step_id: uuid.UUID, client_id: str) -> InterviewMessage | None:
        return self.session.scalars(
            self.select().where(
                InterviewMessage.step_id == step_id,
                InterviewMessage.client_message_id == client_id,
            )
        ).first()

    def next_position(self, step_id: uuid.UUID) -> int:
        stmt = select(func.max(InterviewMessage.position)).where(
            self.in_tenant(), InterviewMessage.step_id == step_id
        )
        return int(self.session.scalar(stmt) or 0) + 1
