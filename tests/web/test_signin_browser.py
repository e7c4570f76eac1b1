"""Signing in with a real browser (Debian's Chromium driven by Playwright) against a live
server: set a password from the one-time link, land on the signed-in page, sign out, sign in
with the form (keyboard only), sign out again. The server keeps the default Argon2 cost."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from peoplelens.db import Database
from tests.factories import make_tenant
from tests.live_server import live_server
from tests.users.people import link_for, make_person

CHROMIUM = os.environ.get("PEOPLELENS_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"no Chromium at {CHROMIUM} (make test installs Debian's chromium when it can)",
    ),
]
NEW = "a long and happy passphrase"


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(database_url, tmp_path_factory.mktemp("signin")) as (base, _env):
        yield base


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


def test_set_password_sign_out_and_sign_in(
    server: str, chromium: Any, app: FastAPI, db: Database
) -> None:
    tenant = make_tenant(db, name="Lovelace Labs")
    person = make_person(app, tenant.id, role="admin", password=None)
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # The link: choose a password, and be signed in.
    response = page.goto(server + link_for(app, person))
    assert response.status == 200
    assert page.get_by_role("heading", name="Choose your password").is_visible()
    page.get_by_label("New password").fill(NEW)
    page.get_by_label("Type it again").fill("not the same one at all")
    page.get_by_role("button", name="Set password and sign in").click()
    assert page.get_by_role("alert").inner_text() == (
        "The two passwords differ; type the same password twice."
    )
    page.get_by_label("New password").fill(NEW)
    page.get_by_label("Type it again").fill(NEW)
    page.get_by_role("button", name="Set password and sign in").click()
    page.wait_for_url(server + "/pipeline")
    assert page.get_by_role("heading", name="Pipeline").is_visible()
    assert "Lovelace Labs" in page.locator("header").inner_text()
    page.get_by_role("link", name="Grace Hopper").click()  # who is signed in: /me
    page.wait_for_url(server + "/me")
    assert person.email in page.locator("main").inner_text()
    assert "Lovelace Labs" in page.locator("main").inner_text()
    cookie = next(c for c in context.cookies() if c["name"] == "pl_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]
    assert page.evaluate("document.cookie").find("pl_session") == -1  # not readable by JS
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert token and len(token) == 64

    # Sign out: back on the form; the page behind it is gone.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(server + "/login")
    assert page.goto(server + "/").url == server + "/login"

    # Sign in with the keyboard only: a wrong password first, then the right one.
    page.get_by_label("Workspace").focus()
    page.keyboard.type(tenant.slug)
    page.keyboard.press("Tab")
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    page.keyboard.type("wrong wrong wrong")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "do not match an account" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("E-mail address").input_value() == person.email
    assert page.get_by_label("Password").input_value() == ""
    page.get_by_label("Password").focus()  # autofocus lands here with workspace and e-mail
    page.keyboard.type(NEW)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/pipeline")
    assert page.get_by_role("heading", name="Pipeline").is_visible()
    page.get_by_role("button", name="Sign out").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/login")
    # Nothing the CSP refused, no script errors (the 401 of the wrong password and the
    # missing favicon are logged as failed loads: not errors of the page).
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    context.close()
