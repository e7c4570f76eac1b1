"""The read lane (kit/db/prepared.py, lanes.ReadLane): raw-driver reads must return exactly what the
ORM returns, stay inside the tenant, and the hot dispatch must take only the routes it owns."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import bindparam, select

from peoplelens.auth.keys import create_key
from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateReads
from peoplelens.candidates.rules import ROW_COLUMNS as _PROFILE_FIELDS
from peoplelens.db import Database
from peoplelens.kit.db.prepared import Prepared
from peoplelens.kit.ratelimit import RateLimiter
from peoplelens.kit.repository import TenantReads
from peoplelens.kit.time import utcnow
from peoplelens.models import Candidate, InterviewPlan
from tests.factories import Api, TenantHandle
from tests.kit.lanes import run_on_lanes


def _uuid(public_id: str) -> uuid.UUID:
    return uuid.UUID(public_id.split("-", 1)[1])


def test_profile_read_equals_the_orm_row(api: Api, db: Database, tenant: TenantHandle) -> None:
    job = api.job(title="Data Engineer")
    made = api.candidate(
        job_id=job["id"], metadata={"k": "v", "n": 1, "nested": {"a": [1, 2]}}, phone="+1 555"
    )
    cid = _uuid(made["id"])
    found = run_on_lanes(db, CandidateReads(db.reads, Principal.system(tenant.id)).profile(cid))
    assert found is not None
    record, job_record = found
    with db.read_session() as session:
        row = session.get(Candidate, cid)
        assert row is not None
        for name in _PROFILE_FIELDS:
            assert getattr(record, name) == getattr(row, name), name
            assert type(getattr(record, name)) is type(getattr(row, name)), name
    assert record.created_at.tzinfo == UTC
    assert job_record is not None
    assert (job_record.id, job_record.title) == (_uuid(job["id"]), "Data Engineer")


def test_profile_without_job_and_latest_plan(api: Api, db: Database, tenant: TenantHandle) -> None:
    made = api.candidate()
    cid = _uuid(made["id"])
    reads = CandidateReads(db.reads, Principal.system(tenant.id))
    found = run_on_lanes(db, reads.profile(cid))
    assert found is not None and found[1] is None
    found = run_on_lanes(db, reads.with_latest_plan(cid))
    assert found is not None and found[1] is None

    template = api.template()
    first = api.invite(made["id"], template["id"])
    second = api.invite(made["id"], template["id"])
    found = run_on_lanes(db, reads.with_latest_plan(cid))
    assert found is not None and found[1] is not None
    with db.read_session() as session:
        latest = session.get(InterviewPlan, _uuid(second["plan_id"]))
        assert latest is not None
    assert found[1].id == latest.id != _uuid(first["plan_id"])
    assert found[1].expires_at == latest.expires_at


def test_reads_stay_in_the_tenant(
    api: Api, db: Database, tenant: TenantHandle, other_tenant: TenantHandle
) -> None:
    cid = _uuid(api.candidate()["id"])
    other = CandidateReads(db.reads, Principal.system(other_tenant.id))
    assert run_on_lanes(db, other.profile(cid)) is None
    assert run_on_lanes(db, other.with_latest_plan(cid)) is None


def test_a_read_without_tenant_scope_is_refused(db: Database, tenant: TenantHandle) -> None:
    unscoped = Prepared(select(Candidate.id).where(Candidate.id == bindparam("id")))
    reads = TenantReads(db.reads, Principal.system(tenant.id))
    with pytest.raises(RuntimeError, match="tenant_scope"):
        run_on_lanes(db, reads.one(unscoped, id=uuid.uuid4()))


def test_hot_dispatch_owns_only_the_read_lane_gets(app: FastAPI) -> None:
    hot = app.state.hot_routes
    assert sorted(route.path for _, route in hot.routes) == [
        "/api/v1/candidates/{id}",
        "/api/v1/candidates/{id}/status",
    ]

    def scope(method: str, path: str) -> dict[str, Any]:
        return {"type": "http", "method": method, "path": path, "root_path": ""}

    assert hot.match(scope("GET", "/api/v1/candidates/can-1")) is not None
    assert hot.match(scope("GET", "/api/v1/candidates/can-1/status")) is not None
    for method, path in [
        ("HEAD", "/api/v1/candidates/can-1"),
        ("PATCH", "/api/v1/candidates/can-1"),
        ("GET", "/api/v1/candidates"),
        ("GET", "/api/v1/candidates/can-1/status/x"),
        ("GET", "/api/v1/candidates/bulk/x"),
    ]:
        assert hot.match(scope(method, path)) is None, (method, path)


def test_read_lane_and_orm_presenters_agree(api: Api) -> None:
    job = api.job(title="Platform")
    made = api.candidate(job_id=job["id"], metadata={"source": "referral"})
    one = api.get(f"/api/v1/candidates/{made['id']}").json()  # read lane
    listed = api.get("/api/v1/candidates", params={"email": made["email"]}).json()  # ORM
    assert listed["data"] == [one] and one == made


def test_cached_key_still_expires_on_time(api: Api, tenant: TenantHandle) -> None:
    with tenant.db.write_session() as session:
        _row, secret = create_key(
            session,
            Principal.system(tenant.id),
            name="short",
            expires_at=utcnow() + timedelta(seconds=1.5),
        )
        session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    cid = api.candidate()["id"]
    assert api.client.get(f"/api/v1/candidates/{cid}", headers=headers).status_code == 200
    time.sleep(1.6)
    late = api.client.get(f"/api/v1/candidates/{cid}", headers=headers)  # within the cache TTL
    assert late.status_code == 401
    assert late.json()["error"]["code"] == "api_key_expired"


def test_memory_rate_limit_counts_per_key_and_limit() -> None:
    limiter = RateLimiter("memory://")
    who = uuid.uuid4().hex
    headers = [limiter.hit_key("key", who, 3, "for this key") for _ in range(3)]
    assert [h["RateLimit-Remaining"] for h in headers] == ["2", "1", "0"]
    with pytest.raises(Exception, match="Rate limit of 3"):
        limiter.hit_key("key", who, 3, "for this key")
    assert limiter.hit_key("key", uuid.uuid4().hex, 3, "x")["RateLimit-Remaining"] == "2"
    assert limiter.hit_key("key", who, 5, "x")["RateLimit-Remaining"] == "4"  # new limit
    assert 0 < int(headers[0]["RateLimit-Reset"]) <= 60
