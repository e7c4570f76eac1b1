"""Erasure while deliveries wait: the ATS still learns the decision, not the person
(spec §9: personal fields redacted, facts kept; ``webhooks/redaction.py``)."""

from __future__ import annotations

import json
import socket

from fastapi.testclient import TestClient
from sqlalchemy import update

from peoplelens.db import Database
from peoplelens.kit.time import utcnow
from peoplelens.models import WebhookDelivery
from peoplelens.webhooks.event_types import EVENT_DATA
from peoplelens.webhooks.redaction import KEPT, redact
from tests.factories import Api, run_webhooks
from tests.webhooks.receiver import Receiver


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_a_hire_queued_for_a_down_receiver_arrives_without_the_person(
    api: Api, client: TestClient, db: Database
) -> None:
    port = _free_port()  # nothing listens there yet: the ATS is down
    events = ["candidate.stage_changed", "candidate.status_changed", "interview.decision"]
    api.post("/api/v1/webhooks", json={"url": f"http://127.0.0.1:{port}/ats", "events": events})
    job = api.job()
    person = {
        "first_name": "Grace",
        "last_name": "Hopperfield",
        "email": "grace.hopperfield@example.com",
        "phone": "+44 20 7946 0958",
        "linkedin_url": "https://www.linkedin.com/in/grace-hopperfield",
        "external_id": "ats-4711",
        "job_id": job["id"],
    }
    cand = api.candidate(**person)
    plan = api.invite(cand["id"], api.template()["id"])
    notes = "Grace was superb on compilers; mentions her move to Leeds"
    r = api.post(
        f"/api/v1/interviews/{plan['plan_id']}/decision",
        json={"status": "hire", "notes": notes, "stage": "offer"},
    )
    assert r.status_code == 200, r.text
    run_webhooks(client)  # every attempt is refused: connection refused, retried later

    assert api.delete(f"/api/v1/candidates/{cand['id']}").status_code == 200
    receiver = Receiver(port)  # the ATS comes back
    try:
        with db.write_session() as s:
            s.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.status == "pending")
                .values(next_attempt_at=utcnow())
            )
            s.commit()
        run_webhooks(client)
        received = {r.event["event"]: r.event["data"] for r in receiver.received}
    finally:
        receiver.close()

    assert set(received) == set(events), received
    decision = received["interview.decision"]
    assert decision["decision"] == "hire" and decision["candidate_id"] == cand["id"]
    assert decision["plan_id"] == plan["plan_id"] and decision["stage"] == "offer"
    status = received["candidate.status_changed"]
    assert status["id"] == cand["id"] and status["status"] == "hired"
    assert "external_id" not in status and status["job_id"] == job["id"]
    assert received["candidate.stage_changed"]["stage"] == "offer"
    for data in received.values():
        assert data["redacted"] is True and data["candidate_id"] == cand["id"]
        text = json.dumps(data)
        for value in (
            "Grace",
            "Hopperfield",
            "grace.hopperfield",
            "7946",
            "linkedin",
            "Leeds",
            "ats-4711",
        ):
            assert value not in text, (value, data)
        assert not {"first_name", "last_name", "email", "phone", "notes"} & set(data)


def test_a_field_is_personal_until_declared_a_fact() -> None:
    """The allow-list names only real fields, covers every event type, and drops a field it
    does not know (a new field stays out until someone declares it a fact)."""
    assert set(KEPT) == set(EVENT_DATA)
    data = {"plan_id": "plan-1", "decision": "hire", "notes": "n", "new_free_text": "x"}
    out = redact("interview.decision", data, "can-1")
    assert out == {
        "plan_id": "plan-1",
        "decision": "hire",
        "candidate_id": "can-1",
        "redacted": True,
    }
    changed = redact(
        "candidate.updated",
        {"id": "can-1", "email": "e@x", "previous_attributes": {"email": "o@x", "stage": "a"}},
        "can-1",
    )
    assert changed["previous_attributes"] == {"stage": "a"} and "email" not in changed
