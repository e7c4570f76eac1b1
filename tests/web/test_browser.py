"""The candidate's interview in a real browser (Debian's Chromium driven by Playwright).

Open the booking link, consent, answer every question, reload half-way and continue, see the
closing words; then the API shows the transcript, a scorecard (made by the server's embedded
worker) and the status ``completed``. And the API reference pages, with the network cut off.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from peoplelens.db import Database
from tests.factories import Api, make_tenant, token_of
from tests.live_server import live_server

CHROMIUM = os.environ.get("PEOPLELENS_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"no Chromium at {CHROMIUM} (make test installs Debian's chromium when it can)",
    ),
]

ANSWERS = [
    "At my last job I built a Go service that handled 5,000 requests per second. I profiled "
    "it with pprof, fixed a goroutine leak and cut p99 latency from 900 ms to 120 ms.",
    "<b>Bold</b> <script>window.pwned=1</script> Last year a colleague wanted to rewrite our "
    "search service while I wanted to fix it step by step. I proposed an experiment, we "
    "measured, cut latency by 60%, and the team chose the incremental path.",
]


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(database_url, tmp_path_factory.mktemp("browser")) as (base, _env):
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


def _wait_for_scorecard(base: str, key: str, plan_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while True:
        card: dict[str, Any] = httpx.get(
            f"{base}/api/v1/interviews/{plan_id}/scorecard",
            headers={"Authorization": f"Bearer {key}"},
        ).json()
        if card["assessments"][0]["scorecard"] is not None:
            return card
        assert time.monotonic() < deadline, card
        time.sleep(0.3)


def test_interview_in_the_browser(
    server: str, browser: Any, client: TestClient, db: Database, tmp_path: Path
) -> None:
    # A company name that ends with a full stop, as the demo tenant's does.
    api = Api(client, make_tenant(db, name="Ada Recruiting Co.").key)
    cand = api.candidate(first_name="Ada")
    job = api.job(title="Backend Engineer")
    api.patch(f"/api/v1/candidates/{cand['id']}", json={"job_id": job["id"]})
    tpl = api.template(
        initial_message="Hi Ada, I'm Ava. Let's begin.",
        ending_message="Thank you, that was everything!",
    )
    invite = api.invite(cand["id"], tpl["id"])
    url = f"{server}/book/{token_of(invite)}"

    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    response = page.goto(url)
    assert response.status == 200
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert page.get_by_role("heading", name="Interview: Backend Engineer").is_visible()
    consent = page.locator("#consent").inner_text()
    assert "AI interviewer" in consent
    assert "Hello Ada, thank you for applying to Ada Recruiting Co.\n" in consent
    assert ".." not in page.locator("body").inner_text()

    # Keyboard only: tick the box and start.
    page.keyboard.press("Tab")
    page.locator("#consent-box").focus()
    page.keyboard.press("Space")
    page.locator("#start").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Tell me about a Go service you built.")
    assert page.locator("#answer").evaluate("el => el === document.activeElement")

    page.fill("#answer", ANSWERS[0])
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("text=Describe a conflict you resolved.")

    # Reload half-way: the conversation is all there and continues.
    page.reload()
    page.wait_for_selector("text=Describe a conflict you resolved.")
    assert page.locator("#messages li").count() == 4
    page.fill("#answer", ANSWERS[1])
    page.click("#send")
    page.wait_for_selector("text=Thank you, that was everything!")
    assert page.locator("#done").is_visible() and page.locator("#answer-form").is_hidden()

    # Markup in an answer is shown as text, never run.
    assert page.evaluate("window.pwned") is None
    shown = page.locator("#messages li.candidate p").last
    assert shown.inner_text().startswith("<b>Bold</b> <script>")
    page.screenshot(path=str(tmp_path / "interview.png"), full_page=True)
    shutil.copy(tmp_path / "interview.png", "/tmp/peoplelens-interview.png")

    # Reopening the finished interview shows it complete.
    page.goto(url)
    assert page.locator("#done").is_visible()

    transcript = api.get(f"/api/v1/interviews/{invite['plan_id']}/transcript").json()
    texts = [m["text"] for m in transcript["steps"][0]["messages"]]
    assert texts[0] == "Hi Ada, I'm Ava. Let's begin." and ANSWERS[1] in texts
    card = _wait_for_scorecard(server, api.key, invite["plan_id"])
    assert card["assessments"][0]["scorecard"]["overall_score"] is not None
    status = api.get(f"/api/v1/candidates/{cand['id']}/status").json()
    assert status["status"] == "completed"


def test_bad_links_show_a_clear_page(server: str, browser: Any, api: Api) -> None:
    page = browser.new_page()
    response = page.goto(f"{server}/book/{'x' * 43}")
    assert response.status == 404
    assert page.get_by_role("heading", name="This link is not valid").is_visible()
    assert "Traceback" not in page.content()

    invite = api.invite(api.candidate()["id"], api.template()["id"])
    api.post(f"/api/v1/interviews/{invite['plan_id']}/cancel")
    response = page.goto(f"{server}/book/{token_of(invite)}")
    assert response.status == 410
    assert page.get_by_role("heading", name="This interview was cancelled").is_visible()


def _offline_page(browser: Any) -> tuple[Any, Any, list[str]]:
    """A page whose every request off this machine is refused (and listed)."""
    context = browser.new_context()
    blocked: list[str] = []

    def only_local(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname in {"127.0.0.1", "localhost", "::1"}:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", only_local)
    return context, context.new_page(), blocked


def test_api_reference_renders_offline(server: str, browser: Any) -> None:
    context, page, blocked = _offline_page(browser)
    try:
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(f"{server}/docs")
        assert response.status == 200
        # Swagger UI read the OpenAPI 3.1 document and lists the operations.
        operation = page.get_by_role(
            "button", name=re.compile(r"^GET\s*\/api\/v1\/candidates\/\{id\}\s*Get Candidate")
        )
        operation.wait_for()
        assert page.get_by_role("heading", name=re.compile("^PeopleLens API")).is_visible()
        # And it works: "Try it out" on /healthz reaches this server.
        page.get_by_role("button", name=re.compile(r"^GET\s*\/healthz")).click()
        page.get_by_role("button", name="Try it out").click()
        page.get_by_role("button", name="Execute").click()
        status = page.locator(".live-responses-table .response .response-col_status")
        status.wait_for()
        assert status.inner_text().strip() == "200"

        page.goto(f"{server}/redoc")
        # ReDoc too, from the same local files.
        page.get_by_role("heading", name=re.compile(r"^PeopleLens API")).wait_for()
        page.get_by_role("heading", name=re.compile(r"Get Candidate$")).first.wait_for()
        assert blocked == [], f"the reference pages tried to load {blocked}"
        assert errors == []
    finally:
        context.close()


def test_ai_then_booking_a_person_in_the_browser(
    server: str, browser: Any, client: TestClient, db: Database
) -> None:
    """An AI step then a human one on the same link: after the last answer the page offers the
    interviewer's times in the browser's own time zone (named), and a click books one."""
    api = Api(client, make_tenant(db, name="Zone Test Ltd").key)
    interviewer = api.post(
        "/api/v1/users",
        json={
            "email": f"ivr.{time.time_ns()}@example.com",
            "first_name": "Lin",
            "role": "interviewer",
            "time_zone": "Europe/Berlin",
            "working_hours": {
                d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            },
        },
    ).json()
    cand = api.candidate(first_name="Ada")
    tpl = api.template()
    invite = api.post(
        "/api/v1/interviews/invite",
        json={
            "candidate_id": cand["id"],
            "steps": [
                {"title": "Screening", "type": "ai_interview", "template_id": tpl["id"]},
                {
                    "title": "Team interview",
                    "type": "human_interview",
                    "interviewer_id": interviewer["id"],
                },
            ],
        },
    ).json()
    context = browser.new_context(timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.goto(f"{server}/book/{token_of(invite)}")
    page.locator("#consent-box").check()
    page.click("#start")
    # Answer until the AI step is over (follow-ups included); the page then reloads itself
    # into the booking view, in the browser's zone.
    sent, deadline = 0, time.monotonic() + 60
    while not page.get_by_role("heading", name="Pick a time for your interview").count():
        assert time.monotonic() < deadline, page.content()
        if page.locator("#answer-form").is_visible():
            page.fill("#answer", ANSWERS[sent % len(ANSWERS)])
            page.click("#send")
            sent += 1
            page.locator("#messages li.candidate").nth(sent - 1).wait_for()
        page.wait_for_timeout(300)
    assert "tz=America%2FLos_Angeles" in page.url
    label = page.locator("#zone-label").inner_text()
    assert re.search(r"America/Los_Angeles \(UTC-0[78]:00\)", label), label
    assert "AI interviewer" not in page.locator("#booking").inner_text()
    first = page.locator(".slots button").first
    chosen = first.get_attribute("value")
    first.click()
    page.wait_for_selector("text=Your interview is booked")
    assert "America/Los_Angeles" in page.locator("#booking").inner_text()
    plan = api.get(f"/api/v1/interviews/{invite['plan_id']}").json()
    assert plan["steps"][1]["status"] == "scheduled"
    assert plan["steps"][1]["scheduled_start"] == chosen
    context.close()
