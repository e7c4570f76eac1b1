"""human steps

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 20:50:00

Human interview steps keep their booked time as columns (overlap checks and free slots are
range scans of an interviewer's steps) and the calendar invite's SEQUENCE (issue 15).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import peoplelens.models.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interview_steps", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scheduled_start", peoplelens.models.base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("scheduled_end", peoplelens.models.base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("duration_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("calendar_sequence", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_index(
            "ix_steps_interviewer_start",
            ["tenant_id", "interviewer_user_id", "scheduled_start"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("interview_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_steps_interviewer_start")
        batch_op.drop_column("calendar_sequence")
        batch_op.drop_column("duration_minutes")
        batch_op.drop_column("scheduled_end")
        batch_op.drop_column("scheduled_start")
