"""tenant candidate counter

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 16:20:00

An exact per-tenant candidate count, kept by the transactions that create and erase
candidates: quota checks and unfiltered list totals no longer count(*) the tenant's rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("candidate_count", sa.Integer(), server_default="0", nullable=False)
        )
    op.execute(
        "UPDATE tenants SET candidate_count = "
        "(SELECT count(*) FROM candidates WHERE candidates.tenant_id = tenants.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_column("candidate_count")
