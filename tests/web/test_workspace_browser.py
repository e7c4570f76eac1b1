"""The recruiter workspace in a real browser (Debian's Chromium driven by Playwright) against a
live server: sign in with a password, find a candidate, move them with the "Move" button and
by drag-and-drop; and every page of :data:`PAGES` checked by axe-core (no serious or critical
violation) and photographed at a desktop and a phone width.

Adding a page to the accessibility check and the screenshots is one line in :data:`PAGES`:
``Page("<name>", lambda w: f"/path/{w.<id>}")`` — ``w`` is the :class:`Workspace` the module
builds once (a job with candidates in every stage, a finished and scored interview, a booked
team interview, a template, the signed-in recruiter). Screenshots go to
``$PEOPLELENS_SCREENSHOTS`` (default ``tests/.screenshots``, not committed) as
``<name>-<width>.png``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.db import Database
from tests.factories import Api, make_tenant
from tests.live_server import live_server
from tests.users.people import PASSWORD, make_person
from tests.web.axe import CONTEXT_OPTIONS, assert_accessible
from tests.web.test_browser import CHROMIUM
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
    # first name → candidate id; "Ada" has the finished interview, "Ben" the booked one.
    candidates: dict[str, str] = field(default_factory=dict)
    completed_plan_id: str = ""
    scheduled_plan_id: str = ""


class Page(NamedTuple):
    name: str
    path: Callable[[Workspace], str]
    signed_in: bool = True


# The pages checked by axe-core and photographed at both widths.
PAGES: list[Page] = [
    Page("pipeline", lambda w: f"/pipeline?job={w.job_id}"),
    Page("candidates", lambda w: "/candidates"),
    Page("me", lambda w: "/me"),
    Page("login", lambda w: "/login", signed_in=False),
]


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
    scheduled = _booked_team_interview(api, names["Ben"])
    with live_server(database_url, tmp_path_factory.mktemp("workspace")) as (base, _env):
        yield Workspace(
            base=base,
            slug=tenant.slug,
            email=person.email,
            key=tenant.key,
            job_id=job["id"],
            template_id=tpl["id"],
            candidates=names,
            completed_plan_id=finished["invite"]["plan_id"],
            scheduled_plan_id=scheduled,
        )


def _booked_team_interview(api: Api, candidate_id: str) -> str:
    interviewer = api.post(
        "/api/v1/users",
        json={
            "email": f"sam.{time.time_ns()}@example.com",
            "first_name": "Sam",
            "role": "interviewer",
        },
    ).json()
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
            "interviewer_id": interviewer["id"],
            "start_time": "2031-03-04T10:00:00Z",
        },
    )
    assert booked.status_code == 200, booked.text
    return str(plan["plan_id"])


def _sign_in(page: Any, w: Workspace) -> None:
    page.goto(w.base + "/login")
    page.get_by_label("Workspace").fill(w.slug)
    page.get_by_label("E-mail address").fill(w.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(w.base + "/pipeline")


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


@pytest.fixture(scope="module")
def signed_in_state(workspace: Workspace, browser: Any) -> Iterator[dict[str, Any]]:
    """The recruiter's cookies, signed in once through the form for every page check."""
    context = browser.new_context()
    page = context.new_page()
    _sign_in(page, workspace)
    state: dict[str, Any] = context.storage_state()
    context.close()
    yield state


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("shown", PAGES, ids=[p.name for p in PAGES])
def test_page_is_accessible(
    workspace: Workspace,
    browser: Any,
    signed_in_state: dict[str, Any],
    shown: Page,
    viewport: str,
) -> None:
    w = workspace
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        storage_state=signed_in_state if shown.signed_in else None,
        **CONTEXT_OPTIONS,
    )
    page = context.new_page()
    try:
        path = shown.path(w)
        response = page.goto(w.base + path)
        assert response is not None and response.status == 200, (path, response)
        if shown.signed_in:
            assert "/login" not in page.url, f"{path} sent the signed-in recruiter to sign in"
        # Nothing wider than the screen: wide content (the board, tables) scrolls in its box.
        wide = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert wide <= 1, f"{path} is {wide}px wider than a {viewport} screen"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{shown.name}-{viewport}.png"), full_page=True)
        assert_accessible(page, f"{shown.name} ({path}) at {viewport} width")
    finally:
        context.close()
