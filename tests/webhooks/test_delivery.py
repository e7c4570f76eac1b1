"""Webhook delivery to a real receiver on 127.0.0.1: every event type, signatures (ours and
the `standardwebhooks` package), failures, retries, rotation, replay, SSRF."""

from __future__ import annotations

import hashlib
import hmac
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from standardwebhooks.webhooks import Webhook

from peoplelens.db import Database
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import WebhookDelivery, WebhookEndpoint
from peoplelens.webhooks import WebhookVerificationError, verify
from peoplelens.webhooks.event_types import EVENT_DATA, Redacted
from peoplelens.webhooks.ssrf import UnsafeUrl, check_url
from tests.factories import Api, run_tasks, run_webhooks, unique_email
from tests.webhooks.receiver import Receiver, Script


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def register(api: Api, url: str, **fields: Any) -> dict[str, Any]:
    r = api.post("/api/v1/webhooks", json={"url": url, **fields})
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    assert body["secret"].startswith("whsec_")
    return body


def make_due(db: Database) -> None:
    with db.write_session() as s:
        s.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.status == "pending")
            .values(next_attempt_at=utcnow())
        )
        s.commit()


def trigger_every_event(api: Api, client: TestClient) -> None:
    job = api.job()  # job.created
    api.put(f"/api/v1/jobs/{job['id']}", json={"title": "Renamed"})  # job.updated
    cand = api.candidate(job_id=job["id"])  # candidate.created
    api.patch(f"/api/v1/candidates/{cand['id']}", json={"stage": "screening"})  # updated+stage
    r = api.post(
        f"/api/v1/candidates/{cand['id']}/documents",
        files={"file": ("cv.txt", b"Ada Example\n\nSkills\nPython, Go\n", "text/plain")},
    )
    assert r.status_code == 201, r.text  # candidate.document_uploaded, then document.parsed
    done = api.complete_interview()  # interview.invited …
    run_tasks(client)  # scorecard.generated
    plan_id = done["invite"]["plan_id"]
    step_id = done["invite"]["steps"][0]["id"]
    assert step_id  # the AI step's interview.step_completed came with its last answer
    interviewer = api.post("/api/v1/users", json={"email": unique_email("ivr")}).json()
    api.post(f"/api/v1/interviews/{plan_id}/decision", json={"status": "hire"})  # status_changed
    human = api.post(
        "/api/v1/interviews/invite",
        json={
            "candidate_id": cand["id"],
            "steps": [
                {"title": "Panel", "type": "human_interview", "interviewer_id": interviewer["id"]},
                {"title": "Chat", "type": "human_interview", "interviewer_id": interviewer["id"]},
            ],
        },
    ).json()
    panel, chat = (s["id"] for s in human["steps"])
    for step, start in ((panel, "2030-01-01T10:00:00Z"), (chat, "2030-01-02T10:00:00Z")):
        r = api.post(
            f"/api/v1/interviews/{human['plan_id']}/schedule",
            json={"step_id": step, "start_time": start},
        )
        assert r.status_code == 200, r.text  # interview.scheduled
    r = api.post(
        f"/api/v1/interviews/{human['plan_id']}/steps/{panel}/scorecard",
        json={"overall_score": 70, "recommendation": "hire"},
    )
    assert r.status_code == 201, r.text  # interview.human_scored
    r = api.post(f"/api/v1/interviews/{human['plan_id']}/steps/{chat}/cancel")
    assert r.status_code == 200, r.text  # interview.schedule_cancelled
    api.put(f"/api/v1/jobs/{job['id']}", json={"status": "closed"})  # job.closed
    api.delete(f"/api/v1/candidates/{done['candidate']['id']}")  # candidate.deleted
    spare = api.job(title="Never used")
    assert api.delete(f"/api/v1/jobs/{spare['id']}").status_code == 200  # job.deleted


def test_every_event_type_arrives_signed(api: Api, client: TestClient, receiver: Receiver) -> None:
    endpoint = register(api, receiver.url)
    trigger_every_event(api, client)
    run_webhooks(client)
    received = receiver.received
    types = {r.event["event"] for r in received}
    assert types == set(EVENT_DATA), set(EVENT_DATA) - types
    standard = Webhook(endpoint["secret"])
    for r in received:
        event = verify(r.body, r.headers, endpoint["secret"])
        assert standard.verify(r.body, r.headers) == event
        assert r.headers["webhook-id"] == event["id"] and event["id"].startswith("evt-")
        assert set(event) == {"id", "event", "timestamp", "data"}
        model = Redacted if event["data"].get("redacted") else EVENT_DATA[event["event"]][0]
        model.model_validate(event["data"])
    # The doc's header alone verifies too.
    only_doc = {"X-PeopleLens-Signature": received[0].headers["X-PeopleLens-Signature"]}
    assert verify(received[0].body, only_doc, endpoint["secret"])["id"]
    # Two stage changes arrive, in either order (delivery is concurrent): the PATCH's, and the
    # decision's about the candidate deleted last, whose payload erasure has redacted.
    stage_changes = [r.event for r in received if r.event["event"] == "candidate.stage_changed"]
    assert sorted(bool(e["data"].get("redacted")) for e in stage_changes) == [False, True]
    changed = next(e for e in stage_changes if not e["data"].get("redacted"))
    assert changed["data"]["previous_attributes"] == {"stage": "applied"}


