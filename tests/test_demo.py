"""`peoplelens demo` prints the same key on every run while that key still works."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from peoplelens.app import create_app
from peoplelens.auth.repository import find_key_by_hash
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.time import utcnow
from peoplelens.models import ApiKey, Tenant
from tests.databases import throwaway_database
from tests.factories import Api, TenantHandle
from tests.live_server import BIN
from tests.web.workspace.conftest import text_of

# The CLI in subprocesses: `make test-fast` skips it.
pytestmark = pytest.mark.slow


@pytest.fixture
def demo_env(tmp_path: Path) -> Iterator[tuple[dict[str, str], Database]]:
    """A database of its own: the demo tenant's slug is global."""
    with throwaway_database(tmp_path) as url:
        env = {
            **os.environ,
            "PEOPLELENS_DATABASE_URL": url,
            "PEOPLELENS_SECRET_KEY_FILE": str(tmp_path / ".peoplelens-secret"),
            "PEOPLELENS_AI_ENCODER": "lexical",
            # The demo attaches a resume: its file goes here, not into the checkout's ./data.
            "PEOPLELENS_STORAGE_URL": f"file://{tmp_path / 'files'}",
        }
        env.pop("PEOPLELENS_DEMO_KEY_FILE", None)
        db = Database.connect(url)
        try:
            yield env, db
        finally:
            db.dispose()


