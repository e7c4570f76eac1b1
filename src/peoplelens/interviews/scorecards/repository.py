from __future__ import annotations

import uuid

from sqlalchemy import func, select

from peoplelens.kit.repository import TenantRepository
from peoplelens.models import HumanScorecard, Scorecard


class ScorecardRepository(TenantRepository[Scorecard]):
    model = Scorecard

    def for_plan(self, plan_id: uuid.UUID) -> list[Scorecard]:
        stmt = (
            self.select()
            .where(Scorecard.plan_id == plan_id)
            .order_by(Scorecard.step_id, Scorecard.version.desc())
        )
        return list(self.session.scalars(stmt))

    def latest_version(self, step_id: uuid.UUID) -> int:
        stmt = select(func.max(Scorecard.version)).where(
            self.in_tenant(), Scorecard.step_id == step_id
        )
        return int(self.session.scalar(stmt) or 0)

    def current(self, step_id: uuid.UUID) -> Scorecard | None:
        return self.session.scalars(
            self.select().where(Scorecard.step_id == step_id, Scorecard.is_current.is_(True))
        ).first()


class HumanScorecardRepository(TenantRepository[HumanScorecard]):
    model = HumanScorecard
    kind = "hsc"

    def for_plan(self, plan_id: uuid.UUID) -> list[HumanScorecard]:
        stmt = (
            self.select()
            .where(HumanScorecard.plan_id == plan_id)
            .order_by(HumanScorecard.created_at)
        )
        return list(self.session.scalars(stmt))
