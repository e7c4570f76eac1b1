"""The event feed (spec §14): order, paging, filters, tombstones, isolation, bad input."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import text

from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.events.repository import EVENT_TYPES, EventOutbox
from tests.factories import Api, TenantHandle


def _read_all(api: Api, **params: Any) -> list[dict[str, Any]]:
    """Every event, page by page, as an integration catching up reads them."""
    seen: list[dict[str, Any]] = []
    after = None
    while True:
        query = {**params, **({"starting_after": after} if after else {})}
        r = api.get("/api/v1/events", params=query)
        assert r.status_code == 200, r.text
        body = r.json()
        seen += body["data"]
        after = body["pagination"]["next_cursor"]
        if not body["has_more"]:
            return seen


def _all(api: Api, expect: int, **params: Any) -> list[dict[str, Any]]:
    """The whole feed once it holds ``expect`` events. On PostgreSQL the feed shows an event
    once every transaction older than it has ended — also another process's on the same
    server (a parallel test run) — so a read may briefly trail the last commit."""
    deadline = time.monotonic() + 10
    while True:
        seen = _read_all(api, **params)
        if len(seen) >= expect or time.monotonic() > deadline:
            return seen
        time.sleep(0.02)


def test_feed_lists_changes_in_order_with_the_webhook_envelope(api: Api) -> None:
    job = api.job(title="Feed job")
    first = api.candidate(first_name="Ada", job_id=job["id"])
    api.patch(f"/api/v1/candidates/{first['id']}", json={"stage": "screening"})
    events = _all(api, 4)
    assert [e["event"] for e in events] == [
        "job.created",
        "candidate.created",
        "candidate.updated",
        "candidate.stage_changed",
    ]
    created = events[1]
    assert set(created) == {"id", "event", "timestamp", "data"}
    assert created["id"].startswith("evt-") and created["timestamp"].endswith("Z")
    assert created["data"]["id"] == first["id"]
    assert created["data"]["first_name"] == "Ada"


def test_paging_by_starting_after_sees_each_event_once(api: Api) -> None:
    for n in range(7):
        api.candidate(first_name=f"Page{n}")
    assert len(_all(api, 7)) == 7
    pages = []
    after = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if after:
            params["starting_after"] = after
        body = api.get("/api/v1/events", params=params).json()
        pages.append([e["data"]["first_name"] for e in body["data"]])
        after = body["pagination"]["next_cursor"]
        if not body["has_more"]:
            break
    assert pages == [
        ["Page0", "Page1", "Page2"],
        ["Page3", "Page4", "Page5"],
        ["Page6"],
    ]
    # Caught up: polling from the cursor answers nothing new, and the cursor stays put.
    body = api.get("/api/v1/events", params={"starting_after": after}).json()
    assert body["data"] == [] and body["has_more"] is False
    assert body["pagination"]["next_cursor"] == after
    # Something new: the poll picks it up from there.
    api.candidate(first_name="Late")
    assert len(_all(api, 8)) == 8
    body = api.get("/api/v1/events", params={"starting_after": after}).json()
    assert [e["data"]["first_name"] for e in body["data"]] == ["Late"]


def test_types_filter_names_and_families(api: Api) -> None:
    job = api.job()
    cand = api.candidate()
    api.put(f"/api/v1/jobs/{job['id']}", json={"status": "closed"})
    assert len(_all(api, 4)) == 4
    only_jobs = _read_all(api, types="job.*")
    assert [e["event"] for e in only_jobs] == ["job.created", "job.updated", "job.closed"]
    two = _read_all(api, types=["candidate.created", "job.closed"])
    assert [e["event"] for e in two] == ["candidate.created", "job.closed"]
    assert two[0]["data"]["id"] == cand["id"]
    comma = _read_all(api, types="candidate.created,job.closed")
    assert comma == two


def test_deletions_leave_tombstones_without_personal_data(api: Api) -> None:
    cand = api.candidate(first_name="Erasable", email="erase.me@example.com")
    job = api.job(title="Temporary")
    assert api.delete(f"/api/v1/candidates/{cand['id']}").status_code == 200
    assert api.delete(f"/api/v1/jobs/{job['id']}").status_code == 200
    events = _all(api, 4)
    assert [e["event"] for e in events] == [
        "candidate.created",
        "job.created",
        "candidate.deleted",
        "job.deleted",
    ]
    assert events[2]["data"] == {"id": cand["id"], "deleted": True}
    assert events[3]["data"] == {"id": job["id"], "deleted": True}
    text = str(events)
    assert "Erasable" not in text and "erase.me@example.com" not in text


def test_another_tenants_event_is_not_found(api: Api, other_api: Api) -> None:
    api.candidate()
    theirs = _read_all(other_api)
    other_api.candidate()
    mine = _all(api, 1)
    assert len(mine) == 1
    r = other_api.get("/api/v1/events", params={"starting_after": mine[0]["id"]})
    assert r.status_code == 404
    assert r.json()["error"]["param"] == "starting_after"
    assert [e["event"] for e in _all(other_api, len(theirs) + 1)] == [
        *(e["event"] for e in theirs),
        "candidate.created",
    ]


def test_bad_parameters_answer_the_envelope(api: Api) -> None:
    for params, param in [
        ({"types": "candidate.exploded"}, "types"),
        ({"types": "nothing.*"}, "types"),
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"starting_after": "not-an-id"}, "starting_after"),
    ]:
        r = api.get("/api/v1/events", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.json()["error"]["param"] == param
    r = api.get(
        "/api/v1/events",
        params={"starting_after": "can-" + "0" * 8 + "-0000-4000-8000-" + "0" * 12},
    )
    assert r.status_code == 404


def test_every_event_type_is_a_feed_filter(api: Api) -> None:
    r = api.get("/api/v1/events", params={"types": ",".join(EVENT_TYPES)})
    assert r.status_code == 200 and r.json()["data"] == []


def test_a_late_commit_never_falls_behind_a_readers_cursor(
    api: Api, db: Database, tenant: TenantHandle
) -> None:
    """An event whose transaction began first but commits last: on PostgreSQL the feed holds
    back what came after it until it commits, then shows both in commit-safe order; a reader
    polling meanwhile never moves its cursor past it. (SQLite has one writer at a time: the
    open transaction would block the second one instead, so there is nothing to hold back.)"""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrent writers exist on PostgreSQL only")
    with db.write_session() as slow:
        slow.execute(text("SELECT pg_current_xact_id()"))  # the transaction exists from here
        EventOutbox(slow, Principal.system(tenant.id)).emit("job.created", {"id": "job-slow"})
        slow.flush()
        api.candidate(first_name="Quick")  # begins and commits while the first is open
        body = api.get("/api/v1/events").json()
        assert body["data"] == []  # the quick one waits behind the open transaction
        slow.commit()
    events = _all(api, 2)
    assert [e["event"] for e in events] == ["job.created", "candidate.created"]
