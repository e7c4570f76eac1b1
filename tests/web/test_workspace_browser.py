"""The recruiter workspace in a real browser (Debian's Chromium driven by Playwright) against a
live server: sign in with a password, find a candidate, move them with the "Move" button and
by drag-and-drop; the whole hiring flow end to end (:func:`test_hiring_flow_end_to_end`:
recruiter, candidate, interviewer and admin, each in a browser context of their own); and
every page of :data:`PAGES` checked by axe-core (no serious or critical violation) and
photographed at a desktop and a phone width.

Adding a page to the accessibility check and the screenshots is one line in :data:`PAGES`:
``Page("<name>", lambda w: f"/path/{w.<id>}")`` — ``w`` is the :class:`Workspace` the module
builds once (a job with candidates in every stage, a finished and scored interview, a booked
team interview, a parsed resume, a template, a webhook endpoint with a local receiver, a
recruiter, an admin and an interviewer with passwords); ``who`` is the person the page is
opened as (``""``: signed out). Screenshots go to ``$PEOPLELENS_SCREENSHOTS`` (default
``tests/.screenshots``, not committed) as ``<name>-<width>.png`` (and the few of
:data:`SCREEN_SHOTS` as one screen, ``<name>-<width>-screen.png``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.db import Database
from peoplelens.kit import ids
from tests.databases import POSTGRES_ADMIN_URL
from tests.factories import Api, make_tenant, token_of
from tests.live_server import live_server
from tests.users.people import PASSWORD, make_person
from tests.web.axe import CONTEXT_OPTIONS, assert_accessible
from tests.web.test_browser import CHROMIUM, _wait_for_scorecard
from tests.web.test_browser import browser as browser  # the shared fixture

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"no Chromium at {CHROMIUM} (make test installs Debian's chromium when it can)",
    ),
]

SCREENSHOTS = Path(
    os.environ.get("PEOPLELENS_SCREENSHOTS") or Path(__file__).resolve().parents[1] / ".screenshots"
)
# Also saved as one screen (``<name>-<width>-screen.png``, the README's pictures, copied to
# docs/screenshots/): scrolled to the element of the selector first, if any.
SCREEN_SHOTS = {
    "pipeline-desktop": "",
    "review-desktop": "",
    "review-phone": ".transcript mark",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
STAGES = ("applied", "screening", "interview", "offer", "hired", "rejected")


@dataclass
class Workspace:
    """What the pages are opened with: ids as the API renders them (``can-…``, ``plan-…``)."""

    base: str
    slug: str
    email: str
    key: str
    job_id: str
    template_id: str
    # first name → candidate id; "Zoe" has the finished interview and the parsed resume, "Ben"
    # the booked team interview.
    candidates: dict[str, str] = field(default_factory=dict)
    completed_plan_id: str = ""
    scheduled_plan_id: str = ""
    # role → e-mail address of a person with PASSWORD ("recruiter" is ``email``).
    people: dict[str, str] = field(default_factory=dict)
    interviewer_id: str = ""
    webhook_id: str = ""
    # The event types the local receiver was sent, in order.
    received: list[str] = field(default_factory=list)


class Page(NamedTuple):
    name: str
    path: Callable[[Workspace], str]
    who: str = "recruiter"  # "recruiter", "admin", "interviewer"; "" for signed out


# The pages checked by axe-core and photographed at both widths.
PAGES: list[Page] = [
    Page("pipeline", lambda w: f"/pipeline?job={w.job_id}"),
    Page("candidates", lambda w: "/candidates"),
    Page("candidate-new", lambda w: "/candidates/new"),
    Page("candidate", lambda w: f"/candidates/{w.candidates['Zoe']}"),
    Page("review", lambda w: f"/interviews/{w.completed_plan_id}"),
    Page("review-team", lambda w: f"/interviews/{w.scheduled_plan_id}"),
    # The interviewer's view: their step with the scorecard form.
    Page("review-interviewer", lambda w: f"/interviews/{w.scheduled_plan_id}", "interviewer"),
    Page("my-interviews", lambda w: "/my-interviews", "interviewer"),
    Page("jobs", lambda w: "/jobs"),
    Page("job-new", lambda w: "/jobs/new"),
    Page("job", lambda w: f"/jobs/{w.job_id}"),
    Page("templates", lambda w: "/templates"),
    Page("template-new", lambda w: "/templates/new"),
    Page("template", lambda w: f"/templates/{w.template_id}"),
    Page("template-generate", lambda w: "/templates/generate"),
    Page("template-preview", lambda w: f"/templates/{w.template_id}/preview"),
    Page("settings-users", lambda w: "/settings/users", "admin"),
    Page("settings-sso", lambda w: "/settings/sso", "admin"),
    Page("settings-scim", lambda w: "/settings/scim", "admin"),
    Page("settings-api-keys", lambda w: "/settings/api-keys", "admin"),
    Page("settings-webhooks", lambda w: "/settings/webhooks", "admin"),
    Page("settings-webhook", lambda w: f"/settings/webhooks/{w.webhook_id}", "admin"),
    Page("settings-audit", lambda w: "/settings/audit", "admin"),
    Page("settings-email", lambda w: "/settings/email", "admin"),
    Page("me", lambda w: "/me"),
    Page("login", lambda w: "/login", ""),
]
RESUME = """Zoe Moreau
zoe.moreau@example.com