def test_verification_rejects_tampering(api: Api, client: TestClient, receiver: Receiver) -> None:
    endpoint = register(api, receiver.url)
    api.job()
    run_webhooks(client)
    (r,) = receiver.received
    with pytest.raises(WebhookVerificationError):
        verify(r.body.replace(b"Go", b"No"), r.headers, endpoint["secret"])
    with pytest.raises(WebhookVerificationError):
        verify(r.body, r.headers, endpoint["secret"], now=time.time() + 3600)  # replayed
    with pytest.raises(WebhookVerificationError):
        verify(r.body, r.headers, "whsec_" + "A" * 44)


def test_event_filter_and_endpoint_created_later(
    api: Api, client: TestClient, receiver: Receiver
) -> None:
    api.job(title="Before the endpoint")
    register(api, receiver.url, events=["job.created"])
    api.candidate()
    api.job(title="After")
    run_webhooks(client)
    events = receiver.events()
    assert [e["event"] for e in events] == ["job.created"]
    assert events[0]["data"]["title"] == "After"


def test_500_then_success_with_attempt_log(
    api: Api, client: TestClient, db: Database, receiver: Receiver
) -> None:
    endpoint = register(api, receiver.url)
    receiver.script = [Script(500), Script(502)]
    api.job()
    run_webhooks(client)
    log = api.get(f"/api/v1/webhooks/{endpoint['id']}/deliveries").json()["data"]
    assert log[0]["status"] == "pending" and log[0]["last_status_code"] == 500
    make_due(db)
    run_webhooks(client)
    make_due(db)
    run_webhooks(client)
    (delivery,) = api.get(f"/api/v1/webhooks/{endpoint['id']}/deliveries").json()["data"]
    assert delivery["status"] == "succeeded" and delivery["attempts"] == 3
    assert [a["status_code"] for a in delivery["attempt_log"]] == [500, 502, 200]
    assert delivery["attempt_log"][0]["response_excerpt"] == '{"ok": true}'
    ids = {r.headers["webhook-id"] for r in receiver.received}
    assert len(ids) == 1  # every retry carries the same webhook-id


def test_backoff_schedule_and_retry_after(
    api: Api, client: TestClient, db: Database, receiver: Receiver
) -> None:
    register(api, receiver.url)
    receiver.script = [Script(429, {"Retry-After": "120"})]
    api.job()
    before = utcnow()
    run_webhooks(client)
    with db.read_session() as s:
        (d,) = s.scalars(
            select(WebhookDelivery)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(WebhookEndpoint.url == receiver.url)
        ).all()
    assert d.status == "pending"
    assert timedelta(seconds=115) < d.next_attempt_at - before < timedelta(seconds=125)


def test_retry_after_never_shortens_the_schedule(
    api: Api, client: TestClient, db: Database, receiver: Receiver
) -> None:
    """`Retry-After: 0` on every answer would be a tight loop: the schedule's delay stands."""
    register(api, receiver.url)
    receiver.script = [Script(503, {"Retry-After": "0"})]
    api.job()
    before = utcnow()
    run_webhooks(client, rounds=3)
    with db.read_session() as s:
        (d,) = s.scalars(
            select(WebhookDelivery)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(WebhookEndpoint.url == receiver.url)
        ).all()
    assert d.status == "pending" and d.attempts == 1
    assert d.next_attempt_at - before >= timedelta(seconds=3.9)  # the first step: 5 s ± 20 %


def test_timeout_is_a_failed_attempt(api: Api, client: TestClient, receiver: Receiver) -> None:
    endpoint = register(api, receiver.url)
    receiver.script = [Script(200, sleep=3.0)]  # the test timeout is 2 s
    api.job()
    run_webhooks(client)
    (delivery,) = api.get(f"/api/v1/webhooks/{endpoint['id']}/deliveries").json()["data"]
    assert delivery["status"] == "pending"
    assert delivery["attempt_log"][0]["error"].startswith("timeout")


