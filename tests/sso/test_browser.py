"""Signing in with SSO in a real browser (Debian's Chromium driven by Playwright) against a real
provider (oidc-provider) and a real `peoplelens serve`: the workspace's SSO link, the provider's
login form and consent, back signed in.

The signed-in workspace page (``/``) is another branch's work: here the proof of being signed in
is the browser's own cookie working on the API (``GET /api/v1/candidates`` from the browser
context) — and the cookie's flags as the browser stored them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from peoplelens.db import Database
from tests.factories import make_tenant, unique_email
from tests.live_server import live_server
from tests.sso.helpers import make_user
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, oidc_provider, provider_missing
from tests.web.test_browser import CHROMIUM

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
    pytest.mark.skipif(provider_missing() is not None, reason=f"{provider_missing()}"),
]


@pytest.fixture(scope="module")
def servers(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    workdir = tmp_path_factory.mktemp("sso-browser")
    with (
        live_server(database_url, workdir) as (base, _env),
        oidc_provider([f"{base}/auth/oidc/callback"], workdir) as issuer,
    ):
        yield base, issuer


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        yield instance
        instance.close()


def test_sign_in_with_sso_in_chromium(
    servers: tuple[str, str], chromium: Any, database_url: str
) -> None:
    base, issuer = servers
    db = Database.connect(database_url)
    try:
        tenant = make_tenant(db)
        email = unique_email("chromium")
        make_user(db, tenant.id, email)
    finally:
        db.dispose()
    r = httpx.put(
        f"{base}/api/v1/sso",
        headers={"Authorization": f"Bearer {tenant.key}"},
        json={"issuer": issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
    )
    assert r.status_code == 200, r.text

    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base}/auth/oidc/login?workspace={tenant.slug}", wait_until="commit")
        page.get_by_placeholder("Enter any login").fill(email)
        page.get_by_placeholder("and password").fill("anything")
        page.get_by_role("button", name="Sign-in").click()
        page.get_by_role("button", name="Continue").click()
        # Signed in: "/" sends a person on to their start page.
        page.wait_for_url(re.compile(re.escape(base) + r"/(pipeline|my-interviews)$"))

        cookies = {c["name"]: c for c in context.cookies(base)}
        session = cookies["pl_session"]
        assert session["httpOnly"] is True and session["sameSite"] == "Lax"
        listed = context.request.get(f"{base}/api/v1/candidates")
        assert listed.status == 200, listed.text()
        assert listed.json()["data"] == []
        # The round trip's binding cookie is gone once it has served.
        assert "pl_oidc" not in {c["name"] for c in context.cookies(f"{base}/auth/oidc/x")}
    finally:
        context.close()