Summary
Frontend developer with six years of experience building accessible web applications.

Skills
TypeScript, React, CSS, Accessibility, Go

Experience
2019-2025 Senior Frontend Developer, Acme Corp: led the design system and cut page weight by 40%.
2017-2019 Web Developer, Example Ltd.

Education
BSc Computer Science, University of Lyon, 2017

Languages
French (native), English (C1)
"""
ALL_DAY = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


@pytest.fixture(scope="module")
def workspace(
    database_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    app: FastAPI,
    client: TestClient,
    db: Database,
) -> Iterator[Workspace]:
    """One tenant for the module: a recruiter with a password, a job with two candidates in
    every stage, a finished AI interview (scored by the live server's worker) and a booked
    team interview."""
    tenant = make_tenant(db, name="Browser Recruiting Ltd")
    person = make_person(app, tenant.id, role="recruiter")
    admin = make_person(app, tenant.id, role="admin")
    interviewer = make_person(app, tenant.id, role="interviewer")
    api = Api(client, tenant.key)
    job = api.job(title="Frontend Developer")
    tpl = api.template()
    names: dict[str, str] = {}
    first_names = iter(
        ["Ada", "Ben", "Chloe", "Dev", "Esme", "Farid", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lea"]
    )
    for stage in STAGES:
        for _ in range(2):
            first = next(first_names)
            status = stage if stage in ("hired", "rejected") else "active"
            cand = api.candidate(first_name=first, last_name="Moreau", job_id=job["id"])
            api.patch(f"/api/v1/candidates/{cand['id']}", json={"stage": stage, "status": status})
            names[first] = cand["id"]
    finished = api.complete_interview()
    api.patch(
        f"/api/v1/candidates/{finished['candidate']['id']}",
        json={"first_name": "Zoe", "job_id": job["id"], "stage": "interview"},
    )
    names["Zoe"] = finished["candidate"]["id"]
    interviewer_id = ids.render("usr", interviewer.id)
    made = api.patch(
        f"/api/v1/users/{interviewer_id}",
        json={"time_zone": "Europe/Berlin", "working_hours": ALL_DAY},
    )
    assert made.status_code == 200, made.text
    scheduled = _booked_team_interview(api, names["Ben"], interviewer_id)
    workdir = tmp_path_factory.mktemp("workspace")
    with (
        _receiver() as (hook_url, received),
        live_server(database_url, workdir, PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS="true") as (
            base,
            _env,
        ),
    ):
        w = Workspace(
            base=base,
            slug=tenant.slug,
            email=person.email,
            key=tenant.key,
            job_id=job["id"],
            template_id=tpl["id"],
            candidates=names,
            completed_plan_id=finished["invite"]["plan_id"],
            scheduled_plan_id=scheduled,
            people={
                "recruiter": person.email,
                "admin": admin.email,
                "interviewer": interviewer.email,
            },
            interviewer_id=interviewer_id,
            received=received,
        )
        # Through the live server: its settings allow a receiver on 127.0.0.1, and its worker
        # reads the resume and scores the interview.
        hook = _api(w, "post", "/api/v1/webhooks", json={"url": hook_url, "events": ["*"]})
        assert hook.status_code == 201, hook.text
        w.webhook_id = hook.json()["id"]
        upload = _api(
            w,
            "post",
            f"/api/v1/candidates/{names['Zoe']}/documents",
            files={"file": ("zoe-moreau-resume.txt", RESUME.encode(), "text/plain")},
        )
        assert upload.status_code == 201, upload.text
        _wait_for_parsed_resume(w, names["Zoe"])
        _wait_for_scorecard(base, tenant.key, w.completed_plan_id)
        yield w


def _api(w: Workspace, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """The live server's API with the workspace's key."""
    headers = {"Authorization": f"Bearer {w.key}"}
    return httpx.request(method, w.base + path, headers=headers, timeout=10, **kwargs)


def _until(what: str, check: Callable[[], Any], seconds: float = 30) -> Any:
    """Polls ``check`` (a read of the server's state) until it returns something truthy."""
    deadline = time.monotonic() + seconds
    while not (got := check()):
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.2)
    return got


def _wait_for_parsed_resume(w: Workspace, candidate_id: str) -> None:
    path = f"/api/v1/candidates/{candidate_id}/documents/parsed"
    _until("the resume to be read", lambda: _api(w, "get", path).status_code == 200)


class _Receiver(BaseHTTPRequestHandler):
    """A webhook receiver: 200 to every POST, the event's type noted."""

    received: list[str]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            self.received.append(str(json.loads(body).get("event")))
        except (ValueError, AttributeError):
            self.received.append("?")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _receiver() -> Iterator[tuple[str, list[str]]]:
    received: list[str] = []
    handler = type("Receiver", (_Receiver,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _booked_team_interview(api: Api, candidate_id: str, interviewer_id: str) -> str:
    plan = api.post(
        "/api/v1/interviews/invite",
        json={
            "candidate_id": candidate_id,
            "steps": [{"title": "Team interview", "type": "human_interview"}],
        },
    ).json()
    booked = api.post(
        f"/api/v1/interviews/{plan['plan_id']}/schedule",
        json={
            "step_id": plan["steps"][0]["id"],
            "interviewer_id": interviewer_id,
            "start_time": "2031-03-04T10:00:00Z",
        },
    )
    assert booked.status_code == 200, booked.text
    return str(plan["plan_id"])


def _sign_in(page: Any, w: Workspace, who: str = "recruiter") -> None:
    page.goto(w.base + "/login")
    page.get_by_label("Workspace").fill(w.slug)
    page.get_by_label("E-mail address").fill(w.people.get(who, w.email))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(w.base + ("/my-interviews" if who == "interviewer" else "/pipeline"))


def _column(page: Any, stage: str) -> Any:
    return page.locator(f'.column[data-stage="{stage}"]')


def _stage_of(w: Workspace, candidate_id: str) -> str:
    got = httpx.get(
        f"{w.base}/api/v1/candidates/{candidate_id}",
        headers={"Authorization": f"Bearer {w.key}"},
    )
    assert got.status_code == 200, got.text
    return str(got.json()["stage"])


def test_sign_in_find_and_move_a_candidate(workspace: Workspace, browser: Any) -> None:
    w = workspace
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        _sign_in(page, w)
        # The pipeline of the newest open job: every stage a column, the counts in the heads.
        assert page.get_by_role("heading", name="Frontend Developer").is_visible()
        for stage in STAGES:
            assert _column(page, stage).locator(".card").count() >= 2, stage
        assert "Chloe Moreau" in _column(page, "screening").inner_text()

        # The header's search box finds her in the candidate list.
        page.get_by_label("Search candidates").fill("Chloe")
        page.get_by_label("Search candidates").press("Enter")
        page.wait_for_url("**/candidates?q=Chloe")
        row = page.get_by_role("row").filter(has_text="Chloe Moreau")
        assert row.count() == 1 and "screening" in row.inner_text()
        assert "Dev Moreau" not in page.locator("main").inner_text()

        # The board's own search box narrows the board to her.
        page.goto(f"{w.base}/pipeline?job={w.job_id}")
        page.get_by_label("Name or e-mail").fill("Chloe")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url("**q=Chloe**")
        assert page.locator(".board .card").count() == 1

        # "Move": pick the stage in her card and press its button.
        page.get_by_label("Stage for Chloe Moreau").select_option("offer")
        page.get_by_role("button", name="Move Chloe Moreau").click()
        page.wait_for_load_state()
        assert page.get_by_role("status").inner_text() == "Moved Chloe Moreau to offer."
        assert "Chloe Moreau" in _column(page, "offer").inner_text()
        assert "Chloe Moreau" not in _column(page, "screening").inner_text()
        assert _stage_of(w, w.candidates["Chloe"]) == "offer"

        # Drag-and-drop: Dev's card onto the "interview" column submits the same form.
        page.goto(f"{w.base}/pipeline?job={w.job_id}")
        card = page.locator(".card").filter(has_text="Dev Moreau")
        assert "Dev Moreau" in _column(page, "screening").inner_text()
        card.drag_to(_column(page, "interview"))
        page.wait_for_selector("text=Moved Dev Moreau to interview.")
        assert "Dev Moreau" in _column(page, "interview").inner_text()
        assert "Dev Moreau" not in _column(page, "screening").inner_text()
        assert _stage_of(w, w.candidates["Dev"]) == "interview"
        assert errors == []
    finally:
        context.close()


def _answer_until_done(page: Any) -> int:
    """Answers every question of the AI step on the candidate page (follow-ups included; each
    answer numbered: identical answers within 5 s count once); the number of answers sent."""
    sent = 0
    while page.locator("#done").is_hidden():
        assert sent < 12, page.locator("#messages").inner_text()
        sent += 1
        page.locator("#answer").fill(
            f"({sent}) At Acme I built the design system in TypeScript and React, measured "
            "page weight with Lighthouse and cut it by 40%; I wrote tests for every component "
            "and resolved a conflict about the rollout with an experiment we measured together."
        )
        page.locator("#send").click()
        # The answer is shown, then either the next question (the form open again) or the end.
        page.wait_for_function(
            """(n) => !document.getElementById('done').hidden
                || (document.querySelectorAll('#messages li.candidate').length >= n
                    && !document.getElementById('answer-form').hidden
                    && !document.getElementById('send').disabled)""",
            arg=sent,
        )
    return sent


def test_hiring_flow_end_to_end(
    workspace: Workspace, browser: Any, client: TestClient, tmp_path: Path
) -> None:
    """A recruiter finds a new applicant, moves them on, uploads their resume and invites them
    (the form: an AI interview; a team interview with an interviewer through the API, as the
    form offers one template); the candidate, in a browser of their own, does the AI interview
    and books the team interview; the recruiter reviews the scorecard and its evidence; the
    interviewer (a third browser) sends their scorecard and cannot open another plan; the
    recruiter hires; an admin sees the webhook deliveries of it all."""
    from playwright.sync_api import expect

    w = workspace
    api = Api(client, w.key)
    nora = api.candidate(first_name="Nora", last_name="Quinn", job_id=w.job_id)
    interview_tpl = api.template(title="Frontend screening")
    resume = tmp_path / "nora-quinn-resume.txt"
    resume.write_text(RESUME.replace("Zoe Moreau", "Nora Quinn"), encoding="utf-8")
    errors: list[str] = []
    recruiter = browser.new_context(viewport=VIEWPORTS["desktop"])
    candidate = browser.new_context(viewport=VIEWPORTS["phone"], timezone_id="Europe/Paris")
    interviewer = browser.new_context(viewport=VIEWPORTS["desktop"])
    admin = browser.new_context(viewport=VIEWPORTS["desktop"])
    try:
        page = recruiter.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))

        # Sign in; find Nora with the header's search box; open her page.
        _sign_in(page, w)
        page.get_by_label("Search candidates").fill("Nora")
        page.get_by_label("Search candidates").press("Enter")
        page.wait_for_url("**/candidates?q=Nora")
        page.get_by_role("link", name="Nora Quinn").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Nora Quinn")
        candidate_url = page.url
        assert candidate_url == f"{w.base}/candidates/{nora['id']}"

        # Through the stages with the board's Move button: applied → screening → interview.
        page.get_by_role("link", name="Pipeline").last.click()
        expect(_column(page, "applied")).to_contain_text("Nora Quinn")
        for stage in ("screening", "interview"):
            page.get_by_label("Stage for Nora Quinn").select_option(stage)
            page.get_by_role("button", name="Move Nora Quinn").click()
            expect(page.get_by_role("status")).to_have_text(f"Moved Nora Quinn to {stage}.")
            expect(_column(page, stage)).to_contain_text("Nora Quinn")
        assert _stage_of(w, nora["id"]) == "interview"

        # Her resume, through the upload form: listed in her documents.
        page.get_by_role("link", name="Nora Quinn").click()
        page.wait_for_url(candidate_url)
        page.get_by_label("Resume or other document").set_input_files(resume)
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_role("status")).to_have_text(
            "Uploaded nora-quinn-resume.txt; it is being read."
        )
        documents = page.get_by_role("table", name="Documents of Nora Quinn")
        expect(documents).to_contain_text("nora-quinn-resume.txt")

        # Invite with the template picker: an AI interview; its link is listed on her page.
        page.get_by_label("Interview template").select_option(label="Frontend screening")
        page.get_by_role("button", name="Invite", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text("Invited.")
        ai_link = page.locator("#booking-1").inner_text()
        review_href = page.get_by_role(
            "link", name=re.compile("^Review the interview of plan 1,")
        ).get_attribute("href")
        ai_plan_id = str(review_href).rsplit("/", 1)[1]
        plan = _api(w, "get", f"/api/v1/interviews/{ai_plan_id}").json()
        assert [s["template_id"] for s in plan["steps"]] == [interview_tpl["id"]]
        # The team interview after it, with the interviewer (the form has no such choice).
        team = api.post(
            "/api/v1/interviews/invite",
            json={
                "candidate_id": nora["id"],
                "steps": [
                    {
                        "title": "Team interview",
                        "type": "human_interview",
                        "interviewer_id": w.interviewer_id,
                    }
                ],
            },
        )
        assert team.status_code == 201, team.text
        team_plan_id, team_token = team.json()["plan_id"], token_of(team.json())
        page.reload()
        links = page.locator(".secret code").all_inner_texts()
        team_link = next(link for link in links if link.endswith(team_token))

        # The candidate, without cookies: consent, answer every question, book the team time.
        them = candidate.new_page()
        them.on("pageerror", lambda error: errors.append(str(error)))
        them.goto(ai_link)
        expect(them.get_by_role("heading", name="Interview: Frontend Developer")).to_be_visible()
        them.locator("#consent-box").check()
        them.locator("#start").click()
        expect(them.locator("#answer")).to_be_focused()
        assert _answer_until_done(them) >= 2
        them.goto(team_link)
        expect(them.get_by_role("heading", name="Pick a time for your interview")).to_be_visible()
        them.locator(".slots button").first.click()
        expect(them.get_by_text("Your interview is booked")).to_be_visible()

        # The recruiter reviews the scorecard: the transcript beside it, a quote's link lands
        # on its highlight in the transcript.
        _wait_for_scorecard(w.base, w.key, ai_plan_id)
        page.goto(f"{w.base}/interviews/{ai_plan_id}")
        transcript = page.get_by_role("list", name="Transcript of AI interview")
        expect(transcript).to_contain_text("(1) At Acme I built the design system")
        expect(page.get_by_role("meter", name=re.compile("^Overall score"))).to_be_visible()
        quote = page.locator(".criteria blockquote a").first
        anchor = str(quote.get_attribute("href"))
        assert re.fullmatch(r"#ev-[\w-]+", anchor), anchor
        mark = page.locator(f"mark{anchor}")
        assert transcript.locator(f"mark{anchor}").count() == 1
        quote.click()
        page.wait_for_url(f"**/interviews/{ai_plan_id}{anchor}")
        expect(mark).to_be_visible()
        expect(mark).to_be_in_viewport()
        assert quote.inner_text().strip("“”") in mark.inner_text() or mark.inner_text() in (
            quote.inner_text()
        )

        # The interviewer: their step in My interviews, the scorecard form, and no other plan.
        theirs = interviewer.new_page()
        theirs.on("pageerror", lambda error: errors.append(str(error)))
        _sign_in(theirs, w, "interviewer")
        row = theirs.get_by_role("row").filter(has_text="Nora Quinn")
        expect(row).to_contain_text("Team interview")
        expect(row).to_contain_text("scheduled")
        row.get_by_role("link", name="Score Team interview with Nora Quinn").click()
        theirs.wait_for_url(f"**/interviews/{team_plan_id}#step-1")
        theirs.get_by_label("Overall score (0–100)").fill("84")
        theirs.get_by_label("Recommendation").select_option("hire")
        theirs.get_by_label("Criterion 1", exact=True).fill("Communication")
        theirs.get_by_label("Criterion 1 score (0–100)").fill("90")
        theirs.get_by_label("Notes").fill("Clear about trade-offs; would like her on the team.")
        theirs.get_by_role("button", name="Send scorecard for Team interview").click()
        expect(theirs.get_by_role("status")).to_have_text("Your scorecard was saved.")
        expect(theirs.locator(".human-card")).to_contain_text("Clear about trade-offs")
        assert theirs.get_by_role("button", name="Send scorecard for Team interview").count() == 0
        refused = theirs.goto(f"{w.base}/interviews/{ai_plan_id}")
        assert refused is not None and refused.status == 404
        expect(theirs.get_by_role("heading", level=1)).to_be_visible()
        assert "At Acme" not in theirs.locator("main").inner_text()
        team_state = _api(w, "get", f"/api/v1/interviews/{team_plan_id}").json()
        assert team_state["steps"][0]["status"] == "completed"

        # The recruiter decides: hire, with notes; the status shows it.
        page.goto(candidate_url)
        decision = page.get_by_role("form", name="Decision")
        decision.get_by_role("combobox", name=re.compile("^Decision")).select_option("hire")
        decision.get_by_label("Notes").fill("Strong AI interview and a yes from the team.")
        decision.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_role("status")).to_have_text("Recorded the decision: hire.")
        # The head of her page: her status badge says hired, her stage is hired.
        expect(page.locator(".page-actions")).to_contain_text("hired")
        expect(page.locator(".page-head .sub")).to_contain_text("· hired")
        expect(page.locator("#interviews")).to_contain_text("Strong AI interview")
        got = _api(w, "get", f"/api/v1/candidates/{nora['id']}").json()
        assert (got["status"], got["stage"]) == ("hired", "hired")

        # An admin sees the deliveries to the local receiver in the endpoint's log.
        def decision_delivered() -> bool:
            page_of = _api(w, "get", f"/api/v1/webhooks/{w.webhook_id}/deliveries").json()
            return any(
                d["event_type"] == "interview.decision" and d["status"] == "succeeded"
                for d in page_of["data"]
            )

        _until("the decision's webhook delivery", decision_delivered)
        assert "interview.decision" in w.received
        settings = admin.new_page()
        settings.on("pageerror", lambda error: errors.append(str(error)))
        _sign_in(settings, w, "admin")
        settings.goto(f"{w.base}/settings/webhooks")
        settings.get_by_role("link", name=re.compile(r"^http:\/\/127\.0\.0\.1:\d+\/hook")).click()
        settings.wait_for_url(f"**/settings/webhooks/{w.webhook_id}")
        log = settings.get_by_role("table", name="Deliveries, newest first")
        delivery = log.get_by_role("row").filter(has_text="interview.decision").first
        expect(delivery).to_contain_text("succeeded")
        expect(delivery).to_contain_text("HTTP 200")
        assert errors == []
    finally:
        for context in (recruiter, candidate, interviewer, admin):
            context.close()


