"""A live `peoplelens serve` and a tenant with an admin key, made with the CLI as an operator
would; the database is the session's (SQLite, or PostgreSQL with PEOPLELENS_TEST_POSTGRES_URL)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.live_server import cli, live_server


@dataclass(frozen=True)
class Live:
    base: str
    env: dict[str, str]

    def tenant(self, *, rate_limit: int | None = None) -> str:
        """A new tenant's admin API key."""
        slug = f"sdk-{os.urandom(4).hex()}"
        extra = ["--rate-limit", str(rate_limit)] if rate_limit else []
        made = cli(self.env, "tenants", "create", slug, "--name", "SDK Co", *extra)
        assert made.returncode == 0, made.stderr
        key = cli(self.env, "api-keys", "create", "--tenant", slug)
        assert key.returncode == 0, key.stderr
        return key.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def live(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with live_server(
        database_url,
        tmp_path_factory.mktemp("sdk"),
        PEOPLELENS_EMBEDDED_WORKER="false",
        PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS="true",
    ) as (base, env):
        yield Live(base, env)


@pytest.fixture(scope="module")
def working(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A server whose embedded worker runs background work (imports). On SQLite one `serve`
    a database: a module uses either this or ``live``."""
    with live_server(
        database_url, tmp_path_factory.mktemp("sdk-data"), PEOPLELENS_EMBEDDED_WORKER="true"
    ) as (base, env):
        yield Live(base, env)