def _demo(env: dict[str, str]) -> tuple[str, str]:
    done = subprocess.run(
        [str(BIN), "demo"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1], done.stderr


def _demo_keys(db: Database) -> tuple[int, int]:
    """(all, not revoked) key rows of the demo tenant."""
    with db.read_session() as session:
        tenant = session.scalars(select(Tenant.id).where(Tenant.slug == "demo")).one()
        rows = select(func.count()).select_from(ApiKey).where(ApiKey.tenant_id == tenant)
        every = session.scalar(rows) or 0
        unrevoked = session.scalar(rows.where(ApiKey.revoked_at.is_(None))) or 0
        return every, unrevoked


def _revoke(env: dict[str, str], db: Database, key: str) -> None:
    with db.read_session() as session:
        found = find_key_by_hash(session, sha256_hex(key))
    assert found is not None
    done = subprocess.run(
        [str(BIN), "api-keys", "revoke", f"key-{found.key_id}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_demo_reuses_its_key(demo_env: tuple[dict[str, str], Database], tmp_path: Path) -> None:
    env, db = demo_env
    key_file = tmp_path / ".peoplelens-demo-key"  # next to the secret file

    first, said = _demo(env)
    assert first.startswith("pl_live_") and "created demo tenant" in said
    assert key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    again, said = _demo(env)
    assert again == first and "reusing the demo key" in said
    assert _demo_keys(db) == (1, 1)

    # Revoked: the next run makes a new key and keeps that one instead.
    _revoke(env, db, first)
    fresh, said = _demo(env)
    assert fresh != first and "new demo key" in said
    assert key_file.read_text().strip() == fresh
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _demo_keys(db) == (2, 1)
    assert _demo(env)[0] == fresh


def test_demo_replaces_an_expired_or_foreign_key(
    demo_env: tuple[dict[str, str], Database], tmp_path: Path
) -> None:
    env, db = demo_env
    key_file = tmp_path / ".peoplelens-demo-key"
    first, _ = _demo(env)
    with db.write_session() as session:
        session.execute(
            update(ApiKey)
            .where(ApiKey.key_hash == sha256_hex(first))
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
        session.commit()
    second, _ = _demo(env)
    assert second != first

    # A key this database never saw (another database's, or garbage) is replaced too.
    key_file.write_text("pl_live_not-a-key-of-this-database\n")
    third, _ = _demo(env)
    assert third not in {first, second}
    assert key_file.read_text().strip() == third
    assert _demo_keys(db) == (3, 3)  # nothing revoked: one expired, one never kept


def test_the_key_file_can_be_placed(
    demo_env: tuple[dict[str, str], Database], tmp_path: Path
) -> None:
    env, _ = demo_env
    elsewhere = tmp_path / "keys" / "demo"
    elsewhere.parent.mkdir()
    key, _ = _demo({**env, "PEOPLELENS_DEMO_KEY_FILE": str(elsewhere)})
    assert elsewhere.read_text().strip() == key
    assert not (tmp_path / ".peoplelens-demo-key").exists()


def test_demo_has_an_admin_to_sign_in_as(demo_env: tuple[dict[str, str], Database]) -> None:
    """`make run` prints a set-password link for the demo admin: a second command, so the
    demo's stdout stays the key alone."""
    from peoplelens.models import User

    env, db = demo_env
    key, said = _demo(env)
    assert "admin: admin@demo.example" in said
    again, _ = _demo(env)  # the admin is made once
    assert again == key
    with db.read_session() as session:
        admins = session.scalars(select(User).where(User.email_key == "admin@demo.example")).all()
        assert [u.role for u in admins] == ["admin"]
    done = subprocess.run(
        [str(BIN), "users", "reset-password", "--tenant", "demo", "--email", "admin@demo.example"],
        env={**env, "PEOPLELENS_PUBLIC_URL": "http://127.0.0.1:8123"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("http://127.0.0.1:8123/set-password/")
    assert len(done.stdout.strip().splitlines()) == 1


def test_the_demo_shows_every_page_with_data(
    demo_env: tuple[dict[str, str], Database], tmp_path: Path
) -> None:
    """A job with someone in every stage (the pipeline opens on it), a scored interview, a
    booked team interview, one in progress, a parsed resume — read through the API and the
    pages of a server on the demo's database."""
    env, db = demo_env
    key, _ = _demo(env)
    settings = Settings(
        env="test",
        database_url=env["PEOPLELENS_DATABASE_URL"],
        secret_key_file=Path(env["PEOPLELENS_SECRET_KEY_FILE"]),
        storage_url=env["PEOPLELENS_STORAGE_URL"],
        embedded_worker=False,  # what the demo shows is there before any worker runs
        ai_encoder="lexical",
        rate_limit_per_minute=100_000,
    )
    with TestClient(create_app(settings)) as client:
        api = Api(client, key)
        people = api.get("/api/v1/candidates", params={"limit": 100}).json()["data"]
        frontend = [
            c for c in people if (c["job_searches"] or {}).get("title") == "Frontend Developer"
        ]
        assert {c["stage"] for c in frontend} == {
            "applied",
            "screening",
            "interview",
            "offer",
            "hired",
            "rejected",
        }
        assert {(c["stage"], c["status"]) for c in frontend} >= {
            ("hired", "hired"),
            ("rejected", "rejected"),
        }
        assert len(people) >= 12 and len({c["last_name"] for c in people}) == len(people)

        plans = api.get("/api/v1/interviews", params={"limit": 50}).json()["data"]
        steps = {(s["title"], s["status"]): (p, s) for p in plans for s in p["steps"]}
        assert ("AI screening", "in_progress") in steps
        finished, _ = steps[("AI screening", "completed")]
        card = api.get(f"/api/v1/interviews/{finished['id']}/scorecard").json()
        assert card["assessments"][0]["scorecard"]["overall_score"] is not None
        booked_plan, booked = steps[("Team interview", "scheduled")]
        assert booked_plan["id"] == finished["id"]  # screened, then booked with Sam
        start = datetime.fromisoformat(booked["scheduled_start"])
        assert start > datetime.now(UTC) and start.weekday() < 5
        sam = api.get(f"/api/v1/users/{booked['interviewer_id']}").json()
        assert (sam["first_name"], sam["last_name"]) == ("Sam", "Weber")

        ravi = next(c for c in people if c["first_name"] == "Ravi")
        docs = api.get(f"/api/v1/candidates/{ravi['id']}/documents").json()
        assert [d["parse_status"] for d in docs] == ["parsed"]

        # The pipeline opens on Frontend Developer, for the demo admin.
        tenant = _demo_tenant(db)
        person = tenant.new_person("admin", settings.resolved_secret_key())
        page = client.get("/pipeline", headers=person.headers(csrf=False))
        assert page.status_code == 200, page.text
        shown = text_of(page.text)
        assert "Pipeline Frontend Developer" in shown and "Amara Okafor" in shown


def _demo_tenant(db: Database) -> TenantHandle:
    with db.read_session() as session:
        tenant = session.scalars(select(Tenant).where(Tenant.slug == "demo")).one()
        return TenantHandle(tenant.id, tenant.slug, "", db)
