"""Test fixtures: a real database built by the Alembic migrations, and the real app.

By default the suite runs on a fresh SQLite file. With ``PEOPLELENS_TEST_POSTGRES_URL`` (an
admin URL such as ``postgresql://postgres@127.0.0.1:5432/postgres``) it creates a throwaway
PostgreSQL database, runs everything there, and drops it at the end.

Tests isolate themselves by tenant: each creates its own tenants, so nothing depends on what
another test left behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.app import create_app
from peoplelens.config import Settings
from peoplelens.db import Database
from tests.databases import POSTGRES_ADMIN_URL, throwaway_database
from tests.factories import Api, TenantHandle, make_tenant


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with throwaway_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        secret_key="test-secret-" + "x" * 40,
        public_url="http://testserver",
        rate_limit_per_minute=100_000,
        link_rate_limit_per_minute=100_000,
        embedded_worker=False,  # tests run queued work explicitly (tests.factories.run_tasks)
        ai_encoder="auto",  # the default install's sentence encoder, as users run it
        webhook_allow_private_urls=True,  # receivers in tests live on 127.0.0.1
        webhook_timeout_seconds=2,
        secret_key_file=Path(tmp_path_factory.mktemp("secret")) / "secret",
        storage_url=f"file://{tmp_path_factory.mktemp('files')}",
        # Cheap Argon2 (the default takes ~0.2 s a hash): sign-ins in tests stay fast.
        argon2_memory_kib=1024,
        argon2_time_cost=1,
    )


@pytest.fixture(scope="session")
def app(settings: Settings) -> Iterator[FastAPI]:
    """The app, running (its lifespan entered) for the whole session: every client of it —
    ``client``, and the browsers of ``tests.factories.browser_client`` — shares its loop."""
    app = create_app(settings)
    with TestClient(app) as running:
        app.state.test_portal = running.portal
        app.state.test_client = running
        yield app


@pytest.fixture(scope="session")
def client(app: FastAPI) -> TestClient:
    test_client: TestClient = app.state.test_client
    return test_client


@pytest.fixture(scope="session")
def db(app: FastAPI) -> Database:
    database: Database = app.state.runtime.db
    return database


@pytest.fixture
def tenant(db: Database) -> TenantHandle:
    return make_tenant(db)


@pytest.fixture
def other_tenant(db: Database) -> TenantHandle:
    return make_tenant(db)


@pytest.fixture
def api(client: TestClient, tenant: TenantHandle) -> Api:
    return Api(client, tenant.key)


@pytest.fixture
def other_api(client: TestClient, other_tenant: TenantHandle) -> Api:
    return Api(client, other_tenant.key)


def pytest_report_header() -> str:
    return f"database: {'PostgreSQL' if POSTGRES_ADMIN_URL else 'SQLite'}"
