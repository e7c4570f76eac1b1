"""Throwaway databases built by the migrations: SQLite files, or PostgreSQL databases created
and dropped on the server named by PEOPLELENS_TEST_POSTGRES_URL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from peoplelens.migrate import upgrade

POSTGRES_ADMIN_URL = os.environ.get("PEOPLELENS_TEST_POSTGRES_URL")


@contextmanager
def throwaway_database(directory: Path) -> Iterator[str]:
    if not POSTGRES_ADMIN_URL:
        url = f"sqlite:///{directory / f'peoplelens-{uuid.uuid4().hex[:8]}.db'}"
        upgrade(url)
        yield url
        return
    name = f"pltest_{uuid.uuid4().hex[:12]}"
    admin = POSTGRES_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = admin.rsplit("/", 1)[0] + f"/{name}"
    try:
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
