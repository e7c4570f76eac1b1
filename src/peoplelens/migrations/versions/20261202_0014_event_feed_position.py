"""event feed position

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 14:10:00

The event feed (spec §14, issue 18) reads the outbox in an order that never lets a late commit
slip behind a reader's cursor. ``events.position`` is filled by the database on insert:

* PostgreSQL: the inserting transaction's id (``pg_current_xact_id()``). Every transaction with
  an id below the current snapshot's ``xmin`` has ended, so the feed shows exactly the events
  below it: a prefix of the order that can no longer grow in the middle.
* SQLite: one writer at a time, so the tenant's highest position plus one (a trigger) is the
  commit order.

Existing events keep position 0 (before every new one, ordered among themselves by time).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGER = """
CREATE TRIGGER events_feed_position AFTER INSERT ON events
WHEN NEW.position IS NULL
BEGIN
    UPDATE events SET position = (
        SELECT coalesce(max(position), 0) + 1 FROM events WHERE tenant_id = NEW.tenant_id
    ) WHERE rowid = NEW.rowid;
END
"""


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("position", sa.BigInteger(), nullable=True))
    op.execute("UPDATE events SET position = 0")
    if postgres:
        op.execute(
            "ALTER TABLE events ALTER COLUMN position SET DEFAULT "
            "(pg_current_xact_id()::text::bigint)"
        )
    else:
        op.execute(SQLITE_TRIGGER)
    op.create_index(
        "ix_events_tenant_position", "events", ["tenant_id", "position", "created_at", "id"]
    )
    # The feed filtered by type: one index range a type, merged (a rare type is not a scan).
    op.create_index(
        "ix_events_tenant_type_position",
        "events",
        ["tenant_id", "type", "position", "created_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_events_tenant_type_position", table_name="events")
    op.drop_index("ix_events_tenant_position", table_name="events")
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_feed_position")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("position")
