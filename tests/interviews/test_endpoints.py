from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.interviews.plans import progress
from peoplelens.kit.errors import Conflict
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import BookingLink, Event, InterviewPlan, InterviewStep
from tests.factories import Api, TenantHandle


def _setup(api: Api) -> tuple[dict[str, Any], dict[str, Any]]:
    job = api.job()
    return api.candidate(job_id=job["id"]), api.template()


class TestInvite:
    def test_single_template(self, api: Api, db: Database, tenant: TenantHandle) -> None:
        cand, tpl = _setup(api)
        out = api.invite(cand["id"], tpl["id"])
        assert out["plan_id"].startswith("plan-") and out["status"] == "active"
        assert [(s["type"], s["status"], s["order"]) for s in out["steps"]] == [
            ("ai_interview", "pending", 1)
        ]
        link = out["booking_link"]
        assert link["id"].startswith("bkl-") and link["expires_at"].endswith("Z")
        assert link["url"].startswith("http://testserver/book/")
        token = link["url"].rsplit("/", 1)[1]
        assert len(token) >= 43  # 256-bit HMAC, url-safe
        with db.read_session() as s:
            stored = s.scalars(select(BookingLink)).all()
            hashes = {row.token_hash for row in stored}
        assert hashlib.sha256(token.encode()).hexdigest() in hashes
        assert all(token not in h for h in hashes)
        # The invited event carries no link secret.
        with db.read_session() as s:
            payloads = [
                e.payload
                for e in s.scalars(
                    select(Event).where(
                        Event.tenant_id == tenant.id, Event.type == "interview.invited"
                    )
                )
            ]
        assert len(payloads) == 1 and token not in str(payloads)
        assert payloads[0]["data"]["plan_id"] == out["plan_id"]

    def test_steps(self, api: Api) -> None:
        cand, tpl = _setup(api)
        r = api.post(
            "/api/v1/interviews/invite",
            json={
                "candidate_id": cand["id"],
                "expires_in_hours": 2,
                "steps": [
                    {"title": "AI", "type": "ai_interview", "template_id": tpl["id"]},
                    {"title": "Panel", "type": "human_interview"},
                ],
            },
        )
        assert r.status_code == 201, r.text
        plan = api.get(f"/api/v1/interviews/{r.json()['plan_id']}").json()
        assert [s["title"] for s in plan["steps"]] == ["AI", "Panel"]
        assert plan["total_steps"] == 2 and plan["job_id"] == cand["job_id"]

    @pytest.mark.parametrize(
        ("body", "status", "param"),
        [
            ({}, 422, "candidate_id"),
            ({}, 422, None),
            ({"template_id": "T", "steps": [{"title": "x", "type": "human_interview"}]}, 422, None),
            ({"steps": [{"title": "x", "type": "ai_interview"}]}, 422, "steps[0].template_id"),
            ({"steps": [{"title": "x", "type": "phone"}]}, 422, "steps[0].type"),
            ({"template_id": "T", "expires_in_hours": 0}, 422, "expires_in_hours"),
            ({"template_id": "tpl-" + str(uuid.uuid4())}, 404, "template_id"),
            ({"template_id": "T", "job_id": "job-" + str(uuid.uuid4())}, 404, "job_id"),
            ({"template_id": "T", "job_id": "garbage"}, 422, "job_id"),
        ],
    )
    def test_bad_input(
        self, api: Api, body: dict[str, Any], status: int, param: str | None
    ) -> None:
        cand, tpl = _setup(api)
        body = {k: (tpl["id"] if v == "T" else v) for k, v in body.items()}
        if param != "candidate_id":
            body["candidate_id"] = cand["id"]
        r = api.post("/api/v1/interviews/invite", json=body)
        assert r.status_code == status, r.text
        assert r.json()["error"]["param"] == param
        assert api.get("/api/v1/interviews").json()["pagination"]["total"] == 0

    def test_foreign_ids_in_body(self, api: Api, other_api: Api) -> None:
        cand, tpl = _setup(api)
        their_cand, their_tpl = _setup(other_api)
        for body in (
            {"candidate_id": their_cand["id"], "template_id": tpl["id"]},
            {"candidate_id": cand["id"], "template_id": their_tpl["id"]},
        ):
            r = api.post("/api/v1/interviews/invite", json=body)
            assert r.status_code == 404

    def test_inactive_candidate(self, api: Api) -> None:
        cand, tpl = _setup(api)
        api.patch(f"/api/v1/candidates/{cand['id']}", json={"status": "archived"})
        r = api.post(
            "/api/v1/interviews/invite", json={"candidate_id": cand["id"], "template_id": tpl["id"]}
        )
        assert r.status_code == 409 and r.json()["error"]["code"] == "candidate_not_active"


