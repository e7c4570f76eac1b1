"""The sender settings (admin only, audited, validated), the log's filters, and the
invitation's reminder task."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.emails.invitations import REMINDER_TASK
from peoplelens.kit.time import utcnow
from peoplelens.models import Task
from tests.factories import Api, run_tasks, token_of


class TestEmailSettings:
    def test_defaults_change_and_clear(self, api: Api) -> None:
        r = api.get("/api/v1/settings/email")
        assert r.status_code == 200
        assert r.json() == {
            "from_name": None,
            "reply_to": None,
            "from_address": "no-reply@testserver",
            "configured": False,
        }
        r = api.patch("/api/v1/settings/email", json={"from_name": "Acme", "reply_to": "a@acme.io"})
        assert r.status_code == 200 and r.json()["from_name"] == "Acme"
        r = api.patch("/api/v1/settings/email", json={"reply_to": None})
        assert r.json() == {**r.json(), "from_name": "Acme", "reply_to": None}
        audit = api.get("/api/v1/audit-logs", params={"action": "EMAIL_SETTINGS_UPDATED"}).json()
        assert len(audit["data"]) == 2

    def test_configured_reflects_the_server(self, api: Api, mail_settings: Settings) -> None:
        assert api.get("/api/v1/settings/email").json()["configured"] is True

    def test_invalid_values_are_422(self, api: Api) -> None:
        for body in (
            {"reply_to": "not an address"},
            {"reply_to": "a@b.example\r\nBcc: x@y.example"},
            {"from_name": "Acme\r\nBcc: x@y.example"},
            {"from_name": "x" * 101},
            {"unknown": 1},
        ):
            r = api.patch("/api/v1/settings/email", json=body)
            assert r.status_code == 422, (body, r.text)
            assert r.json()["error"]["type"] == "invalid_request_error"


class TestLog:
    def test_filters(self, api: Api) -> None:
        cand = api.candidate()
        tpl = api.template()
        api.invite(cand["id"], tpl["id"], send_email=True)
        api.invite(cand["id"], tpl["id"], send_email=True)
        params: dict[str, Any] = {"candidate_id": cand["id"], "limit": 1}
        page = api.get("/api/v1/emails", params=params).json()
        assert page["pagination"]["total"] == 2 and len(page["data"]) == 1
        cursor = page["pagination"]["next_cursor"]
        rest = api.get("/api/v1/emails", params={**params, "cursor": cursor}).json()
        assert rest["data"][0]["id"] != page["data"][0]["id"]
        for params in ({"status": "sent"}, {"kind": "user_invitation"}):
            found = api.get("/api/v1/emails", params={"candidate_id": cand["id"], **params})
            assert found.json()["data"] == []
        assert api.get("/api/v1/emails", params={"status": "bogus"}).status_code == 422


def reminders(db: Database, plan_id: str) -> list[Task]:
    with db.read_session() as session:
        tasks = session.scalars(select(Task).where(Task.kind == REMINDER_TASK)).all()
        return [t for t in tasks if t.payload["plan_id"] in plan_id.replace("-", "")]


def make_due(db: Database, task: Task) -> None:
    with db.write_session() as session:
        session.execute(update(Task).where(Task.id == task.id).values(run_after=utcnow()))
        session.commit()


def kinds(api: Api, candidate_id: str) -> list[str]:
    data = api.get("/api/v1/emails", params={"candidate_id": candidate_id}).json()["data"]
    return sorted(e["kind"] for e in data)


class TestReminder:
    def test_due_24h_before_expiry_and_sent_when_nothing_happened(
        self, api: Api, client: TestClient, db: Database
    ) -> None:
        cand = api.candidate()
        out = api.invite(cand["id"], api.template()["id"], send_email=True, expires_in_hours=48)
        [task] = reminders(db, out["plan_id"])
        expires = datetime.fromisoformat(out["booking_link"]["expires_at"])
        assert abs(task.run_after - (expires - timedelta(hours=24))) < timedelta(seconds=2)
        assert "book" not in str(task.payload)  # ids only, never the link
        run_tasks(client)  # not due yet
        assert kinds(api, cand["id"]) == ["candidate_invitation"]
        make_due(db, task)
        run_tasks(client)
        assert kinds(api, cand["id"]) == ["candidate_invitation", "invitation_reminder"]
        [reminder] = [
            e
            for e in api.get("/api/v1/emails", params={"candidate_id": cand["id"]}).json()["data"]
            if e["kind"] == "invitation_reminder"
        ]
        assert reminder["subject"].startswith("Reminder:")

    def test_not_sent_once_the_candidate_started(
        self, api: Api, client: TestClient, db: Database
    ) -> None:
        cand = api.candidate()
        out = api.invite(cand["id"], api.template()["id"], send_email=True, expires_in_hours=48)
        base = f"/api/v1/interview-sessions/{token_of(out)}"
        assert client.post(f"{base}/consent", json={"consent": True}).status_code == 200
        [task] = reminders(db, out["plan_id"])
        make_due(db, task)
        run_tasks(client)
        assert kinds(api, cand["id"]) == ["candidate_invitation"]

    def test_none_for_a_link_shorter_than_a_day(self, api: Api, db: Database) -> None:
        cand = api.candidate()
        out = api.invite(cand["id"], api.template()["id"], send_email=True, expires_in_hours=12)
        assert reminders(db, out["plan_id"]) == []
        out = api.invite(cand["id"], api.template()["id"], send_email=False)
        assert reminders(db, out["plan_id"]) == []