@pytest.fixture(scope="module")
def signed_in_states(workspace: Workspace, browser: Any) -> Iterator[dict[str, dict[str, Any]]]:
    """Each person's cookies, signed in once through the form for every page check."""
    states: dict[str, dict[str, Any]] = {}
    for who in sorted({p.who for p in PAGES if p.who}):
        context = browser.new_context()
        page = context.new_page()
        _sign_in(page, workspace, who)
        states[who] = context.storage_state()
        context.close()
    yield states


@pytest.fixture(scope="module")
def page_contexts(
    browser: Any, signed_in_states: dict[str, dict[str, Any]]
) -> Iterator[Callable[[str | None, str], Any]]:
    """One browser context per (person, viewport), shared by the page checks (a context per
    check cost more than the check)."""
    made: dict[tuple[str | None, str], Any] = {}

    def context_for(who: str | None, viewport: str) -> Any:
        if (who, viewport) not in made:
            made[(who, viewport)] = browser.new_context(
                viewport=VIEWPORTS[viewport],
                storage_state=signed_in_states[who] if who else None,
                **CONTEXT_OPTIONS,
            )
        return made[(who, viewport)]

    yield context_for
    for context in made.values():
        context.close()


# The innermost elements that reach past the right edge of the screen (to name them on failure).
_OVERFLOWING = """() => {
  const past = (el) => el.getBoundingClientRect().right > window.innerWidth + 1;
  const classes = (el) => typeof el.className === "string" && el.className.trim()
    ? "." + el.className.trim().split(/\\s+/).join(".") : "";
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes(el);
  return [...document.body.querySelectorAll("*")]
    .filter((el) => past(el) && ![...el.children].some(past))
    .slice(0, 8)
    .map((el) => name(el) + " ↦ " + Math.round(el.getBoundingClientRect().right) + "px");
}"""


