"""Alembic environment: runs against the URL the caller put in the config (never a default)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from peoplelens.db import make_engine
from peoplelens.models import Base

# Several processes starting at once (a rolling deploy, `serve` beside `worker`) each migrate
# first: on PostgreSQL they queue on this lock, and the later ones find the schema current.
MIGRATION_LOCK = 0x504C_4D49_4752  # "PLMIGR"

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `peoplelens migrate`.")
run_migrations_online()
