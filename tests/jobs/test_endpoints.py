from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from peoplelens.db import Database
from peoplelens.models import Event
from tests.factories import Api, TenantHandle


def _event_types(db: Database, tenant: TenantHandle) -> list[str]:
    with db.read_session() as s:
        return list(
            s.scalars(
                select(Event.type)
                .where(Event.tenant_id == tenant.id)
                .order_by(Event.created_at, Event.id)
            )
        )


class TestJobs:
    def test_create_get_shape(self, api: Api) -> None:
        job = api.job(title="Frontend Developer", department="Eng", description="React")
        assert job["id"].startswith("job-")
        assert {"id", "title", "description", "department", "status", "created_at"} <= set(job)
        assert job["status"] == "active"
        assert api.get(f"/api/v1/jobs/{job['id']}").json() == job

    def test_put_updates_and_close_fires_job_closed(
        self, api: Api, db: Database, tenant: TenantHandle
    ) -> None:
        job = api.job()
        r = api.put(f"/api/v1/jobs/{job['id']}", json={"title": "Staff Go Engineer"})
        assert r.status_code == 200 and r.json()["title"] == "Staff Go Engineer"
        assert r.json()["description"] == job["description"]
        r = api.put(f"/api/v1/jobs/{job['id']}", json={"status": "closed"})
        assert r.json()["status"] == "closed"
        assert _event_types(db, tenant) == [
            "job.created",
            "job.updated",
            "job.updated",
            "job.closed",
        ]

    def test_put_rejects_bad_input(self, api: Api) -> None:
        job = api.job()
        for body, param in [
            ({"status": "open"}, "status"),
            ({"title": None}, "title"),
            ({"title": ""}, "title"),
            ({"salary": 1}, "salary"),
        ]:
            r = api.put(f"/api/v1/jobs/{job['id']}", json=body)
            assert r.status_code == 422 and r.json()["error"]["param"] == param
        assert api.get(f"/api/v1/jobs/{job['id']}").json() == job

    def test_applicants(self, api: Api, other_api: Api) -> None:
        job = api.job()
        cand = api.candidate()
        r = api.post(f"/api/v1/jobs/{job['id']}/applicants", json={"candidate_id": cand["id"]})
        assert r.json() == {"success": True, "candidate_id": cand["id"], "job_id": job["id"]}
        assert api.get(f"/api/v1/candidates/{cand['id']}").json()["job_id"] == job["id"]
        # A foreign candidate in the body is as unknown as a missing one.
        foreign = other_api.candidate()
        r = api.post(f"/api/v1/jobs/{job['id']}/applicants", json={"candidate_id": foreign["id"]})
        assert r.status_code == 404 and r.json()["error"]["param"] == "candidate_id"
        bare = api.post(
            f"/api/v1/jobs/{job['id']}/applicants", json={"candidate_id": cand["id"][4:]}
        )
        assert bare.status_code == 200

    def test_applicants_to_closed_job(self, api: Api) -> None:
        job = api.job(status="closed")
        r = api.post(
            f"/api/v1/jobs/{job['id']}/applicants", json={"candidate_id": api.candidate()["id"]}
        )
        assert r.status_code == 409 and r.json()["error"]["code"] == "job_closed"

    def test_delete_refused_while_referenced(self, api: Api) -> None:
        job = api.job()
        cand = api.candidate(job_id=job["id"])
        r = api.delete(f"/api/v1/jobs/{job['id']}")
        assert r.status_code == 409 and r.json()["error"]["code"] == "job_in_use"
        api.patch(f"/api/v1/candidates/{cand['id']}", json={"job_id": None})
        r = api.delete(f"/api/v1/jobs/{job['id']}")
        assert r.json() == {"id": job["id"], "deleted": True}
        assert api.get(f"/api/v1/jobs/{job['id']}").status_code == 404

    def test_list_filters(self, api: Api) -> None:
        a = api.job(title="Go Engineer", department="Engineering")
        b = api.job(title="Designer", department="Design", status="paused")

        def ids(**params: Any) -> list[str]:
            return [j["id"] for j in api.get("/api/v1/jobs", params=params).json()["data"]]

        assert ids() == [b["id"], a["id"]]
        assert ids(status="paused") == [b["id"]]
        assert ids(department="engineering") == [a["id"]]
        assert ids(q="go eng") == [a["id"]]

    def test_bulk_all_or_nothing(self, api: Api) -> None:
        r = api.post("/api/v1/jobs/bulk", json={"jobs": [{"title": "A"}, {"title": "B"}]})
        assert r.status_code == 201 and r.json()["created"] == 2
        before = api.get("/api/v1/jobs").json()["pagination"]["total"]
        r = api.post("/api/v1/jobs/bulk", json={"jobs": [{"title": "C"}, {"title": ""}]})
        assert r.status_code == 422 and r.json()["error"]["param"] == "jobs[1].title"
        assert api.get("/api/v1/jobs").json()["pagination"]["total"] == before

    def test_unknown_job(self, api: Api) -> None:
        assert api.get(f"/api/v1/jobs/job-{uuid.uuid4()}").status_code == 404