class TestBookingLinks:
    def test_lists_active_unused_links(self, api: Api) -> None:
        cand, tpl = _setup(api)
        first = api.invite(cand["id"], tpl["id"])
        second = api.invite(cand["id"], tpl["id"])
        r = api.get("/api/v1/interviews/booking-links", params={"candidate_id": cand["id"]})
        links = r.json()["booking_links"]
        assert [link["id"] for link in links] == [
            second["booking_link"]["id"],
            first["booking_link"]["id"],
        ]
        assert links[1]["url"] == first["booking_link"]["url"]
        assert set(links[0]) == {"id", "slug", "url", "candidate_id", "step_id", "expires_at"}
        api.post(f"/api/v1/interviews/{first['plan_id']}/cancel")
        links = api.get(
            "/api/v1/interviews/booking-links", params={"candidate_id": cand["id"]}
        ).json()["booking_links"]
        assert [link["id"] for link in links] == [second["booking_link"]["id"]]

    def test_one_candidate_keeps_the_docs_shape(self, api: Api) -> None:
        cand, tpl = _setup(api)
        api.invite(cand["id"], tpl["id"])
        body = api.get(
            "/api/v1/interviews/booking-links", params={"candidate_id": cand["id"], "limit": 1}
        ).json()
        assert set(body) == {"booking_links"} and len(body["booking_links"]) == 1

    def test_unknown_candidate(self, api: Api, other_api: Api) -> None:
        foreign, tpl = _setup(other_api)
        other_api.invite(foreign["id"], tpl["id"])
        r = api.get("/api/v1/interviews/booking-links", params={"candidate_id": foreign["id"]})
        assert r.status_code == 404 and r.json()["error"]["param"] == "candidate_id"


