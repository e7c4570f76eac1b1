"""status poll index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 14:19:00.558240
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interview_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_candidate_created"))
        batch_op.create_index(
            "ix_plans_tenant_candidate_created",
            ["tenant_id", "candidate_id", "created_at", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("interview_plans", schema=None) as batch_op:
        batch_op.drop_index("ix_plans_tenant_candidate_created")
        batch_op.create_index(
            batch_op.f("ix_plans_candidate_created"), ["candidate_id", "created_at"], unique=False
        )
