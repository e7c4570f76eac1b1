"""My interviews: the steps assigned to the signed-in person, upcoming first, in their zone."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Api, TenantHandle
from tests.web.workspace.conftest import Visitor, text_of


def test_the_assigned_steps_are_listed_upcoming_first_in_the_persons_zone(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    interviewer = Visitor(client, tenant.new_person("interviewer", app.state.runtime.secret_key))
    r = api.patch(f"/api/v1/users/{interviewer.person.id}", json={"time_zone": "Europe/Berlin"})
    assert r.status_code == 200, r.text
    booked_cand = api.candidate(first_name="Booked")
    done_cand = api.candidate(first_name="Finished")
    plans = []
    for cand, title in ((booked_cand, "Panel talk"), (done_cand, "Final round")):
        step = {"title": title, "type": "human_interview", "interviewer_id": interviewer.person.id}
        r = api.post(
            "/api/v1/interviews/invite", json={"candidate_id": cand["id"], "steps": [step]}
        )
        assert r.status_code == 201, r.text
        plans.append(r.json())
    booked, finished = plans
    r = api.post(
        f"/api/v1/interviews/{booked['plan_id']}/schedule",
        json={"step_id": booked["steps"][0]["id"], "start_time": "2030-01-01T10:00:00Z"},
    )
    assert r.status_code == 200, r.text
    r = api.post(
        f"/api/v1/interviews/{finished['plan_id']}/steps/{finished['steps'][0]['id']}/complete",
        json={},
    )
    assert r.status_code == 200, r.text
    # Someone else's step is not on the list.
    api.post(
        "/api/v1/interviews/invite",
        json={
            "candidate_id": api.candidate(first_name="Elsewhere")["id"],
            "steps": [{"title": "Other", "type": "human_interview"}],
        },
    )

    r = interviewer.get("/my-interviews")
    assert r.status_code == 200, r.text
    text = text_of(r.text)
    assert "Times are in Europe/Berlin" in text
    upcoming, past = text.split("Upcoming", 1)[1].split("Past", 1)
    assert "Booked" in upcoming and "Panel talk" in upcoming
    assert "Tue 1 Jan 2030, 11:00" in upcoming  # 10:00 UTC in Berlin
    assert "Finished" in past and "Final round" in past and "completed" in past
    assert "Elsewhere" not in text
    assert f'href="/interviews/{booked["plan_id"]}#step-1"' in r.text
    # The link opens the review page, with the scorecard form.
    page = interviewer.get(f"/interviews/{booked['plan_id']}")
    assert page.status_code == 200 and "Your scorecard" in text_of(page.text)


def test_nothing_assigned_says_so(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
    r = recruiter.get("/my-interviews")
    assert r.status_code == 200
    assert "Nothing is assigned to you" in text_of(r.text)