class TestPlans:
    def test_cancel_twice(self, api: Api) -> None:
        cand, tpl = _setup(api)
        plan = api.invite(cand["id"], tpl["id"])
        r = api.post(f"/api/v1/interviews/{plan['plan_id']}/cancel")
        assert r.json()["status"] == "cancelled"
        assert r.json()["steps"][0]["status"] == "cancelled"
        again = api.post(f"/api/v1/interviews/{plan['plan_id']}/cancel")
        assert again.status_code == 409
        status = api.get(f"/api/v1/candidates/{cand['id']}/status").json()
        assert status["status"] == "cancelled"

    def test_list_filters(self, api: Api) -> None:
        cand, tpl = _setup(api)
        other, _ = _setup(api)
        a = api.invite(cand["id"], tpl["id"])
        b = api.invite(other["id"], tpl["id"])
        api.post(f"/api/v1/interviews/{b['plan_id']}/cancel")

        def ids(**params: Any) -> list[str]:
            return [p["id"] for p in api.get("/api/v1/interviews", params=params).json()["data"]]

        assert ids() == [b["plan_id"], a["plan_id"]]
        assert ids(candidate_id=cand["id"]) == [a["plan_id"]]
        assert ids(status="cancelled") == [b["plan_id"]]
        assert ids(job_id=cand["job_id"]) == [a["plan_id"]]

    def test_decision_hire(self, api: Api, db: Database, tenant: TenantHandle) -> None:
        cand, tpl = _setup(api)
        plan = api.invite(cand["id"], tpl["id"])
        r = api.post(
            f"/api/v1/interviews/{plan['plan_id']}/decision",
            json={"status": "hire", "notes": "Great"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["decision"] == "hire" and r.json()["decision_notes"] == "Great"
        after = api.get(f"/api/v1/candidates/{cand['id']}").json()
        assert (after["status"], after["stage"]) == ("hired", "hired")
        with db.read_session() as s:
            kinds = list(s.scalars(select(Event.type).where(Event.tenant_id == tenant.id)))
        for kind in (
            "interview.decision",
            "candidate.stage_changed",
            "candidate.status_changed",
            "candidate.updated",
        ):
            assert kind in kinds

    def test_decision_stage_and_plan_status(self, api: Api) -> None:
        cand, tpl = _setup(api)
        plan = api.invite(cand["id"], tpl["id"])
        r = api.post(
            f"/api/v1/interviews/{plan['plan_id']}/decision",
            json={"status": "advance", "stage": "offer"},
        )
        assert api.get(f"/api/v1/candidates/{cand['id']}").json()["stage"] == "offer"
        r = api.post(f"/api/v1/interviews/{plan['plan_id']}/decision", json={"status": "completed"})
        assert r.json()["status"] == "completed"
        for body in ({"status": "maybe"}, {"status": "advance", "stage": "moon"}, {}):
            bad = api.post(f"/api/v1/interviews/{plan['plan_id']}/decision", json=body)
            assert bad.status_code == 422


class TestProgress:
    """The step service keeps plan counters and the seed's status endpoint right."""

    def _steps(self, db: Database, plan_id: str) -> list[InterviewStep]:
        with db.read_session() as s:
            return list(
                s.scalars(
                    select(InterviewStep)
                    .where(InterviewStep.plan_id == try_parse("plan", plan_id))
                    .order_by(InterviewStep.position)
                )
            )

    def _do(self, db: Database, tenant: TenantHandle, step_id: uuid.UUID, action: str) -> None:
        with db.write_session() as s:
            step = s.get(InterviewStep, step_id)
            assert step is not None
            getattr(progress, f"{action}_step")(s, Principal.system(tenant.id), step)
            s.commit()

    def test_status_walks_through_the_plan(
        self, api: Api, db: Database, tenant: TenantHandle
    ) -> None:
        cand, tpl = _setup(api)
        status_url = f"/api/v1/candidates/{cand['id']}/status"
        assert api.get(status_url).json() == {
            "candidate_id": cand["id"],
            "candidate_name": "Ada Lovelace",
            "status": "not_invited",
            "latest_interview": None,
        }
        r = api.post(
            "/api/v1/interviews/invite",
            json={
                "candidate_id": cand["id"],
                "steps": [
                    {"title": "AI", "type": "ai_interview", "template_id": tpl["id"]},
                    {"title": "Panel", "type": "human_interview"},
                    {"title": "Extra", "type": "human_interview"},
                ],
            },
        )
        plan_id = r.json()["plan_id"]
        body = api.get(status_url).json()
        assert body["status"] == "invited"
        assert body["latest_interview"]["plan_id"] == plan_id
        assert (
            body["latest_interview"]["total_steps"],
            body["latest_interview"]["completed_steps"],
        ) == (3, 0)
        etag = api.get(status_url).headers["etag"]
        assert api.get(status_url, headers={"If-None-Match": etag}).status_code == 304

        first, second, third = self._steps(db, plan_id)
        self._do(db, tenant, first.id, "start")
        assert api.get(status_url, headers={"If-None-Match": etag}).status_code == 200
        assert api.get(status_url).json()["status"] == "in_progress"
        self._do(db, tenant, first.id, "complete")
        body = api.get(status_url).json()
        assert body["status"] == "in_progress"
        assert body["latest_interview"]["completed_steps"] == 1
        self._do(db, tenant, second.id, "skip")
        self._do(db, tenant, third.id, "start")
        self._do(db, tenant, third.id, "complete")
        body = api.get(status_url).json()
        assert body["status"] == "completed"
        assert body["latest_interview"]["plan_status"] == "completed"
        assert body["latest_interview"]["completed_steps"] == 2

    def test_illegal_transitions(self, api: Api, db: Database, tenant: TenantHandle) -> None:
        cand, tpl = _setup(api)
        plan = api.invite(cand["id"], tpl["id"])
        (step,) = self._steps(db, plan["plan_id"])
        with pytest.raises(Conflict):
            self._do(db, tenant, step.id, "complete")
        api.post(f"/api/v1/interviews/{plan['plan_id']}/cancel")
        with pytest.raises(Conflict):
            self._do(db, tenant, step.id, "start")

    def test_expired_invitation(self, api: Api, db: Database) -> None:
        cand, tpl = _setup(api)
        plan = api.invite(cand["id"], tpl["id"])
        with db.write_session() as s:
            s.execute(
                update(InterviewPlan)
                .where(InterviewPlan.id == try_parse("plan", plan["plan_id"]))
                .values(expires_at=utcnow() - timedelta(minutes=1))
            )
            s.commit()
        assert api.get(f"/api/v1/candidates/{cand['id']}/status").json()["status"] == "expired"
        links = api.get(
            "/api/v1/interviews/booking-links", params={"candidate_id": cand["id"]}
        ).json()["booking_links"]
        assert links == [] or all(link["expires_at"] for link in links)