def test_410_stops_and_disables(
    api: Api, client: TestClient, db: Database, receiver: Receiver
) -> None:
    endpoint = register(api, receiver.url)
    receiver.script = [Script(410)]
    api.job()
    run_webhooks(client)
    got = api.get(f"/api/v1/webhooks/{endpoint['id']}").json()
    assert got["enabled"] is False and "410" in got["disabled_reason"]
    audit = api.get("/api/v1/audit-logs", params={"action": "WEBHOOK_ENDPOINT_DISABLED"}).json()
    assert audit["data"][0]["entity_id"] == endpoint["id"]
    api.job()
    run_webhooks(client)
    assert len(receiver.received) == 1
    # An admin re-enables it; new events flow again.
    api.patch(f"/api/v1/webhooks/{endpoint['id']}", json={"enabled": True})
    api.job()
    run_webhooks(client)
    assert len(receiver.received) == 2


def test_sustained_failure_disables(
    api: Api, client: TestClient, db: Database, receiver: Receiver
) -> None:
    endpoint = register(api, receiver.url)
    with db.write_session() as s:
        s.execute(
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == try_parse("whe", endpoint["id"]))
            .values(failing_since=utcnow() - timedelta(days=4))
        )
        s.commit()
    receiver.script = [Script(500)]
    api.job()
    run_webhooks(client)
    got = api.get(f"/api/v1/webhooks/{endpoint['id']}").json()
    assert got["enabled"] is False and "no successful delivery" in got["disabled_reason"]


def test_rotation_signs_with_both_secrets(api: Api, client: TestClient, receiver: Receiver) -> None:
    endpoint = register(api, receiver.url)
    rotated = api.post(f"/api/v1/webhooks/{endpoint['id']}/rotate-secret").json()
    assert rotated["secret"] != endpoint["secret"] and rotated["previous_secret_expires_at"]
    api.job()
    run_webhooks(client)
    (r,) = receiver.received
    for secret in (endpoint["secret"], rotated["secret"]):
        verify(r.body, r.headers, secret)
        Webhook(secret).verify(r.body, r.headers)
    assert len(r.headers["webhook-signature"].split()) == 2
    # The reference's header carries one value, the new secret's: the doc's single-value check
    # (compare the header with one HMAC) passes during the rotation.
    single = r.headers["X-PeopleLens-Signature"]
    assert single == hmac.new(rotated["secret"].encode(), r.body, hashlib.sha256).hexdigest()
    only_doc = {"X-PeopleLens-Signature": single}
    assert verify(r.body, only_doc, rotated["secret"])["event"] == "job.created"
    with pytest.raises(WebhookVerificationError):
        verify(r.body, only_doc, endpoint["secret"])


def test_test_retry_and_replay(api: Api, client: TestClient, receiver: Receiver) -> None:
    endpoint = register(api, receiver.url)
    r = api.post(f"/api/v1/webhooks/{endpoint['id']}/test")
    assert r.status_code == 202
    run_webhooks(client)
    assert receiver.events()[0]["event"] == "webhook.test"
    delivery_id = r.json()["delivery_ids"][0]
    again = api.post(f"/api/v1/webhooks/{endpoint['id']}/deliveries/{delivery_id}/retry")
    assert again.status_code == 202
    run_webhooks(client)
    assert len(receiver.received) == 2
    assert receiver.received[0].headers["webhook-id"] == receiver.received[1].headers["webhook-id"]

    since = utcnow().isoformat()
    api.job()
    api.job()
    run_webhooks(client)
    r = api.post(f"/api/v1/webhooks/{endpoint['id']}/replay", json={"since": since})
    assert r.status_code == 202 and r.json()["queued"] == 2
    run_webhooks(client)
    jobs = [e["id"] for e in receiver.events() if e["event"] == "job.created"]
    assert len(jobs) == 4 and len(set(jobs)) == 2


def test_management_validation(api: Api) -> None:
    for body, param in [
        ({"url": "ftp://example.com/x"}, "url"),
        ({"url": "no"}, "url"),
        ({"url": "https://example.com", "events": ["nope"]}, "events"),
        ({"url": "https://u:p@example.com/x"}, "url"),
        ({"url": "https://example.com", "color": 1}, "color"),
    ]:
        r = api.post("/api/v1/webhooks", json=body)
        assert r.status_code == 422, r.text
        assert r.json()["error"]["param"] == param
    endpoint = register(api, "https://example.com/hook")
    assert "secret" not in api.get(f"/api/v1/webhooks/{endpoint['id']}").json()
    listed = api.get("/api/v1/webhooks").json()["data"]
    assert [e["id"] for e in listed] == [endpoint["id"]]
    types = api.get("/api/v1/webhooks/event-types").json()
    assert {t["type"] for t in types["data"]} == set(EVENT_DATA)
    assert types["envelope"]["required"] == ["id", "event", "timestamp", "data"]


