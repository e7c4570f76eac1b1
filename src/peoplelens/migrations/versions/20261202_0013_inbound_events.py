"""inbound ATS events; jobs.external_id

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 14:00:00

Inbound webhooks (spec §14, issue 18): the events received from an ATS, one row per
(tenant, provider, event id), so a redelivery answers the first outcome; and the ATS's id of a
job opening, unique per tenant when set, so an inbound event upserts the job by it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import peoplelens.models.base

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(
            "uq_jobs_tenant_external_id", ["tenant_id", "external_id"]
        )
    op.create_table(
        "inbound_events",
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("event_type", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column(
            "answer",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("received_at", peoplelens.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_inbound_events_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_events")),
        sa.UniqueConstraint(
            "tenant_id", "provider", "event_id", name="uq_inbound_events_tenant_provider_event"
        ),
    )
    op.create_index(
        op.f("ix_inbound_events_received_at"), "inbound_events", ["received_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_inbound_events_received_at"), table_name="inbound_events")
    op.drop_table("inbound_events")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_constraint("uq_jobs_tenant_external_id", type_="unique")
        batch_op.drop_column("external_id")
