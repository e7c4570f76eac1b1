"""Every workspace page, for every kind of visitor (spec §12 on the roles of spec §6).

The list below must name every :class:`~peoplelens.web.route.WebRoute` (a new page without a
case fails ``test_every_page_is_covered``). For each page: signed out, a GET goes to sign-in
and anything else is 401; a person whose role may not (an interviewer on a recruiter's page, a
recruiter on an admin's) gets 403; a post without the session's CSRF token is 403; a person of
another tenant asking for this tenant's ids gets 404; none of these changes anything (the
audit log does not grow); and the least role that may, gets the page (200) or its redirect
(303).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from peoplelens.web.route import WebRoute
from tests.factories import Api, TenantHandle, unique_email
from tests.test_route_matrix import World, _assign, _walk
from tests.web.workspace.conftest import Visitor


@dataclass
class Page:
    method: str
    path: str
    form: dict[str, str] = field(default_factory=dict)
    # Names this tenant's objects: a person of another tenant must get 404.
    foreign: bool = True
    # Whether a 303 (a redirect after a post, or a front door) is the success answer.
    redirects: bool = False


def _decision(w: World) -> Page:
    """A decision on the candidate's plan (the world's plan, invited first)."""
    assert w.plan["plan_id"]
    return Page(
        "POST", f"/candidates/{w.candidate['id']}/decision", {"status": "hold"}, redirects=True
    )


# A one-button form still posts a form (without CSRF it must be the 403, not a 415).
GO = {"go": "1"}


def _new_key(w: World) -> str:
    """An active API key of the world's tenant (its id)."""
    assert w.tenant is not None
    return str(w.tenant.new_key(["read"])[0])


