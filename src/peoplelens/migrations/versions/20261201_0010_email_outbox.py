"""email outbox

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 20:46:11

E-mail (spec §13, issue 15): the outbox of messages (sealed bodies, attempts and their log,
erased with the candidate or the user they concern) and each tenant's sender name and
Reply-To.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import peoplelens.models.base

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "emails",
        sa.Column("candidate_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("plan_id", sa.Uuid(), nullable=True),
        sa.Column("step_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("to_address", sa.String(length=320), nullable=False),
        sa.Column("to_name", sa.String(length=200), nullable=True),
        sa.Column("from_name", sa.String(length=100), nullable=True),
        sa.Column("reply_to", sa.String(length=320), nullable=True),
        sa.Column("subject", sa.String(length=250), nullable=False),
        sa.Column("body_sealed", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "next_attempt_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("locked_until", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("sent_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("smtp_response", sa.String(length=300), nullable=True),
        sa.Column(
            "log",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_emails_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["interview_plans.id"],
            name=op.f("fk_emails_plan_id_interview_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["interview_steps.id"],
            name=op.f("fk_emails_step_id_interview_steps"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_emails_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_emails_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emails")),
    )
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_emails_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index("ix_emails_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(
            "ix_emails_tenant_created", ["tenant_id", "created_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_emails_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mail_from_name", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("mail_reply_to", sa.String(length=320), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_column("mail_reply_to")
        batch_op.drop_column("mail_from_name")

    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_emails_user_id"))
        batch_op.drop_index("ix_emails_tenant_created")
        batch_op.drop_index("ix_emails_due")
        batch_op.drop_index(batch_op.f("ix_emails_candidate_id"))

    op.drop_table("emails")