# The pages' markup does not depend on the database: the accessibility and width checks run
# once, on SQLite (CI's PostgreSQL pass runs the flows above, where the database matters).
@pytest.mark.skipif(
    POSTGRES_ADMIN_URL is not None, reason="the pages' markup is checked on the SQLite pass"
)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("shown", PAGES, ids=[p.name for p in PAGES])
def test_page_is_accessible(
    workspace: Workspace,
    page_contexts: Callable[[str | None, str], Any],
    shown: Page,
    viewport: str,
) -> None:
    w = workspace
    page = page_contexts(shown.who, viewport).new_page()
    try:
        path = shown.path(w)
        response = page.goto(w.base + path)
        assert response is not None and response.status == 200, (path, response)
        if shown.who:
            assert "/login" not in page.url, f"{path} sent the signed-in {shown.who} to sign in"
        # Nothing wider than the screen: wide content (the board, tables) scrolls in its box.
        wide = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert wide <= 1, (
            f"{path} is {wide}px wider than a {viewport} screen: {page.evaluate(_OVERFLOWING)}"
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{shown.name}-{viewport}.png"), full_page=True)
        shot = f"{shown.name}-{viewport}"
        if shot in SCREEN_SHOTS:  # for the README: one screen's worth, small enough to commit
            if SCREEN_SHOTS[shot]:
                page.locator(SCREEN_SHOTS[shot]).first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / f"{shot}-screen.png"))
        assert_accessible(page, f"{shown.name} ({path}) at {viewport} width")
    finally:
        page.close()