CASES: dict[tuple[str, str], Callable[[World], Page]] = {
    ("GET", "/"): lambda w: Page("GET", "/", foreign=False, redirects=True),
    ("GET", "/me"): lambda w: Page("GET", "/me", foreign=False),
    ("GET", "/pipeline"): lambda w: Page("GET", f"/pipeline?job={w.job['id']}"),
    ("GET", "/candidates"): lambda w: Page("GET", "/candidates?q=a", foreign=False),
    ("POST", "/candidates/{id}/stage"): lambda w: Page(
        "POST", f"/candidates/{w.candidate['id']}/stage", {"stage": "offer"}, redirects=True
    ),
    ("GET", "/candidates/new"): lambda w: Page("GET", "/candidates/new", foreign=False),
    ("POST", "/candidates"): lambda w: Page(
        "POST",
        "/candidates",
        {"first_name": "Mat", "last_name": "Rix", "email": unique_email("matrix")},
        foreign=False,
        redirects=True,
    ),
    ("GET", "/candidates/{id}"): lambda w: Page("GET", f"/candidates/{w.candidate['id']}"),
    ("POST", "/candidates/{id}"): lambda w: Page(
        "POST",
        f"/candidates/{w.candidate['id']}",
        {
            "first_name": "Ada",
            "last_name": "Changed",
            "email": w.candidate["email"],
            "stage": "screening",
            "status": "active",
        },
        redirects=True,
    ),
    ("POST", "/candidates/{id}/documents"): lambda w: Page(
        "POST", f"/candidates/{w.candidate['id']}/documents", {"file": ""}, redirects=True
    ),
    ("POST", "/candidates/{id}/invite"): lambda w: Page(
        "POST",
        f"/candidates/{w.candidate['id']}/invite",
        {"template_id": w.template["id"]},
        redirects=True,
    ),
    ("POST", "/candidates/{id}/decision"): lambda w: _decision(w),
    ("POST", "/interviews/{id}/decision"): lambda w: Page(
        "POST", f"/interviews/{w.plan['plan_id']}/decision", {"status": "hold"}, redirects=True
    ),
    ("POST", "/candidates/{id}/delete"): lambda w: Page(
        "POST", f"/candidates/{w.candidate['id']}/delete", {"confirmed": "1"}, redirects=True
    ),
    # settings
    ("GET", "/settings"): lambda w: Page("GET", "/settings", foreign=False, redirects=True),
    ("GET", "/settings/users"): lambda w: Page("GET", "/settings/users?q=a", foreign=False),
    ("POST", "/settings/users"): lambda w: Page(
        "POST",
        "/settings/users",
        {"email": unique_email("inv"), "role": "recruiter"},
        False,
        redirects=True,
    ),
    ("POST", "/settings/users/{id}/role"): lambda w: Page(
        "POST", f"/settings/users/{w.user['id']}/role", {"role": "admin"}, redirects=True
    ),
    ("POST", "/settings/users/{id}/enabled"): lambda w: Page(
        "POST", f"/settings/users/{w.user['id']}/enabled", {"enabled": "false"}, redirects=True
    ),
    ("POST", "/settings/users/{id}/invitation"): lambda w: Page(
        "POST", f"/settings/users/{w.user['id']}/invitation", GO, redirects=True
    ),
    ("POST", "/settings/users/{id}/delete"): lambda w: Page(
        "POST", f"/settings/users/{w.user['id']}/delete", GO, redirects=True
    ),
    ("GET", "/settings/sso"): lambda w: Page("GET", "/settings/sso", foreign=False),
    ("POST", "/settings/sso"): lambda w: Page(
        "POST",
        "/settings/sso",
        {"issuer": "https://idp.example.com", "client_id": "pl", "client_secret": "s"},
        foreign=False,
        redirects=True,
    ),
    ("POST", "/settings/sso/delete"): lambda w: Page(
        "POST", "/settings/sso/delete", GO, foreign=False, redirects=True
    ),
    ("GET", "/settings/scim"): lambda w: Page("GET", "/settings/scim", foreign=False),
    ("POST", "/settings/scim/token"): lambda w: Page(
        "POST", "/settings/scim/token", GO, False, redirects=True
    ),
    ("POST", "/settings/scim/revoke"): lambda w: Page(
        "POST", "/settings/scim/revoke", GO, foreign=False, redirects=True
    ),
    ("GET", "/settings/api-keys"): lambda w: Page("GET", "/settings/api-keys", foreign=False),
    ("POST", "/settings/api-keys"): lambda w: Page(
        "POST", "/settings/api-keys", {"name": "k", "scopes": "read"}, False, True
    ),
    ("POST", "/settings/api-keys/{id}/revoke"): lambda w: Page(
        "POST", f"/settings/api-keys/key-{_new_key(w)}/revoke", GO, redirects=True
    ),
    ("GET", "/settings/webhooks"): lambda w: Page("GET", "/settings/webhooks", foreign=False),
    ("POST", "/settings/webhooks"): lambda w: Page(
        "POST", "/settings/webhooks", {"url": "http://127.0.0.1:9/hook"}, False, True
    ),
    ("GET", "/settings/webhooks/{id}"): lambda w: Page(
        "GET", f"/settings/webhooks/{w.webhook['id']}"
    ),
    ("POST", "/settings/webhooks/{id}"): lambda w: Page(
        "POST",
        f"/settings/webhooks/{w.webhook['id']}",
        {"url": "http://127.0.0.1:9/other"},
        redirects=True,
    ),
    ("POST", "/settings/webhooks/{id}/enabled"): lambda w: Page(
        "POST", f"/settings/webhooks/{w.webhook['id']}/enabled", {"enabled": "true"}, True, True
    ),
    ("POST", "/settings/webhooks/{id}/delete"): lambda w: Page(
        "POST", f"/settings/webhooks/{w.webhook['id']}/delete", GO, redirects=True
    ),
    ("POST", "/settings/webhooks/{id}/test"): lambda w: Page(
        "POST", f"/settings/webhooks/{w.webhook['id']}/test", GO, redirects=True
    ),
    ("POST", "/settings/webhooks/{id}/rotate-secret"): lambda w: Page(
        "POST", f"/settings/webhooks/{w.webhook['id']}/rotate-secret", GO, redirects=True
    ),
    ("POST", "/settings/webhooks/{id}/deliveries/{delivery_id}/retry"): lambda w: Page(
        "POST",
        f"/settings/webhooks/{w.webhook['id']}/deliveries/{w.webhook['delivery_id']}/retry",
        GO,
        redirects=True,
    ),
    ("POST", "/settings/webhooks/{id}/replay"): lambda w: Page(
        "POST",
        f"/settings/webhooks/{w.webhook['id']}/replay",
        {"since": "2020-01-01T00:00"},
        redirects=True,
    ),
    ("GET", "/settings/audit"): lambda w: Page(
        "GET", "/settings/audit?action=USER_CREATED&since=2020-01-01", foreign=False
    ),
    ("GET", "/settings/email"): lambda w: Page("GET", "/settings/email", foreign=False),
    ("POST", "/settings/email"): lambda w: Page(
        "POST", "/settings/email", {"from_name": "Hiring"}, foreign=False, redirects=True
    ),
    ("GET", "/interviews/{id}"): lambda w: Page("GET", f"/interviews/{w.finished['plan_id']}"),
    ("POST", "/interviews/{id}/reassess"): lambda w: Page(
        "POST",
        f"/interviews/{w.finished['plan_id']}/reassess",
        {"step_id": w.finished["step_id"]},
        redirects=True,
    ),
    ("POST", "/interviews/{id}/steps/{step_id}/scorecard"): lambda w: Page(
        "POST",
        f"/interviews/{w.human_step['plan_id']}/steps/{w.human_step['step_id']}/scorecard",
        {"overall_score": "70", "recommendation": "hire"},
        redirects=True,
    ),
    ("GET", "/my-interviews"): lambda w: Page("GET", "/my-interviews", foreign=False),
    # Jobs (web/jobs.py).
    ("GET", "/jobs"): lambda w: Page("GET", "/jobs?q=go&status=active", foreign=False),
    ("GET", "/jobs/new"): lambda w: Page("GET", "/jobs/new", foreign=False),
    ("POST", "/jobs"): lambda w: Page(
        "POST", "/jobs", {"title": "Rust Engineer"}, foreign=False, redirects=True
    ),
    ("GET", "/jobs/{id}"): lambda w: Page("GET", f"/jobs/{w.job['id']}"),
    ("POST", "/jobs/{id}"): lambda w: Page(
        "POST", f"/jobs/{w.job['id']}", {"title": "Go Lead", "status": "paused"}, redirects=True
    ),
    ("POST", "/jobs/{id}/close"): lambda w: Page(
        "POST", f"/jobs/{w.job['id']}/close", {"action": "close"}, redirects=True
    ),
    ("POST", "/jobs/{id}/delete"): lambda w: Page(
        "POST", f"/jobs/{w.free_job['id']}/delete", {"action": "delete"}, redirects=True
    ),
    # Interview templates (web/interview_templates.py).
    ("GET", "/templates"): lambda w: Page("GET", "/templates", foreign=False),
    ("GET", "/templates/new"): lambda w: Page("GET", "/templates/new", foreign=False),
    ("POST", "/templates"): lambda w: Page(
        "POST",
        "/templates",
        {"title": "Screen", "q0.text": "Why this role?", "q0.type": "motivational"},
        foreign=False,
        redirects=True,
    ),
    ("GET", "/templates/generate"): lambda w: Page("GET", "/templates/generate", foreign=False),
    ("POST", "/templates/generate"): lambda w: Page(
        "POST",
        "/templates/generate",
        {"job_description": "Backend engineer: Go services, PostgreSQL and Kubernetes."},
        foreign=False,
    ),
    ("GET", "/templates/{id}"): lambda w: Page("GET", f"/templates/{w.template['id']}"),
    ("POST", "/templates/{id}"): lambda w: Page(
        "POST",
        f"/templates/{w.template['id']}",
        {"title": "Screen 2", "q0.text": "Why us?", "q0.type": "general"},
        redirects=True,
    ),
    ("POST", "/templates/{id}/delete"): lambda w: Page(
        "POST", f"/templates/{w.free_template['id']}/delete", {"action": "delete"}, redirects=True
    ),
    ("GET", "/templates/{id}/preview"): lambda w: Page(
        "GET", f"/templates/{w.template['id']}/preview"
    ),
}


