"""The request boundary's steps, each on its own (boundary/: authenticate, limits, transaction,
etag, hot), against the real app and database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from peoplelens.app import create_app
from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.boundary.dependencies import ReadPrincipal, SessionDep
from peoplelens.boundary.etag import etag_for, etag_matches
from peoplelens.boundary.router import api_router
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.db.transaction import tx_of
from peoplelens.models import AuditEntry
from tests.factories import Api, TenantHandle, token_of
from tests.kit.lanes import run_on_lanes

# -- ETag -------------------------------------------------------------------------------------


def test_etag_comparison() -> None:
    tag = etag_for(b'{"a":1}')
    assert tag.startswith('"') and len(tag) == 42
    assert etag_matches(tag, tag) and etag_matches(f"W/{tag}", tag)
    assert etag_matches(f'"other", {tag}', tag) and etag_matches("*", tag)
    assert not etag_matches('"other"', tag)


def test_a_matching_if_none_match_is_a_bodyless_304(api: Api) -> None:
    cand = api.candidate()
    first = api.get(f"/api/v1/candidates/{cand['id']}")
    again = api.get(
        f"/api/v1/candidates/{cand['id']}", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    api.patch(f"/api/v1/candidates/{cand['id']}", json={"first_name": "Changed"})
    changed = api.get(
        f"/api/v1/candidates/{cand['id']}", headers={"If-None-Match": first.headers["etag"]}
    )
    assert changed.status_code == 200 and changed.headers["etag"] != first.headers["etag"]


# -- authenticate, before anything else --------------------------------------------------------


def test_authentication_comes_before_the_request_shape(api: Api, tenant: TenantHandle) -> None:
    no_key = api.client.post(
        "/api/v1/candidates", content=b"x", headers={"Content-Type": "text/plain"}
    )
    assert no_key.status_code == 401
    _, read_key = tenant.new_key(["read"])
    low = Api(api.client, read_key).post(
        "/api/v1/candidates", content=b"{not json", headers={"Content-Type": "text/plain"}
    )
    assert low.status_code == 403 and low.json()["error"]["code"] == "insufficient_scope"


# -- trailing slashes ---------------------------------------------------------------------------


def test_a_trailing_slash_is_the_same_path_never_a_redirect(api: Api) -> None:
    cand = api.candidate()
    hostile = {"Host": "evil.example"}
    for path in (
        "/api/v1/candidates",
        f"/api/v1/candidates/{cand['id']}",
        f"/api/v1/candidates/{cand['id']}/status",
    ):
        plain = api.get(path, params={"email": cand["email"]})
        slashed = api.get(path + "/", params={"email": cand["email"]}, headers=hostile)
        assert slashed.status_code == 200, slashed.text
        assert "location" not in slashed.headers
        assert slashed.json() == plain.json()
    r = api.post("/api/v1/jobs/", json={"title": "Slash"}, headers=hostile)
    assert r.status_code == 201 and "location" not in r.headers
    r = api.get("/api/v1/nothing-here/", headers=hostile)
    assert r.status_code == 404 and "location" not in r.headers


# -- limits: one per-address budget for the link's page and its JSON ----------------------------


@pytest.fixture
def tight_link_limit(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update={"link_rate_limit_per_minute": 4}))
    with TestClient(app) as client:
        yield client


def test_the_booking_page_shares_the_token_routes_limit(
    api: Api, tight_link_limit: TestClient
) -> None:
    invite = api.invite(api.candidate()["id"], api.template()["id"])
    token = token_of(invite)
    page, session = f"/book/{token}", f"/api/v1/interview-sessions/{token}"
    seen = [tight_link_limit.get(p).status_code for p in (page, session, page, session)]
    assert seen == [200, 200, 200, 200]
    for path in (page, session, "/book/not-a-real-token-at-all-xxxxxx"):
        r = tight_link_limit.get(path)
        assert r.status_code == 429, path
        assert int(r.headers["retry-after"]) >= 1
    assert "text/html" in tight_link_limit.get(page).headers["content-type"]


# -- transaction: one interface, two adapters -------------------------------------------------


def test_session_queue_is_sent_with_the_commit_and_dropped_on_rollback(
    db: Database, tenant: TenantHandle
) -> None:
    principal = Principal.system(tenant.id)
    with db.write_session() as session:
        AuditLog(session, principal).record("TEST_KEPT", "test", None)
        assert tx_of(session).queued  # queued, not yet sent
        session.commit()
    with db.write_session() as session:
        AuditLog(session, principal).record("TEST_DROPPED", "test", None)
        session.rollback()
        assert not tx_of(session).queued
        session.commit()
    with db.read_session() as session:
        actions = set(session.scalars(select(AuditEntry.action)).all())
    assert "TEST_KEPT" in actions and "TEST_DROPPED" not in actions


def test_a_savepoint_rollback_drops_only_what_came_after_it(
    db: Database, tenant: TenantHandle
) -> None:
    principal = Principal.system(tenant.id)
    with db.write_session() as session:
        AuditLog(session, principal).record("TEST_BEFORE_SAVEPOINT", "test", None)
        savepoint = session.begin_nested()
        AuditLog(session, principal).record("TEST_IN_SAVEPOINT", "test", None)
        savepoint.rollback()
        session.commit()
    with db.write_session() as session:
        AuditLog(session, principal).record("TEST_NEVER_COMMITTED", "test", None)
        session.close()  # ends the transaction without a commit
        session.commit()  # a new, empty transaction: nothing left to send
    with db.read_session() as session:
        actions = set(session.scalars(select(AuditEntry.action)).all())
    assert "TEST_BEFORE_SAVEPOINT" in actions
    assert not actions & {"TEST_IN_SAVEPOINT", "TEST_NEVER_COMMITTED"}


def test_one_writer_gives_the_same_row_on_both_adapters(db: Database, tenant: TenantHandle) -> None:
    principal = Principal.system(tenant.id, via="adapter-test")

    async def on_lane() -> None:
        async with db.writes.transaction() as tx:
            AuditLog(tx, principal).record("TEST_ADAPTER", "lane", "x-1", {"n": 1})

    run_on_lanes(db, on_lane())
    with db.write_session() as session:
        AuditLog(session, principal).record("TEST_ADAPTER", "session", "x-1", {"n": 1})
        session.commit()
    with db.read_session() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "TEST_ADAPTER")).all()
    mine = [r for r in rows if r.tenant_id == tenant.id]
    assert sorted(r.entity_type for r in mine) == ["lane", "session"]
    lane, sess = sorted(mine, key=lambda r: r.entity_type)
    for column in ("action", "entity_id", "user_id", "details", "tenant_id"):
        assert getattr(lane, column) == getattr(sess, column), column
    assert type(lane.created_at) is type(sess.created_at) and lane.created_at.tzinfo


# -- hot routes: declared, and refused where they cannot work ---------------------------------


def test_a_hot_route_must_be_a_lane_get() -> None:
    router = api_router("test")
    with pytest.raises(TypeError, match="hot route"):

        @router.get("/test/{id}", hot=True)
        def not_on_the_lane(
            id: str, principal: ReadPrincipal, session: SessionDep
        ) -> dict[str, str]:
            return {}


def test_the_hot_path_refuses_middleware_it_would_skip(settings: Settings) -> None:
    inside: FastAPI = create_app(settings)
    inside.user_middleware.append(Middleware(GZipMiddleware))  # below the dispatcher
    with pytest.raises(RuntimeError, match="GZipMiddleware"), TestClient(inside) as client:
        client.get("/healthz")
    inside.state.runtime.db.dispose()


def test_middleware_outside_the_hot_path_is_kept(settings: Settings, api: Api) -> None:
    outside: FastAPI = create_app(settings)
    outside.add_middleware(GZipMiddleware, minimum_size=1)  # added last: the outermost layer
    cand = api.candidate()
    with TestClient(outside) as client:
        r = client.get(
            f"/api/v1/candidates/{cand['id']}",
            headers={"Authorization": f"Bearer {api.key}", "Accept-Encoding": "gzip"},
        )
    outside.state.runtime.db.dispose()
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.json()["id"] == cand["id"]
