"""The outbox sent to a real SMTP server on 127.0.0.1: the MIME that arrives, refusals,
retries, a server that hangs, and the messages that must never leave."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY
from sqlalchemy import select, update

from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.emails import messages
from peoplelens.emails.service import queue_email
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import Email
from tests.emails.smtp import HangingServer, SmtpServer, send_mail, with_smtp
from tests.factories import Api, TenantHandle, unique_email


def sent_metric(outcome: str) -> float:
    return REGISTRY.get_sample_value("peoplelens_emails_total", {"outcome": outcome}) or 0.0


def invite(api: Api, **fields: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    cand = api.candidate(**{k: v for k, v in fields.items() if k in ("first_name", "email")})
    tpl = api.template()
    rest = {k: v for k, v in fields.items() if k not in ("first_name", "email")}
    return cand, api.invite(cand["id"], tpl["id"], **rest)


def emails_of(api: Api, candidate_id: str) -> list[dict[str, Any]]:
    r = api.get("/api/v1/emails", params={"candidate_id": candidate_id})
    assert r.status_code == 200, r.text
    data: list[dict[str, Any]] = r.json()["data"]
    return data


def queue(
    db: Database, tenant: TenantHandle, message: messages.OutgoingEmail, secret: bytes
) -> str:
    with db.write_session() as session:
        email_id = queue_email(session, Principal.system(tenant.id), message, secret=secret)
        session.commit()
    return f"eml-{email_id}"


def make_due(db: Database) -> None:
    with db.write_session() as session:
        session.execute(
            update(Email).where(Email.status == "queued").values(next_attempt_at=utcnow())
        )
        session.commit()


def secret_of(client: TestClient) -> bytes:
    key: bytes = client.app.state.runtime.secret_key  # type: ignore[attr-defined]
    return key


class TestCandidateInvitation:
    def test_the_received_message(
        self, api: Api, client: TestClient, smtp: SmtpServer, mail_settings: Settings
    ) -> None:
        r = api.patch(
            "/api/v1/settings/email",
            json={"from_name": "Acme Hiring", "reply_to": "jobs@acme.example.com"},
        )
        assert r.status_code == 200, r.text
        job = api.job(title="Go Engineer")
        cand = api.candidate(first_name="<script>alert(1)</script>", job_id=job["id"])
        tpl = api.template()
        started = time.monotonic()
        out = api.invite(cand["id"], tpl["id"])  # send_email: default true with SMTP
        assert time.monotonic() - started < 2
        url = out["booking_link"]["url"]
        assert send_mail(client, mail_settings) >= 1

        [msg] = smtp.inbox.to(cand["email"])
        assert msg["From"].addresses[0].display_name == "Acme Hiring"
        assert msg["From"].addresses[0].addr_spec == mail_settings.mail_sender()
        assert msg["Reply-To"].addresses[0].addr_spec == "jobs@acme.example.com"
        assert msg["To"].addresses[0].addr_spec == cand["email"]
        assert msg["To"].addresses[0].display_name == "<script>alert(1)</script>"
        assert "interview invitation" in msg["Subject"]
        assert msg["Auto-Submitted"] == "auto-generated"
        [row] = emails_of(api, cand["id"])
        assert msg["Message-ID"] == f"<{row['id']}@{mail_settings.mail_sender().split('@')[1]}>"
        assert msg.get_content_type() == "multipart/alternative"
        text = msg.get_body(("plain",))
        html = msg.get_body(("html",))
        assert text is not None and html is not None
        plain, markup = text.get_content(), html.get_content()
        assert url in plain and url in markup
        assert "AI-led interview" in plain and "Go Engineer" in plain
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup and "<script>" not in markup
        assert "<img" not in markup

        assert row["status"] == "sent" and row["attempts"] == 1 and row["sent_at"]
        assert row["kind"] == "candidate_invitation" and row["to"] == cand["email"]
        assert row["plan_id"] == out["plan_id"]
        assert [e["outcome"] for e in row["log"]] == ["sent"]
        assert "html" not in row and "text" not in row and url not in str(row)

    def test_a_human_only_plan_is_not_called_ai_led(
        self, api: Api, client: TestClient, smtp: SmtpServer, mail_settings: Settings
    ) -> None:
        cand = api.candidate()
        r = api.post(
            "/api/v1/interviews/invite",
            json={
                "candidate_id": cand["id"],
                "steps": [{"title": "Panel", "type": "human_interview"}],
            },
        )
        assert r.status_code == 201, r.text
        send_mail(client, mail_settings)
        [msg] = smtp.inbox.to(cand["email"])
        body = msg.get_body(("plain",))
        assert body is not None and "AI" not in body.get_content()

    def test_send_email_false_queues_nothing(self, api: Api, mail_settings: Settings) -> None:
        cand, _ = invite(api, send_email=False)
        assert emails_of(api, cand["id"]) == []

    def test_without_smtp_nothing_is_queued_by_default_and_explicit_mail_waits(
        self, api: Api, client: TestClient
    ) -> None:
        cand, _ = invite(api)
        assert emails_of(api, cand["id"]) == []
        cand, _ = invite(api, send_email=True)
        assert send_mail(client) == 0  # the server's settings: no SMTP
        [row] = emails_of(api, cand["id"])
        assert row["status"] == "queued" and row["attempts"] == 0 and row["log"] == []


class TestInterviewUpdate:
    def test_calendar_part_and_attachment(
        self,
        client: TestClient,
        db: Database,
        tenant: TenantHandle,
        smtp: SmtpServer,
        mail_settings: Settings,
    ) -> None:
        start = datetime(2027, 3, 1, 13, 0, tzinfo=UTC)
        cal = icalendar.Calendar()
        cal.add("prodid", "-//PeopleLens tests//EN")
        cal.add("version", "2.0")
        cal.add("method", "REQUEST")
        event = icalendar.Event()
        event.add("uid", "step-test@peoplelens")
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=45))
        event.add("summary", "Panel interview")
        cal.add_component(event)
        ics = cal.to_ical().decode()
        address = unique_email("ivr")
        queue(
            db,
            tenant,
            messages.interview_update(
                change="scheduled",
                recipient_name="Ines",
                recipient_email=address,
                recipient_time_zone="Europe/Berlin",
                title="Panel interview",
                start=start,
                end=start + timedelta(minutes=45),
                meeting_url="https://meet.example.com/room",
                ics_text=ics,
                ics_method="REQUEST",
                company="Acme",
                other_party_name="Ada Lovelace",
            ),
            secret_of(client),
        )
        send_mail(client, mail_settings)
        [msg] = smtp.inbox.to(address)
        assert msg.get_content_type() == "multipart/mixed"
        alternative, attachment = list(msg.iter_parts())
        assert alternative.get_content_type() == "multipart/alternative"
        kinds = [p.get_content_type() for p in alternative.iter_parts()]
        assert kinds == ["text/plain", "text/html", "text/calendar"]
        calendar_part = list(alternative.iter_parts())[2]
        assert calendar_part.get_param("method") == "REQUEST"
        assert attachment.get_content_type() == "application/ics"
        assert attachment.get_filename() == "invite.ics"
        for raw in (calendar_part.get_content(), attachment.get_content()):
            data = raw.encode() if isinstance(raw, str) else raw
            parsed = icalendar.Calendar.from_ical(data)
            [vevent] = parsed.walk("VEVENT")
            assert str(vevent["uid"]) == "step-test@peoplelens"
            assert vevent.decoded("dtstart") == start
        text = alternative.get_body(("plain",))
        assert text is not None
        plain = text.get_content()
        assert "14:00 – 14:45 Europe/Berlin" in plain and "13:00 – 13:45 UTC" in plain


class TestHeaders:
    def test_line_breaks_never_make_a_header(
        self,
        client: TestClient,
        db: Database,
        tenant: TenantHandle,
        smtp: SmtpServer,
        mail_settings: Settings,
    ) -> None:
        address = unique_email()
        queue(
            db,
            tenant,
            messages.candidate_invitation(
                company="Acme\r\nX-Evil: 1",
                candidate_first_name="Ann\r\nBcc: evil@example.com",
                candidate_email=address,
                job_title="Dev\nX-Injected: yes",
                booking_url="http://testserver/book/x",
                expires_at=utcnow() + timedelta(days=2),
                has_ai_step=False,
            ),
            secret_of(client),
        )
        send_mail(client, mail_settings)
        [envelope] = [e for e in smtp.inbox.received if address in e.rcpt_tos]
        assert envelope.rcpt_tos == [address]
        [msg] = smtp.inbox.to(address)
        for name in ("Bcc", "X-Evil", "X-Injected"):
            assert msg[name] is None
        assert "\n" not in msg["Subject"] and "\n" not in str(msg["To"])
        assert msg["To"].addresses[0].display_name == "Ann Bcc: evil@example.com"


class TestFailures:
    def test_a_temporary_refusal_is_retried_with_backoff_then_failed(
        self,
        api: Api,
        client: TestClient,
        db: Database,
        smtp: SmtpServer,
        mail_settings: Settings,
    ) -> None:
        settings = mail_settings.model_copy(update={"mail_max_attempts": 3})
        smtp.inbox.data_reply = "451 4.3.0 Try again later"
        before = {outcome: sent_metric(outcome) for outcome in ("retrying", "failed", "sent")}
        cand, _ = invite(api)
        send_mail(client, settings)
        [row] = emails_of(api, cand["id"])
        assert row["status"] == "queued" and row["attempts"] == 1
        assert "451" in row["last_error"]
        due_in = datetime.fromisoformat(row["next_attempt_at"]) - datetime.now(UTC)
        assert timedelta(seconds=40) < due_in < timedelta(seconds=80)  # 1 min ± 20 %
        smtp.inbox.data_reply = "550 5.7.1 Message rejected"
        for _ in range(2):
            make_due(db)
            send_mail(client, settings)
        [row] = emails_of(api, cand["id"])
        assert row["status"] == "failed" and row["attempts"] == 3
        assert [e["outcome"] for e in row["log"]] == ["retry", "retry", "failed"]
        assert "451" in row["log"][0]["detail"] and "550" in row["log"][2]["detail"]
        assert smtp.inbox.to(cand["email"]) == []
        # The e-mail outcomes metric (kit/metrics.py) counted each attempt once.
        assert sent_metric("retrying") - before["retrying"] == 2
        assert sent_metric("failed") - before["failed"] == 1
        assert sent_metric("sent") == before["sent"]

    def test_a_recipient_refused_for_good_fails_at_once(
        self, api: Api, client: TestClient, smtp: SmtpServer, mail_settings: Settings
    ) -> None:
        smtp.inbox.rcpt_reply = "550 5.1.1 No such user"
        cand, _ = invite(api)
        send_mail(client, mail_settings)
        [row] = emails_of(api, cand["id"])
        assert row["status"] == "failed" and row["attempts"] == 1
        assert "550" in row["last_error"]

    def test_a_refused_connection_is_retried(
        self, api: Api, client: TestClient, mail_settings: Settings
    ) -> None:
        closed = with_smtp(mail_settings, "smtp://127.0.0.1:9")  # nothing listens on 9
        cand, _ = invite(api)
        send_mail(client, closed)
        [row] = emails_of(api, cand["id"])
        assert row["status"] == "queued" and row["attempts"] == 1 and row["last_error"]

    def test_a_hanging_server_costs_one_deadline(
        self, api: Api, client: TestClient, mail_settings: Settings
    ) -> None:
        hanging = HangingServer()
        try:
            settings = with_smtp(mail_settings, hanging.url, mail_timeout_seconds=1)
            started = time.monotonic()
            cand, _ = invite(api)
            assert time.monotonic() - started < 2  # the API call never waits for SMTP
            started = time.monotonic()
            send_mail(client, settings)
            assert time.monotonic() - started < 5
        finally:
            hanging.close()
        [row] = emails_of(api, cand["id"])
        assert row["status"] == "queued" and row["attempts"] == 1
        assert "timeout" in row["last_error"]


class TestErasure:
    def test_erasing_the_candidate_erases_their_mail(
        self, api: Api, db: Database, mail_settings: Settings
    ) -> None:
        cand, _ = invite(api)
        [row] = emails_of(api, cand["id"])
        assert api.delete(f"/api/v1/candidates/{cand['id']}").status_code == 200
        assert api.get(f"/api/v1/emails/{row['id']}").status_code == 404
        email_id = try_parse("eml", row["id"])
        with db.read_session() as session:
            assert session.scalars(select(Email).where(Email.id == email_id)).first() is None


def test_an_unknown_id_is_404(api: Api) -> None:
    r = api.get(f"/api/v1/emails/eml-{uuid.uuid4()}")
    assert r.status_code == 404 and r.json()["error"]["type"] == "not_found_error"


class TestUserInvitation:
    def test_a_new_person_gets_their_link(
        self, api: Api, client: TestClient, smtp: SmtpServer, mail_settings: Settings
    ) -> None:
        address = unique_email("usr")
        r = api.post("/api/v1/users", json={"email": address, "first_name": "Uma"})
        assert r.status_code == 201, r.text
        link = r.json()["invitation_url"]
        again = api.post(f"/api/v1/users/{r.json()['id']}/invitation")
        assert again.status_code == 201, again.text
        unversioned = api.post("/api/users", json={"email": unique_email("usr")})
        assert unversioned.status_code == 201, unversioned.text
        send_mail(client, mail_settings)
        received = smtp.inbox.to(address)  # sent concurrently: in any order
        texts = []
        for msg in received:
            body = msg.get_body(("plain",))
            assert body is not None
            texts.append(body.get_content())
            assert "Set your password" in str(msg.get_body(("html",)))
            assert msg["Subject"].startswith("You are invited to")
        assert len(texts) == 2
        assert any(link in t for t in texts)
        assert any(again.json()["invitation_url"] in t for t in texts)
        assert len(smtp.inbox.to(unversioned.json()["user"]["email"])) == 1
        listed = api.get("/api/v1/emails", params={"kind": "user_invitation"}).json()["data"]
        assert {e["user_id"] for e in listed} >= {r.json()["id"]}

    def test_without_smtp_the_answer_carries_the_link_alone(self, api: Api) -> None:
        r = api.post("/api/v1/users", json={"email": unique_email("usr")})
        assert r.status_code == 201 and r.json()["invitation_url"]
        assert api.get("/api/v1/emails", params={"kind": "user_invitation"}).json()["data"] == []


def test_the_running_worker_sends_within_two_seconds(
    api: Api, client: TestClient, smtp: SmtpServer, mail_settings: Settings
) -> None:
    """The worker `serve` embeds (every registered service) picks a new message up at once."""
    from dataclasses import replace

    from peoplelens.worker.runner import WorkerLoop

    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    loop = WorkerLoop(runtime.db, replace(runtime.task_context(), settings=mail_settings))
    loop.start_thread()
    try:
        time.sleep(0.6)  # idle: the loop is waiting between polls
        cand, _ = invite(api)
        started = time.monotonic()
        while not smtp.inbox.to(cand["email"]) and time.monotonic() - started < 5:
            time.sleep(0.05)
        assert time.monotonic() - started < 2
    finally:
        loop.stop()
    assert emails_of(api, cand["id"])[0]["status"] == "sent"