def web_routes(app: FastAPI) -> dict[tuple[str, str], WebRoute]:
    found: dict[tuple[str, str], WebRoute] = {}
    for route in _walk(list(app.routes)):
        if isinstance(route, WebRoute):
            for method in route.methods or ():
                found[(method, route.path)] = route
        elif isinstance(route, APIRoute) and not route.path.startswith(("/api", "/scim")):
            assert route.path in NOT_WORKSPACE, f"{route.path}: a page outside WebRoute"
    return found


# Pages of their own kind, outside the workspace: the candidate's link, sign-in, SSO,
# setting a password, the API reference, the health check.
NOT_WORKSPACE = {
    "/book/{token}",
    "/book/{token}/booking",
    "/book/{token}/booking/cancel",
    "/book/{token}/invite.ics",
    "/login",
    "/logout",
    "/auth/oidc/login",
    "/auth/oidc/callback",
    "/set-password/{token}",
    "/docs",
    "/redoc",
    "/healthz",
    "/readyz",
    "/metrics",
}


def test_every_page_is_covered(app: FastAPI) -> None:
    routes = set(web_routes(app))
    assert routes - set(CASES) == set(), "pages without a case"
    assert set(CASES) - routes == set(), "cases for pages that no longer exist"


def _audit_count(api: Api) -> int:
    return int(api.get("/api/v1/audit-logs", params={"limit": 1}).json()["pagination"]["total"])


