from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

import pytest

from peoplelens.db import Database
from tests.factories import Api, TenantHandle, make_tenant, unique_email

SEED_KEYS = {
    "id",
    "first_name",
    "last_name",
    "email",
    "status",
    "job_id",
    "job_searches",
    "external_id",
    "metadata",
}


def _events(db: Database, tenant: TenantHandle) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from peoplelens.models import Event

    with db.read_session() as s:
        rows = s.scalars(
            select(Event).where(Event.tenant_id == tenant.id).order_by(Event.created_at, Event.id)
        ).all()
        return [r.payload for r in rows]


def walk_cursor(api: Api, *, limit: int) -> list[str]:
    """Every candidate id, following pagination.next_cursor to the end."""
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        page = api.get("/api/v1/candidates", params=params).json()
        seen += [c["id"] for c in page["data"]]
        cursor = page["pagination"]["next_cursor"]
        if cursor is None:
            return seen


class TestGetCandidate:
    def test_seed_shape_with_embedded_job(self, api: Api) -> None:
        job = api.job(title="Frontend Developer")
        cand = api.candidate(first_name="Jane", last_name="Doe", job_id=job["id"])
        body = api.get(f"/api/v1/candidates/{cand['id']}").json()
        assert set(body) >= SEED_KEYS
        assert body["id"].startswith("can-") and uuid.UUID(body["id"][4:])
        assert body["job_id"] == job["id"]
        assert body["job_searches"] == {
            "id": job["id"],
            "title": "Frontend Developer",
            "status": "active",
        }
        assert body["status"] == "active" and body["metadata"] == {}
        assert body["created_at"].endswith("Z")

    @pytest.mark.parametrize("form", ["prefixed", "underscore", "bare", "bare_hex"])
    def test_every_id_form(self, api: Api, form: str) -> None:
        cand = api.candidate()
        raw = cand["id"][4:]
        path_id = {
            "prefixed": cand["id"],
            "underscore": f"can_{raw}",
            "bare": raw,
            "bare_hex": uuid.UUID(raw).hex,
        }[form]
        r = api.get(f"/api/v1/candidates/{path_id}")
        assert r.status_code == 200 and r.json()["id"] == cand["id"]

    @pytest.mark.parametrize("bad", ["job-{u}", "nonsense", "can-123", "{u}x", "%20"])
    def test_wrong_kind_or_malformed_id_is_404(self, api: Api, bad: str) -> None:
        r = api.get(f"/api/v1/candidates/{bad.format(u=uuid.uuid4())}")
        assert r.status_code == 404
        assert r.json()["error"]["type"] == "not_found_error"

    def test_missing_and_foreign_ids_answer_identically(self, api: Api, other_api: Api) -> None:
        theirs = other_api.candidate()
        missing = api.get(f"/api/v1/candidates/{theirs['id'][:-1]}0").json()["error"]
        foreign = api.get(f"/api/v1/candidates/{theirs['id']}").json()["error"]
        for err in (missing, foreign):
            err.pop("request_id")
            err["message"] = err["message"].split("'")[0]
        assert missing == foreign

    def test_etag_and_304(self, api: Api) -> None:
        cand = api.candidate()
        first = api.get(f"/api/v1/candidates/{cand['id']}")
        etag = first.headers["etag"]
        assert etag.startswith('"') and not etag.startswith("W/")
        again = api.get(f"/api/v1/candidates/{cand['id']}", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        api.patch(f"/api/v1/candidates/{cand['id']}", json={"first_name": "Changed"})
        changed = api.get(f"/api/v1/candidates/{cand['id']}", headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag


class TestCreateCandidate:
    def test_create_fires_event_and_audit(
        self, api: Api, db: Database, tenant: TenantHandle
    ) -> None:
        cand = api.candidate(
            phone="+49 30 1234",
            linkedin_url="https://linkedin.com/in/x",
            metadata={"source": "referral"},
            external_id="ext-1",
        )
        assert cand["phone"] == "+49 30 1234" and cand["stage"] == "applied"
        events = [e for e in _events(db, tenant) if e["event"] == "candidate.created"]
        assert len(events) == 1
        assert events[0]["data"] == cand
        assert events[0]["id"].startswith("evt-") and events[0]["timestamp"].endswith("Z")
        audit = api.get("/api/v1/audit-logs", params={"action": "CANDIDATE_CREATED"}).json()
        assert [e["entity_id"] for e in audit["data"]] == [cand["id"]]

    def test_email_unique_case_insensitive(self, api: Api) -> None:
        email = unique_email()
        first = api.candidate(email=email)
        r = api.post(
            "/api/v1/candidates", json={"first_name": "X", "last_name": "Y", "email": email.upper()}
        )
        assert r.status_code == 409
        err = r.json()["error"]
        assert err["type"] == "conflict_error" and err["param"] == "email"
        assert first["id"] in err["message"] and err["existing_id"] == first["id"]

    def test_same_email_in_two_tenants_is_fine(self, api: Api, other_api: Api) -> None:
        email = unique_email()
        api.candidate(email=email)
        other_api.candidate(email=email)

    def test_external_id_unique(self, api: Api) -> None:
        api.candidate(external_id="ats-42")
        r = api.post(
            "/api/v1/candidates",
            json={
                "first_name": "X",
                "last_name": "Y",
                "email": unique_email(),
                "external_id": "ats-42",
            },
        )
        assert r.status_code == 409 and r.json()["error"]["param"] == "external_id"

    def test_unknown_job_and_stage(self, api: Api, other_api: Api) -> None:
        foreign_job = other_api.job()
        base = {"first_name": "X", "last_name": "Y", "email": unique_email()}
        r = api.post("/api/v1/candidates", json={**base, "job_id": foreign_job["id"]})
        assert r.status_code == 404 and r.json()["error"]["param"] == "job_id"
        r = api.post("/api/v1/candidates", json={**base, "stage": "nowhere"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_stage"

    def test_quota(self, client: Any, db: Database) -> None:
        small = make_tenant(db, candidate_quota=2)
        api = Api(client, small.key)
        api.candidate()
        api.candidate()
        r = api.post(
            "/api/v1/candidates",
            json={"first_name": "X", "last_name": "Y", "email": unique_email()},
        )
        assert r.status_code == 403 and r.json()["error"]["code"] == "quota_exceeded"


BAD_BODIES = [
    ({"first_name": 5, "last_name": "B", "email": "a@example.com"}, 422, "first_name"),
    ({"first_name": "A", "last_name": "B", "email": "not-an-email"}, 422, "email"),
    ({"first_name": "A", "last_name": "B"}, 422, "email"),
    ({"first_name": "", "last_name": "B", "email": "a@example.com"}, 422, "first_name"),
    (
        {"first_name": "A", "last_name": "B", "email": "a@example.com", "colour": "red"},
        422,
        "colour",
    ),
    (
        {"first_name": "A", "last_name": "B", "email": "a@example.com", "status": "maybe"},
        422,
        "status",
    ),
    ({"first_name": "A" * 201, "last_name": "B", "email": "a@example.com"}, 422, "first_name"),
    (
        {
            "first_name": "A",
            "last_name": "B",
            "email": "a@example.com",
            "metadata": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": 1}}}}}}}}},
        },
        422,
        "metadata",
    ),
    (
        {"first_name": "A", "last_name": "B", "email": "a@example.com", "metadata": []},
        422,
        "metadata",
    ),
    (
        {
            "first_name": "A",
            "last_name": "B",
            "email": "a@example.com",
            "linkedin_url": "javascript:alert(1)",
        },
        422,
        "linkedin_url",
    ),
    ([1, 2, 3], 422, None),
]


class TestBadInput:
    @pytest.mark.parametrize(("body", "status", "param"), BAD_BODIES)
    def test_create_rejects(self, api: Api, body: Any, status: int, param: str | None) -> None:
        before = api.get("/api/v1/candidates").json()["pagination"]["total"]
        r = api.post("/api/v1/candidates", json=body)
        assert r.status_code == status, r.text
        err = r.json()["error"]
        assert err["type"] == "invalid_request_error" and err["param"] == param
        assert err["message"] and err["request_id"]
        assert api.get("/api/v1/candidates").json()["pagination"]["total"] == before

    @pytest.mark.parametrize(
        ("body", "param"),
        [
            ({"email": "nope"}, "email"),
            ({"first_name": None}, "first_name"),
            ({"status": "gone"}, "status"),
            ({"stage": "nowhere"}, "stage"),
            ({"id": "x"}, "id"),
            ({"metadata": "x"}, "metadata"),
            ({"job_id": "job-" + str(uuid.uuid4())}, "job_id"),
        ],
    )
    def test_patch_rejects_and_changes_nothing(self, api: Api, body: Any, param: str) -> None:
        cand = api.candidate()
        r = api.patch(f"/api/v1/candidates/{cand['id']}", json=body)
        assert r.status_code in (404, 422), r.text
        assert r.json()["error"]["param"] == param
        assert api.get(f"/api/v1/candidates/{cand['id']}").json() == cand

    def test_malformed_json_is_400(self, api: Api) -> None:
        r = api.post(
            "/api/v1/candidates",
            content=b'{"first_name": ',
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 400
        assert r.json()["error"]["code"] == "malformed_json"

    def test_wrong_content_type_is_415(self, api: Api) -> None:
        r = api.post(
            "/api/v1/candidates",
            content=b"first_name=A",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert r.status_code == 415
        assert r.json()["error"]["code"] == "unsupported_media_type"

    def test_oversized_body_is_413(self, api: Api) -> None:
        body = {
            "first_name": "A",
            "last_name": "B",
            "email": unique_email(),
            "metadata": {"blob": "x" * (1024 * 1024 + 10)},
        }
        r = api.post(
            "/api/v1/candidates",
            content=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 413
        assert r.json()["error"]["code"] == "payload_too_large"

    def test_chunked_oversized_body_is_413(self, api: Api) -> None:
        def chunks() -> Any:
            yield b'{"first_name": "'
            for _ in range(300):
                yield b"x" * 4096
            yield b'"}'

        r = api.post(
            "/api/v1/candidates", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 413


class TestPatchCandidate:
    def test_seed_example_fields(self, api: Api, db: Database, tenant: TenantHandle) -> None:
        cand = api.candidate()
        r = api.patch(
            f"/api/v1/candidates/{cand['id']}",
            json={
                "first_name": "Jane",
                "last_name": "Doe",
                "email": "Jane.Doe@Example.com",
                "status": "hired",
                "external_id": "string",
                "metadata": {"k": 1},
            },
        )
        assert r.status_code == 200
        body = r.json()
        assert (body["first_name"], body["status"], body["external_id"]) == (
            "Jane",
            "hired",
            "string",
        )
        assert body["email"] == "Jane.Doe@example.com"
        kinds = [e["event"] for e in _events(db, tenant)]
        assert kinds.count("candidate.updated") == 1
        assert kinds.count("candidate.status_changed") == 1
        assert "candidate.stage_changed" not in kinds
        updated = next(e for e in _events(db, tenant) if e["event"] == "candidate.updated")
        assert updated["data"]["previous_attributes"]["status"] == "active"
        audit = api.get("/api/v1/audit-logs", params={"action": "CANDIDATE_UPDATED"}).json()
        assert set(audit["data"][0]["details"]["fields"]) == {
            "first_name",
            "last_name",
            "email",
            "status",
            "external_id",
            "metadata",
        }
        # Audit entries never carry the values.
        assert "Jane" not in json.dumps(audit)

    def test_stage_change_event_and_null_clears(
        self, api: Api, db: Database, tenant: TenantHandle
    ) -> None:
        job = api.job()
        cand = api.candidate(job_id=job["id"], phone="123")
        r = api.patch(
            f"/api/v1/candidates/{cand['id']}",
            json={"stage": "screening", "job_id": None, "phone": None},
        )
        body = r.json()
        assert body["stage"] == "screening" and body["job_id"] is None
        assert body["job_searches"] is None and body["phone"] is None
        staged = [e for e in _events(db, tenant) if e["event"] == "candidate.stage_changed"]
        assert staged[0]["data"]["previous_attributes"] == {"stage": "applied"}

    def test_no_change_no_event(self, api: Api, db: Database, tenant: TenantHandle) -> None:
        cand = api.candidate()
        r = api.patch(f"/api/v1/candidates/{cand['id']}", json={"first_name": "Ada"})
        assert r.status_code == 200
        assert [e["event"] for e in _events(db, tenant)] == ["candidate.created"]

    def test_email_taken_by_other_candidate(self, api: Api) -> None:
        a = api.candidate()
        b = api.candidate()
        r = api.patch(f"/api/v1/candidates/{b['id']}", json={"email": a["email"]})
        assert r.status_code == 409


class TestListCandidates:
    def test_filters(self, api: Api) -> None:
        job = api.job()
        a = api.candidate(first_name="Grace", last_name="Hopper", job_id=job["id"])
        b = api.candidate(first_name="Alan", last_name="Turing", external_id="t-1")
        api.patch(f"/api/v1/candidates/{b['id']}", json={"status": "rejected"})

        def ids(**params: Any) -> list[str]:
            r = api.get("/api/v1/candidates", params=params)
            assert r.status_code == 200, r.text
            return [c["id"] for c in r.json()["data"]]

        assert ids() == [b["id"], a["id"]]
        assert ids(job_id=job["id"]) == [a["id"]]
        assert ids(status="rejected") == [b["id"]]
        assert ids(q="hopp") == [a["id"]]
        assert ids(q="grace h") == [a["id"]]
        assert ids(email=a["email"].upper()) == [a["id"]]
        assert ids(external_id="t-1") == [b["id"]]
        assert ids(stage="applied") == [b["id"], a["id"]]
        assert ids(q="%") == []
        assert ids(created_after=a["created_at"]) == [b["id"]]

    def test_items_equal_single_reads_and_totals_follow_filters(self, api: Api) -> None:
        job = api.job(title="SRE")
        a = api.candidate(first_name="Ada", last_name="Byron", job_id=job["id"], metadata={"x": 1})
        b = api.candidate(first_name="Ada", last_name="King")
        c = api.candidate(first_name="Bob", last_name="Byron")
        page = api.get("/api/v1/candidates", params={"limit": 3}).json()
        assert [item["id"] for item in page["data"]] == [c["id"], b["id"], a["id"]]
        for item in page["data"]:
            assert item == api.get(f"/api/v1/candidates/{item['id']}").json()
        assert page["data"][2]["job_searches"]["title"] == "SRE"
        first = api.get("/api/v1/candidates", params={"q": "ada", "limit": 1}).json()
        assert first["pagination"]["total"] == 2 and [x["id"] for x in first["data"]] == [b["id"]]
        rest = api.get(
            "/api/v1/candidates",
            params={"q": "ada", "limit": 1, "cursor": first["pagination"]["next_cursor"]},
        ).json()
        assert [x["id"] for x in rest["data"]] == [a["id"]]
        assert rest["pagination"]["next_cursor"] is None and rest["pagination"]["total"] == 2
        both = api.get("/api/v1/candidates", params={"q": "byron", "job_id": job["id"]}).json()
        assert [x["id"] for x in both["data"]] == [a["id"]] and both["pagination"]["total"] == 1
        time.sleep(0.01)
        api.patch(f"/api/v1/candidates/{a['id']}", json={"stage": "screening"})
        later = api.get("/api/v1/candidates", params={"updated_after": c["updated_at"]}).json()
        assert [x["id"] for x in later["data"]] == [a["id"]]
        assert later["pagination"]["total"] == 1

    def test_pagination_offset_and_cursor(self, api: Api) -> None:
        made = [api.candidate()["id"] for _ in range(7)][::-1]
        page = api.get("/api/v1/candidates", params={"limit": 3, "offset": 3}).json()
        assert [c["id"] for c in page["data"]] == made[3:6]
        assert page["pagination"]["total"] == 7 and page["pagination"]["offset"] == 3
        assert walk_cursor(api, limit=3) == made

    @pytest.mark.parametrize(
        "params",
        [
            {"limit": 0},
            {"limit": 101},
            {"offset": -1},
            {"cursor": "garbage"},
            {"status": "nope"},
            {"created_after": "yesterday"},
        ],
    )
    def test_bad_list_params(self, api: Api, params: dict[str, Any]) -> None:
        r = api.get("/api/v1/candidates", params=params)
        assert r.status_code == 422, r.text
        assert r.json()["error"]["param"] == next(iter(params))

    def test_cursor_sees_every_row_once_during_concurrent_inserts(
        self, api: Api, client: Any, tenant: TenantHandle
    ) -> None:
        existing = {api.candidate()["id"] for _ in range(25)}
        stop = threading.Event()
        inserted: list[str] = []
        writer = Api(client, tenant.key)

        def insert_more() -> None:
            while not stop.is_set() and len(inserted) < 40:
                inserted.append(writer.candidate()["id"])

        thread = threading.Thread(target=insert_more)
        thread.start()
        try:
            seen = walk_cursor(api, limit=4)
        finally:
            stop.set()
            thread.join()
        assert len(seen) == len(set(seen)), "a row was returned twice"
        assert existing <= set(seen), "a row that existed before paging was skipped"
        assert inserted, "the writer thread inserted nothing; the test proved nothing"


class TestBulk:
    def _items(self, n: int, **extra: Any) -> list[dict[str, Any]]:
        return [
            {"first_name": f"F{i}", "last_name": "L", "email": unique_email(), **extra}
            for i in range(n)
        ]

    def test_creates_all(self, api: Api, db: Database, tenant: TenantHandle) -> None:
        job = api.job()
        r = api.post(
            "/api/v1/candidates/bulk",
            json={"candidates": self._items(50, job_id=job["id"], phone="+1 555")},
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["created"] == 50 and len(body["data"]) == 50
        assert body["data"][0]["job_searches"]["id"] == job["id"]
        listed = api.get("/api/v1/candidates", params={"job_id": job["id"], "limit": 1}).json()
        assert listed["pagination"]["total"] == 50
        created = [e for e in _events(db, tenant) if e["event"] == "candidate.created"]
        assert len(created) == 50
        audit = api.get("/api/v1/audit-logs", params={"action": "CANDIDATE_CREATED"}).json()
        assert audit["pagination"]["total"] == 50

    @pytest.mark.parametrize(
        "defect", ["bad_email", "dup_in_batch", "dup_existing", "unknown_job", "unknown_field"]
    )
    def test_one_bad_item_creates_nothing(self, api: Api, defect: str) -> None:
        items = self._items(10)
        if defect == "bad_email":
            items[7]["email"] = "broken"
        elif defect == "dup_in_batch":
            items[7]["email"] = items[2]["email"].upper()
        elif defect == "dup_existing":
            items[7]["email"] = api.candidate()["email"]
        elif defect == "unknown_job":
            items[7]["job_id"] = f"job-{uuid.uuid4()}"
        else:
            items[7]["nickname"] = "x"
        before = api.get("/api/v1/candidates").json()["pagination"]["total"]
        r = api.post("/api/v1/candidates/bulk", json={"candidates": items})
        assert r.status_code in (404, 409, 422), r.text
        assert r.json()["error"]["param"].startswith("candidates[7]")
        assert api.get("/api/v1/candidates").json()["pagination"]["total"] == before

    def test_quota_overflow_creates_nothing(self, client: Any, db: Database) -> None:
        api = Api(client, make_tenant(db, candidate_quota=10).key)
        api.candidate()
        r = api.post("/api/v1/candidates/bulk", json={"candidates": self._items(10)})
        assert r.status_code == 403 and r.json()["error"]["code"] == "quota_exceeded"
        assert api.get("/api/v1/candidates").json()["pagination"]["total"] == 1

    def test_limits(self, api: Api) -> None:
        assert api.post("/api/v1/candidates/bulk", json={"candidates": []}).status_code == 422
        r = api.post("/api/v1/candidates/bulk", json={"candidates": self._items(1001)})
        assert r.status_code == 422 and r.json()["error"]["param"] == "candidates"

    def test_thousand(self, api: Api) -> None:
        r = api.post("/api/v1/candidates/bulk", json={"candidates": self._items(1000)})
        assert r.status_code == 201 and r.json()["created"] == 1000