class TestSsrf:
    @pytest.fixture
    def strict(self, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
        settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
        monkeypatch.setattr(settings, "webhook_allow_private_urls", False)

    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://10.1.2.3/hook",
            "http://192.168.0.10/hook",
            "http://172.16.5.4/hook",
            "http://169.254.169.254/latest",
            "http://100.64.0.1/hook",
            "http://0.0.0.0/hook",
        ],
    )
    def test_private_targets_refused(self, api: Api, strict: None, url: str) -> None:
        r = api.post("/api/v1/webhooks", json={"url": url})
        assert r.status_code == 422 and r.json()["error"]["code"] == "unsafe_url"

    @pytest.mark.parametrize("url", ["http://[::1]/hook", "http://[::ffff:127.0.0.1]/hook"])
    def test_ip_literals_in_brackets_are_refused_by_the_schema(self, api: Api, url: str) -> None:
        r = api.post("/api/v1/webhooks", json={"url": url})
        assert r.status_code == 422 and r.json()["error"]["param"] == "url"

    def test_https_only_in_production(
        self, api: Api, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
        monkeypatch.setattr(settings, "env", "production")
        r = api.post("/api/v1/webhooks", json={"url": "http://example.com/hook"})
        assert r.status_code == 422 and "https" in r.json()["error"]["message"]

    def test_checked_again_at_delivery(
        self, api: Api, client: TestClient, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        endpoint = register(api, receiver.url)  # allowed while the operator allows it
        settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
        monkeypatch.setattr(settings, "webhook_allow_private_urls", False)
        api.job()
        run_webhooks(client)
        assert receiver.received == []
        (d,) = api.get(f"/api/v1/webhooks/{endpoint['id']}/deliveries").json()["data"]
        assert d["attempt_log"][0]["error"].startswith("refused")


def test_dead_receiver_does_not_slow_the_api(api: Api, client: TestClient) -> None:
    """Measured: API latency with and without a subscribed receiver that never answers,
    while a worker keeps trying to deliver to it."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(100)  # accepts connections, never answers
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/hook"

    def timed(n: int) -> float:
        samples = []
        for _ in range(n):
            started = time.perf_counter()
            api.job()
            samples.append(time.perf_counter() - started)
        return statistics.median(samples)

    baseline = timed(40)
    register(api, url)
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            run_webhooks(client, rounds=1)

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        with_dead = timed(40)
    finally:
        stop.set()
        thread.join()
        silent.close()
    print(
        f"POST /jobs median: {baseline * 1000:.1f} ms without, "
        f"{with_dead * 1000:.1f} ms with a dead receiver subscribed"
    )
    assert with_dead < baseline * 3 + 0.02


def test_dead_receiver_does_not_hold_up_other_endpoints(
    api: Api, client: TestClient, receiver: Receiver
) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(100)
    register(api, f"http://127.0.0.1:{silent.getsockname()[1]}/hook")
    register(api, receiver.url)
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    from peoplelens.webhooks.deliverer import Deliverer
    from peoplelens.webhooks.dispatch import fan_out

    deliverer = Deliverer(runtime.db, runtime.settings, runtime.secret_key)
    try:
        api.job()  # the first round meets the dead receiver's timeout once (2 s here)
        while not receiver.received:
            fan_out(runtime.db)
            deliverer.run_round()
        started = time.perf_counter()
        for _ in range(30):
            api.job()
        while len(receiver.received) < 31:
            fan_out(runtime.db)
            deliverer.run_round()
            assert time.perf_counter() - started < 10
        elapsed = time.perf_counter() - started
    finally:
        deliverer.close()
        silent.close()
    print(f"30 events to a healthy endpoint in {elapsed:.2f} s beside a dead one")
    assert elapsed < runtime.settings.webhook_timeout_seconds  # never waited on the dead one


def test_published_event_schemas_are_current() -> None:
    """docs/webhook-events.json (linked from the README) is what the API serves."""
    import json
    from pathlib import Path

    from peoplelens.webhooks.event_types import catalogue, envelope_schema

    published = json.loads((Path(__file__).parents[2] / "docs" / "webhook-events.json").read_text())
    assert published == {"envelope": envelope_schema(), "events": catalogue()}, (
        "regenerate docs/webhook-events.json (see README, Webhooks)"
    )


def test_an_unsendable_url_fails_its_delivery_not_the_round(
    api: Api, client: TestClient, receiver: Receiver
) -> None:
    """Found by the fuzzer: a URL that passes validation but that the HTTP client refuses to
    send (an empty IDNA label here: UnicodeError, not an httpx error) used to raise out of the
    delivery round, stalling every tenant's deliveries. Now it is that delivery's failed
    attempt."""
    odd = register(api, "http://a..b/hook", events=["job.created"])
    register(api, receiver.url, events=["job.created"])
    api.job(title="Round survives")
    run_webhooks(client)
    assert [e["event"] for e in receiver.events()] == ["job.created"]
    deliveries = api.get(f"/api/v1/webhooks/{odd['id']}/deliveries").json()["data"]
    assert len(deliveries) == 1 and deliveries[0]["attempts"] >= 1
    assert deliveries[0]["last_error"]


def test_a_malformed_url_is_a_422_not_a_500() -> None:
    """Found by the fuzzer: urlsplit raises on "[f0fD7]", which escaped as a 500. The schema now
    refuses brackets, and the URL check itself no longer lets the ValueError out."""
    with pytest.raises(UnsafeUrl, match="malformed"):
        check_url("https://[f0fD7]/hook", https_only=False, allow_private=True)
    with pytest.raises(UnsafeUrl, match="malformed"):
        check_url("https://example.com:99999/hook", https_only=False, allow_private=True)


def test_a_name_that_turns_private_gets_no_connection(
    api: Api, client: TestClient, db: Database
) -> None:
    """DNS rebinding: a host name that was public when the URL was saved and resolves to a
    private address at delivery time. The sender checks the addresses it connects to, so the
    request never leaves (``localhost`` stands in for the rebound name: saved here with private
    addresses allowed, delivered by a worker that does not allow them)."""
    from peoplelens.webhooks.deliverer import Deliverer
    from peoplelens.webhooks.dispatch import fan_out

    receiver = Receiver()
    url = receiver.url.replace("127.0.0.1", "localhost")
    r = api.post("/api/v1/webhooks", json={"url": url, "events": ["candidate.created"]})
    assert r.status_code == 201
    endpoint_id = try_parse("whe", r.json()["id"])
    api.candidate()
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    strict = runtime.settings.model_copy(update={"webhook_allow_private_urls": False})
    deliverer = Deliverer(runtime.db, strict, runtime.secret_key)
    try:
        for _ in range(20):
            if not fan_out(runtime.db) + deliverer.run_round() and deliverer.idle():
                break
        deliverer.wait_idle(10)
    finally:
        deliverer.close()
        receiver.close()
    assert receiver.received == []
    with db.read_session() as s:
        delivery = s.scalars(
            select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id)
        ).one()
    assert delivery.attempts == 1 and delivery.status == "pending"
    assert delivery.last_error is not None and "refused: localhost resolves to a private" in (
        delivery.last_error
    )


def test_a_late_result_never_overwrites_the_recorded_one(
    api: Api, client: TestClient, db: Database, receiver: Receiver
) -> None:
    """A worker that stalled past its lease comes back with a failure after another worker
    delivered and recorded success: the attempt is logged, the success stands (no third send)."""
    from peoplelens.webhooks.delivery import Outgoing, record
    from peoplelens.webhooks.dispatch import fan_out
    from peoplelens.webhooks.sending import Outcome

    endpoint = register(api, receiver.url)
    api.job()
    fan_out(db)
    endpoint_id = try_parse("whe", endpoint["id"])
    with db.write_session() as s:
        delivery = s.scalars(
            select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id)
        ).one()
        # The other worker's claim, attempt and record, all done.
        delivery.status, delivery.attempts, delivery.delivered_at = "succeeded", 1, utcnow()
        s.commit()
        delivery_id = delivery.id
    settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
    late = Outcome(None, 31_000, None, "timeout: the receiver was silent for 5 s", None)
    with db.write_session() as s:
        assert record(s, settings, Outgoing(delivery_id, receiver.url, b"{}", {}, None), late) == (
            "succeeded"
        )
        s.commit()
    with db.read_session() as s:
        stored = s.get(WebhookDelivery, delivery_id)
        assert stored is not None
        assert stored.status == "succeeded" and stored.attempts == 2
        assert stored.last_error is None
    log = api.get(f"/api/v1/webhooks/{endpoint['id']}/deliveries").json()["data"][0]
    assert log["status"] == "succeeded" and len(log["attempt_log"]) == 1  # the late one
