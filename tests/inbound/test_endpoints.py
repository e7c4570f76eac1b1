"""POST /api/v1/inbound/{provider} (spec §9 "Inbound", §14) on the real app and database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.time import utcnow
from peoplelens.models import AuditEntry, Event, InboundEvent
from peoplelens.retention.tasks import sweep
from tests.factories import Api, TenantHandle, unique_email
from tests.inbound.payloads import (
    generic,
    recruitee_candidate,
    recruitee_event,
    recruitee_moved,
    recruitee_offer,
)

GENERIC = "/api/v1/inbound/generic"
RECRUITEE = "/api/v1/inbound/recruitee"


class Ats:
    """An ATS holding an `inbound` key, sending as Recruitee does: the key in the URL."""

    def __init__(self, client: TestClient, tenant: TenantHandle) -> None:
        self.client = client
        self.key_id, self.key = tenant.new_key(["inbound"])

    def send(self, path: str, body: Any) -> Any:
        return self.client.post(path, params={"api_token": self.key}, json=body)


@pytest.fixture
def ats(client: TestClient, tenant: TenantHandle) -> Ats:
    return Ats(client, tenant)


def _events(db: Database, tenant: TenantHandle) -> list[str]:
    with db.read_session() as s:
        rows = s.scalars(
            select(Event.type)
            .where(Event.tenant_id == tenant.id)
            .order_by(Event.created_at, Event.id)
        ).all()
        return list(rows)


def _audit(db: Database, tenant: TenantHandle) -> list[tuple[str, dict[str, Any]]]:
    with db.read_session() as s:
        rows = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.tenant_id == tenant.id)
            .order_by(AuditEntry.created_at, AuditEntry.id)
        ).all()
        return [(r.action, dict(r.details)) for r in rows]


def _new(external_id: str, **fields: Any) -> dict[str, Any]:
    return generic(
        external_id, first_name="Grace", last_name="Hopper", email=unique_email(), **fields
    )


class TestAuthentication:
    def test_query_token_or_bearer(self, ats: Ats, client: TestClient) -> None:
        assert ats.send(GENERIC, _new("q-1")).status_code == 200
        r = client.post(GENERIC, json=_new("h-1"), headers={"Authorization": f"Bearer {ats.key}"})
        assert r.status_code == 200, r.text

    def test_no_or_bad_token_is_401(self, client: TestClient) -> None:
        r = client.post(GENERIC, json=_new("x"))
        assert r.status_code == 401 and r.json()["error"]["code"] == "missing_api_key"
        bad = "pl_live_" + "z" * 43
        r = client.post(GENERIC, params={"api_token": bad}, json=_new("x"))
        assert r.status_code == 401 and bad not in r.text

    @pytest.mark.parametrize("scopes", [None, ["write"], ["admin"], ["read"]])
    def test_only_an_inbound_key(
        self, client: TestClient, tenant: TenantHandle, scopes: list[str] | None
    ) -> None:
        _, key = tenant.new_key(scopes)
        for sent in (
            {"params": {"api_token": key}},
            {"headers": {"Authorization": f"Bearer {key}"}},
        ):
            r = client.post(GENERIC, json=_new("nope"), **sent)  # type: ignore[arg-type]
            assert r.status_code == 403, r.text
            assert r.json()["error"]["code"] == "insufficient_scope"

    def test_an_inbound_key_can_do_nothing_else(self, ats: Ats, client: TestClient) -> None:
        r = client.get("/api/v1/candidates", headers={"Authorization": f"Bearer {ats.key}"})
        assert r.status_code == 403
        r = client.post(
            "/api/v1/candidates",
            headers={"Authorization": f"Bearer {ats.key}"},
            json={"first_name": "A", "last_name": "B", "email": unique_email()},
        )
        assert r.status_code == 403

    def test_query_token_elsewhere_is_no_credential(self, api: Api, client: TestClient) -> None:
        for path in ("/api/v1/candidates", "/api/v1/jobs", "/api/v1/audit-logs"):
            r = client.get(path, params={"api_token": api.key})
            assert r.status_code == 401, r.text
            assert r.json()["error"]["code"] == "missing_api_key"
            assert api.key not in r.text
        # ... and does not disturb the other parameters of an authenticated call.
        made = api.candidate()
        r = client.get(
            "/api/v1/candidates",
            params={"email": made["email"], "api_token": "ignored"},
            headers={"Authorization": f"Bearer {api.key}"},
        )
        assert [c["id"] for c in r.json()["data"]] == [made["id"]]

    def test_key_creation(self, api: Api) -> None:
        r = api.post("/api/v1/api-keys", json={"name": "Recruitee", "scopes": ["inbound"]})
        assert r.status_code == 201 and r.json()["scopes"] == ["inbound"]
        r = api.post("/api/v1/api-keys", json={"name": "mixed", "scopes": ["inbound", "read"]})
        assert r.status_code == 422 and r.json()["error"]["param"] == "scopes"


class TestGeneric:
    def test_create_update_unchanged_archive(
        self, ats: Ats, api: Api, db: Database, tenant: TenantHandle
    ) -> None:
        body = _new("ats-7", phone="+1 555 0100", job={"external_id": "req-3", "title": "SRE"})
        r = ats.send(GENERIC, body)
        assert r.status_code == 200, r.text
        first = r.json()
        assert first["outcome"] == "created" and first["replayed"] is False
        candidate = api.get(f"/api/v1/candidates/{first['candidate_id']}").json()
        assert candidate["external_id"] == "ats-7" and candidate["job_id"] == first["job_id"]
        job = api.get(f"/api/v1/jobs/{first['job_id']}").json()
        assert (job["title"], job["external_id"]) == ("SRE", "req-3")

        again = ats.send(GENERIC, body).json()  # no event id: no dedupe, and nothing changes
        assert again["outcome"] == "unchanged" and again["candidate_id"] == first["candidate_id"]

        api.patch(f"/api/v1/candidates/{first['candidate_id']}", json={"metadata": {"mine": 1}})
        moved = generic("ats-7", stage="interview", metadata={"ats": {"score": 3}})
        assert ats.send(GENERIC, moved).json()["outcome"] == "updated"
        candidate = api.get(f"/api/v1/candidates/{first['candidate_id']}").json()
        assert candidate["stage"] == "interview"
        assert candidate["metadata"] == {"mine": 1, "ats": {"score": 3}}  # merged, not replaced

        gone = ats.send(GENERIC, generic("ats-7", event="candidate.deleted")).json()
        assert gone["outcome"] == "updated"
        assert api.get(f"/api/v1/candidates/{first['candidate_id']}").json()["status"] == "archived"

        assert _events(db, tenant) == [
            "job.created",
            "candidate.created",
            "candidate.updated",  # the recruiter's PATCH
            "candidate.updated",
            "candidate.stage_changed",
            "candidate.updated",
            "candidate.status_changed",
        ]
        by_ats = [(a, d) for a, d in _audit(db, tenant) if d.get("via") == "inbound:generic"]
        assert [a for a, _ in by_ats] == [
            "JOB_CREATED",
            "CANDIDATE_CREATED",
            "CANDIDATE_UPDATED",
            "CANDIDATE_UPDATED",
        ]
        assert all(d["key_id"] == f"key-{ats.key_id}" for _, d in by_ats)

    def test_archive_of_an_unknown_candidate_is_ignored(self, ats: Ats) -> None:
        r = ats.send(GENERIC, generic("never-seen", event="candidate.deleted"))
        assert r.status_code == 200 and r.json()["outcome"] == "ignored"

    def test_job_update_by_external_id(self, ats: Ats, api: Api) -> None:
        first = ats.send(GENERIC, _new("j-1", job={"external_id": "req-9", "title": "Old"})).json()
        second = ats.send(
            GENERIC,
            generic("j-1", job={"external_id": "req-9", "title": "New", "status": "paused"}),
        ).json()
        assert second["job_id"] == first["job_id"]
        job = api.get(f"/api/v1/jobs/{first['job_id']}").json()
        assert (job["title"], job["status"]) == ("New", "paused")
        # The same job again: not written (no event, the same updated_at).
        ats.send(GENERIC, generic("j-1", job={"external_id": "req-9", "title": "New"}))
        assert api.get(f"/api/v1/jobs/{first['job_id']}").json() == job

    @pytest.mark.parametrize(
        ("body", "status", "param"),
        [
            (generic("n-1", first_name="A", last_name="B"), 422, "candidate.email"),
            (
                generic("n-2", first_name="A", last_name="B", email="not-mail"),
                422,
                "candidate.email",
            ),
            (generic("n-3", first_name="A", email="a@example.com"), 422, "candidate.last_name"),
            (
                generic("n-4", first_name="A", last_name="B", email="x@example.com", stage="moon"),
                422,
                "candidate.stage",
            ),
            (generic("n-5", job={"external_id": "r"}), 422, "candidate.job.title"),
            ({"candidate": {"external_id": "n-6"}, "extra": 1}, 422, "extra"),
        ],
    )
    def test_refusals_use_the_candidate_rules(
        self, ats: Ats, api: Api, body: dict[str, Any], status: int, param: str
    ) -> None:
        before = api.get("/api/v1/candidates").json()["pagination"]["total"]
        r = ats.send(GENERIC, body)
        assert r.status_code == status, r.text
        assert r.json()["error"]["param"] == param
        assert api.get("/api/v1/candidates").json()["pagination"]["total"] == before
        assert api.get("/api/v1/jobs").json()["pagination"]["total"] == 0

    def test_unknown_provider_and_non_object_body(self, ats: Ats) -> None:
        r = ats.send("/api/v1/inbound/workday", _new("w"))
        assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_provider"
        assert ats.send(GENERIC, [1, 2]).status_code == 422
        r = ats.client.post(
            GENERIC,
            params={"api_token": ats.key},
            content=b"{",
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 400


class TestIdempotency:
    def test_redelivery_replays_and_changes_nothing(
        self, ats: Ats, db: Database, tenant: TenantHandle
    ) -> None:
        body = _new("dup-1", event_id="evt-1")
        first = ats.send(GENERIC, body).json()
        events, audit = _events(db, tenant), _audit(db, tenant)
        changed = {**body, "candidate": {**body["candidate"], "first_name": "Changed"}}
        again = ats.send(GENERIC, changed)
        assert again.status_code == 200
        assert again.json() == {**first, "replayed": True}
        assert _events(db, tenant) == events and _audit(db, tenant) == audit
        # The same event id from another provider, or another tenant, is another event.
        assert ats.send(RECRUITEE, {"test": True}).json()["outcome"] == "ignored"

    def test_refusal_is_recorded_and_the_retry_runs_again(
        self, ats: Ats, api: Api, db: Database, tenant: TenantHandle
    ) -> None:
        taken = api.candidate()
        event = recruitee_event(
            "new_candidate", recruitee_candidate(501, taken["email"].upper()), recruitee_offer(8)
        )
        r = ats.send(RECRUITEE, event)
        assert r.status_code == 409, r.text
        err = r.json()["error"]
        assert err["code"] == "duplicate_email" and taken["id"] in err["message"]
        with db.read_session() as s:
            row = s.scalars(select(InboundEvent).where(InboundEvent.tenant_id == tenant.id)).one()
            assert (row.outcome, row.event_id) == ("rejected", str(event["id"]))
            assert row.answer["error"]["code"] == "duplicate_email"
        assert api.get("/api/v1/jobs").json()["pagination"]["total"] == 0  # rolled back

        api.delete(f"/api/v1/candidates/{taken['id']}")
        retry = ats.send(RECRUITEE, {**event, "attempt_count": 2})
        assert retry.status_code == 200 and retry.json()["outcome"] == "created"
        with db.read_session() as s:
            assert s.scalars(
                select(InboundEvent.outcome).where(InboundEvent.tenant_id == tenant.id)
            ).all() == ["created"]

    def test_rows_go_with_the_event_window(
        self, ats: Ats, db: Database, settings: Settings, tenant: TenantHandle
    ) -> None:
        ats.send(GENERIC, _new("old-1", event_id="old"))
        ats.send(GENERIC, _new("new-1", event_id="new"))
        with db.write_session() as s:
            s.execute(
                update(InboundEvent)
                .where(InboundEvent.tenant_id == tenant.id, InboundEvent.event_id == "old")
                .values(received_at=utcnow() - timedelta(days=400))
            )
            s.commit()
        assert sweep(db, settings)["inbound_events"] >= 1
        with db.read_session() as s:
            left = s.scalars(
                select(InboundEvent.event_id).where(InboundEvent.tenant_id == tenant.id)
            ).all()
        assert left == ["new"]


class TestRecruitee:
    def test_pipeline_of_a_candidate(
        self, ats: Ats, api: Api, db: Database, tenant: TenantHandle
    ) -> None:
        person, offer = recruitee_candidate(900, unique_email()), recruitee_offer(31)
        created = ats.send(RECRUITEE, recruitee_event("new_candidate", person, offer)).json()
        assert created["outcome"] == "created"
        can = api.get(f"/api/v1/candidates/{created['candidate_id']}").json()
        assert (can["first_name"], can["last_name"], can["external_id"]) == (
            "Ada King",
            "Lovelace",
            "recruitee:900",
        )
        assert can["linkedin_url"] == "https://www.linkedin.com/in/ada-lovelace"
        assert can["job_searches"]["title"] == "Backend Engineer"

        # A stage the account has is set; one it lacks is kept in metadata only.
        assert (
            ats.send(RECRUITEE, recruitee_moved(person, offer, "Screening")).json()["outcome"]
            == "updated"
        )
        ats.send(RECRUITEE, recruitee_moved(person, offer, "Culture fit", "Screening"))
        can = api.get(f"/api/v1/candidates/{created['candidate_id']}").json()
        assert can["stage"] == "screening"
        assert can["metadata"]["recruitee"]["stage"] == "Culture fit"

        ats.send(RECRUITEE, recruitee_event("candidate_disqualified", person, offer))
        assert api.get(f"/api/v1/candidates/{can['id']}").json()["status"] == "rejected"
        ats.send(RECRUITEE, recruitee_event("candidate_requalified", person, offer))
        assert api.get(f"/api/v1/candidates/{can['id']}").json()["status"] == "active"
        ats.send(RECRUITEE, recruitee_event("candidate_deleted", person))
        assert api.get(f"/api/v1/candidates/{can['id']}").json()["status"] == "archived"

        types = _events(db, tenant)
        assert types.count("candidate.created") == 1 and types.count("job.created") == 1
        assert types.count("candidate.stage_changed") == 1
        assert types.count("candidate.status_changed") == 3
        vias = {d.get("via", "") for _, d in _audit(db, tenant)}
        assert any(v.startswith("inbound:recruitee:") for v in vias)

    def test_test_request_and_unused_events_answer_200(self, ats: Ats, api: Api) -> None:
        r = ats.send(RECRUITEE, {"test": True})
        assert r.status_code == 200 and r.json()["outcome"] == "ignored"
        r = ats.send(RECRUITEE, recruitee_event("interview_event_created", {"id": 1}))
        assert r.status_code == 200 and r.json()["outcome"] == "ignored"
        assert api.get("/api/v1/candidates").json()["pagination"]["total"] == 0

    def test_malformed_is_422(self, ats: Ats) -> None:
        r = ats.send(RECRUITEE, {"id": 1, "event_type": "new_candidate", "payload": {"x": 1}})
        assert r.status_code == 422 and r.json()["error"]["param"] == "payload.candidate"
        r = ats.send(RECRUITEE, recruitee_event("new_candidate", {"id": 2, "name": "No Mail"}))
        assert r.status_code == 422 and r.json()["error"]["param"] == "payload.candidate.email"

    def test_tenants_are_apart(
        self, ats: Ats, client: TestClient, other_tenant: TenantHandle, other_api: Api
    ) -> None:
        person = recruitee_candidate(77, unique_email())
        event = recruitee_event("new_candidate", person, event_id=555_555)
        mine = ats.send(RECRUITEE, event).json()
        theirs = Ats(client, other_tenant).send(RECRUITEE, event).json()
        assert mine["outcome"] == theirs["outcome"] == "created"
        assert mine["candidate_id"] != theirs["candidate_id"]
        assert other_api.get(f"/api/v1/candidates/{mine['candidate_id']}").status_code == 404


class TestJobsExternalId:
    def test_unique_per_account(self, api: Api, other_api: Api) -> None:
        job = api.job(external_id="req-1")
        assert job["external_id"] == "req-1"
        r = api.post("/api/v1/jobs", json={"title": "Twin", "external_id": "req-1"})
        assert r.status_code == 409 and r.json()["error"]["code"] == "duplicate_external_id"
        assert other_api.job(external_id="req-1")["external_id"] == "req-1"
        other = api.job(title="Other")
        r = api.put(f"/api/v1/jobs/{other['id']}", json={"external_id": "req-1"})
        assert r.status_code == 409
        assert (
            api.put(f"/api/v1/jobs/{job['id']}", json={"external_id": "req-1"}).status_code == 200
        )
        r = api.post(
            "/api/v1/jobs/bulk",
            json={"jobs": [{"title": "A", "external_id": "b"}, {"title": "B", "external_id": "b"}]},
        )
        assert r.status_code == 422
