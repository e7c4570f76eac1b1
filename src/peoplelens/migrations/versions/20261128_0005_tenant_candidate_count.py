"""tenant candidate counter

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 16:20:00

An exact per-tenant candidate count, kept by the transactions that create and erase
candidates: quota checks and unfiltered list totals no longer count(*) the tenant's rows. In a
table of its own (see models.tenant.TenantCounter for why not a column of ``tenants``).
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
    op.create_table(
        "tenant_counters",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("candidate_count", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_tenant_counters_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_tenant_counters")),
    )
    op.execute(
        "INSERT INTO tenant_counters (tenant_id, candidate_count) "
        "SELECT tenants.id, (SELECT count(*) FROM candidates "
        "WHERE candidates.tenant_id = tenants.id) FROM tenants"
    )


def downgrade() -> None:
    op.drop_table("tenant_counters")
