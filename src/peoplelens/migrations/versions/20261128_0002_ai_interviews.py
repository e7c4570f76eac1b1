"""ai interviews

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 13:30:49.718237
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import peoplelens.models.base

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "tasks",
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("candidate_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("locked_until", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_tasks_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_tasks_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tasks_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index("ix_tasks_due", ["status", "run_after"], unique=False)

    op.create_table(
        "human_scorecards",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("step_id", sa.Uuid(), nullable=False),
        sa.Column("interviewer_id", sa.String(length=100), nullable=False),
        sa.Column("overall_score", sa.Integer(), nullable=False),
        sa.Column("recommendation", sa.String(length=24), nullable=False),
        sa.Column(
            "criteria",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("candidate_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_human_scorecards_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["interview_plans.id"],
            name=op.f("fk_human_scorecards_plan_id_interview_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["interview_steps.id"],
            name=op.f("fk_human_scorecards_step_id_interview_steps"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_human_scorecards_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_human_scorecards")),
    )
    with op.batch_alter_table("human_scorecards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_human_scorecards_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_human_scorecards_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "interview_messages",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("step_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("client_message_id", sa.String(length=100), nullable=True),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("candidate_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_interview_messages_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["interview_plans.id"],
            name=op.f("fk_interview_messages_plan_id_interview_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["interview_steps.id"],
            name=op.f("fk_interview_messages_step_id_interview_steps"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_interview_messages_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_messages")),
        sa.UniqueConstraint("step_id", "client_message_id", name="uq_messages_step_client_id"),
    )
    with op.batch_alter_table("interview_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_messages_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interview_messages_plan_id"), ["plan_id"], unique=False
        )
        batch_op.create_index("ix_messages_step_position", ["step_id", "position"], unique=False)

    op.create_table(
        "scorecards",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("step_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("overall_score", sa.Integer(), nullable=True),
        sa.Column("recommendation", sa.String(length=24), nullable=True),
        sa.Column("executive_summary", sa.Text(), nullable=True),
        sa.Column(
            "strengths",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "weaknesses",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "criteria",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "detailed_analysis",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("insufficient_evidence", sa.Boolean(), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("rubric_version", sa.String(length=50), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("assessed_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("candidate_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_scorecards_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["interview_plans.id"],
            name=op.f("fk_scorecards_plan_id_interview_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["interview_steps.id"],
            name=op.f("fk_scorecards_step_id_interview_steps"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_scorecards_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecards")),
        sa.UniqueConstraint("step_id", "version", name="uq_scorecards_step_version"),
    )
    with op.batch_alter_table("scorecards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scorecards_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index("ix_scorecards_plan", ["plan_id"], unique=False)

    with op.batch_alter_table("interview_plans", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "consented_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )

    with op.batch_alter_table("interview_steps", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "conversation",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=False,
                server_default=sa.text("'{}'"),  # existing steps: no conversation yet
            )
        )
        batch_op.add_column(sa.Column("assessment_status", sa.String(length=24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interview_steps", schema=None) as batch_op:
        batch_op.drop_column("assessment_status")
        batch_op.drop_column("conversation")

    with op.batch_alter_table("interview_plans", schema=None) as batch_op:
        batch_op.drop_column("consented_at")

    with op.batch_alter_table("scorecards", schema=None) as batch_op:
        batch_op.drop_index("ix_scorecards_plan")
        batch_op.drop_index(batch_op.f("ix_scorecards_candidate_id"))

    op.drop_table("scorecards")
    with op.batch_alter_table("interview_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_step_position")
        batch_op.drop_index(batch_op.f("ix_interview_messages_plan_id"))
        batch_op.drop_index(batch_op.f("ix_interview_messages_candidate_id"))

    op.drop_table("interview_messages")
    with op.batch_alter_table("human_scorecards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_human_scorecards_plan_id"))
        batch_op.drop_index(batch_op.f("ix_human_scorecards_candidate_id"))

    op.drop_table("human_scorecards")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_due")
        batch_op.drop_index(batch_op.f("ix_tasks_candidate_id"))

    op.drop_table("tasks")