def _send(visitor: Visitor, page: Page, *, csrf: bool = True) -> httpx.Response:
    if page.method == "GET":
        return visitor.get(page.path)
    return visitor.post(page.path, page.form, csrf=csrf)


@pytest.mark.parametrize("route", sorted(CASES), ids=lambda r: f"{r[0]} {r[1]}")
def test_page_roles_and_isolation(
    route: tuple[str, str],
    app: FastAPI,
    client: TestClient,
    api: Api,
    tenant: TenantHandle,
    other_tenant: TenantHandle,
) -> None:
    secret = app.state.runtime.secret_key
    web_route = web_routes(app)[route]
    world = World(api, tenant, secret)
    page = CASES[route](world)
    interviewer = Visitor(client, world.person("interviewer"))
    recruiter = Visitor(client, world.person("recruiter"))
    admin = Visitor(client, world.person("admin"))
    before = _audit_count(api)

    # Signed out.
    if page.method == "GET":
        r = client.get(page.path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), r.text
    else:
        r = client.post(page.path, data=page.form, follow_redirects=False)
        assert r.status_code == 401, r.text

    scope, admits = web_route.scope, web_route.admits_interviewer
    if scope is not None and not admits:
        r = _send(interviewer, page)
        assert r.status_code == 403, r.text
    if scope == "admin":
        r = _send(recruiter, page)
        assert r.status_code == 403, r.text
    if page.method != "GET":
        r = _send(admin, page, csrf=False)
        assert r.status_code == 403, r.text
    stranger = Visitor(client, other_tenant.new_person("admin", secret))
    if page.foreign:
        r = _send(stranger, page)
        assert r.status_code == 404, r.text
        if page.method == "POST":  # even with a form the page would refuse
            r = stranger.post(page.path, {"go": "1"})
            assert r.status_code == 404, r.text
    if admits:
        r = _send(interviewer, page)  # nothing assigned to them yet
        assert r.status_code == 404, r.text
    assert _audit_count(api) == before

    # The least role that may.
    if admits:
        _assign(world, interviewer.person, page.path)
        visitor = interviewer
    elif scope is None:
        visitor = interviewer
    else:
        visitor = admin if scope == "admin" else recruiter
    r = _send(visitor, page)
    expected = 303 if page.redirects else 200
    assert r.status_code == expected, r.text
