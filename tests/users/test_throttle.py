"""The sign-in throttle, the https cookie and a subdomain-named workspace, on an app of their
own (small limits, an https public URL, a base domain); each test signs in from addresses of
its own so the per-address counts do not meet."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.app import create_app
from peoplelens.config import Settings
from peoplelens.users.sessions import COOKIE
from tests.factories import make_tenant, unique_email
from tests.users.people import PASSWORD, audit, browser, make_person, sign_in

BASE = "https://testserver"
PER_ACCOUNT = 3
PER_ADDRESS = 6


@pytest.fixture(scope="module")
def strict_app(settings: Settings) -> Iterator[FastAPI]:
    app = create_app(
        settings.model_copy(
            update={
                "public_url": BASE,
                "sign_in_failures_per_account": PER_ACCOUNT,
                "sign_in_failures_per_address": PER_ADDRESS,
                "sign_in_window_minutes": 15,
                "base_domain": "peoplelens.test",
            }
        )
    )
    with TestClient(app) as running:
        app.state.test_portal = running.portal
        yield app


def _address() -> str:
    return f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"


def _browser(app: FastAPI, address: str | None = None) -> TestClient:
    return browser(app, address or _address(), base_url=BASE)


def test_the_cookie_is_secure_when_the_public_url_is_https(strict_app: FastAPI) -> None:
    tenant = make_tenant(strict_app.state.runtime.db)
    person = make_person(strict_app, tenant.id)
    r = sign_in(_browser(strict_app), tenant.slug, person.email)
    assert r.status_code == 303
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith(f"{COOKIE}="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_an_account_is_locked_after_its_failures(strict_app: FastAPI) -> None:
    db = strict_app.state.runtime.db
    tenant = make_tenant(db)
    person = make_person(strict_app, tenant.id)
    other = make_person(strict_app, tenant.id)
    for _ in range(PER_ACCOUNT):  # from different addresses: the account's count
        assert sign_in(_browser(strict_app), tenant.slug, person.email, "wrong!").status_code == 401
    locked = sign_in(_browser(strict_app), tenant.slug, person.email)  # even the right one
    assert locked.status_code == 429
    assert "Too many sign-in attempts. Try again in 15 minutes." in locked.text
    assert int(locked.headers["retry-after"]) == 15 * 60
    assert COOKIE not in locked.headers.get("set-cookie", "")
    # Another person of the workspace is not locked out with them.
    assert sign_in(_browser(strict_app), tenant.slug, other.email).status_code == 303
    entries = audit(browser(strict_app, base_url=BASE), tenant.key, "USER_LOGIN_FAILED")
    reasons = [e["details"]["reason"] for e in entries]
    assert reasons.count("throttled") == 1 and reasons.count("wrong_password") == PER_ACCOUNT


def test_an_unknown_email_locks_alike(strict_app: FastAPI) -> None:
    """A lock tells nothing about whether the address has an account."""
    tenant = make_tenant(strict_app.state.runtime.db)
    person = make_person(strict_app, tenant.id)
    nobody = unique_email("nobody")
    answers = {}
    for email in (person.email, nobody):
        for _ in range(PER_ACCOUNT):
            sign_in(_browser(strict_app), tenant.slug, email, "wrong!")
        r = sign_in(_browser(strict_app), tenant.slug, email)
        page = re.sub(r'name="csrf_token" value="[^"]+"', "", r.text.replace(email, "E"))
        answers[email] = (r.status_code, page)
    assert answers[person.email] == answers[nobody]
    assert answers[nobody][0] == 429


def test_a_success_forgets_the_accounts_failures(strict_app: FastAPI) -> None:
    tenant = make_tenant(strict_app.state.runtime.db)
    person = make_person(strict_app, tenant.id)
    for _ in range(3):
        for _ in range(PER_ACCOUNT - 1):
            assert (
                sign_in(_browser(strict_app), tenant.slug, person.email, "no!").status_code == 401
            )
        assert sign_in(_browser(strict_app), tenant.slug, person.email).status_code == 303


def test_an_address_is_locked_after_its_failures(strict_app: FastAPI) -> None:
    tenant = make_tenant(strict_app.state.runtime.db)
    person = make_person(strict_app, tenant.id)
    address = _address()
    for _ in range(PER_ADDRESS):  # many accounts guessed from one address
        r = sign_in(_browser(strict_app, address), tenant.slug, unique_email(), PASSWORD)
        assert r.status_code == 401
    r = sign_in(_browser(strict_app, address), tenant.slug, person.email)
    assert r.status_code == 429 and "Too many sign-in attempts" in r.text
    # Unknown workspaces count for the address too, and the person can sign in elsewhere.
    assert sign_in(_browser(strict_app), tenant.slug, person.email).status_code == 303
    fresh = _address()
    for _ in range(PER_ADDRESS):
        sign_in(_browser(strict_app, fresh), f"nowhere-{uuid.uuid4().hex[:6]}", unique_email())
    assert sign_in(_browser(strict_app, fresh), tenant.slug, person.email).status_code == 429


def test_the_subdomain_names_the_workspace(strict_app: FastAPI) -> None:
    db = strict_app.state.runtime.db
    tenant, other = make_tenant(db), make_tenant(db)
    person = make_person(strict_app, tenant.id)
    host = {"host": f"{tenant.slug}.peoplelens.test"}
    b = _browser(strict_app)
    form = b.get("/login", headers=host)
    assert f'<input type="hidden" name="workspace" value="{tenant.slug}">' in form.text
    assert 'id="workspace"' not in form.text  # no field to type it in
    # The host wins over whatever the form says.
    assert sign_in(b, other.slug, person.email, **host).status_code == 303
    other_host = {"host": f"{other.slug}.peoplelens.test"}
    assert sign_in(_browser(strict_app), tenant.slug, person.email, **other_host).status_code == 401


def test_concurrent_failures_are_all_counted(strict_app: FastAPI) -> None:
    """Failures racing for one account's first row: each is counted once (the row is locked;
    a lost insert race reads the winner's row back)."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import select

    from peoplelens.models import SignInFailure
    from peoplelens.users import signin, throttle

    runtime = strict_app.state.runtime
    tenant = make_tenant(runtime.db)
    email = unique_email("racer")
    settings = runtime.settings.model_copy(update={"sign_in_failures_per_account": 100})

    def fail(i: int) -> str:
        with runtime.db.read_session() as session:
            attempt = signin.weigh(session, settings, tenant.slug, email, "wrong", f"10.9.9.{i}")
        try:
            with runtime.db.write_session() as session:
                try:
                    signin.conclude(session, settings, attempt, "wrong", ip=None, user_agent=None)
                except signin.SignInRefused as refused:
                    session.commit()
                    return refused.reason
        except Exception as exc:  # a lost race would surface here
            return repr(exc)
        return "signed in?"

    with ThreadPoolExecutor(8) as pool:
        reasons = list(pool.map(fail, range(8)))
    assert reasons == ["unknown_email"] * 8
    key = throttle.keys_for("x", tenant.id, email).account
    with runtime.db.read_session() as session:
        row = session.scalars(select(SignInFailure).where(SignInFailure.key == key)).one()
        assert row.failures == 8 and row.locked_until is None


def test_guesses_weighed_at_once_get_at_most_the_limit_of_answers(strict_app: FastAPI) -> None:
    """All weighed before any failure is counted (the race a concurrent burst makes): they
    conclude one after the other with the throttle's rows locked, so only the first
    PER_ACCOUNT are answered — the rest, the right password among them, get the lock's 429."""
    from concurrent.futures import ThreadPoolExecutor

    from peoplelens.users import signin

    runtime = strict_app.state.runtime
    tenant = make_tenant(runtime.db)
    person = make_person(strict_app, tenant.id)
    settings = runtime.settings
    guesses = [f"wrong-guess-{i}" for i in range(8)] + [PASSWORD]
    with runtime.db.read_session() as session:
        attempts = [
            signin.weigh(session, settings, tenant.slug, person.email, g, f"10.8.{i}.1")
            for i, g in enumerate(guesses)
        ]
    assert [a.reason for a in attempts] == ["wrong_password"] * 8 + [None]

    def conclude(pair: tuple[signin.Attempt, str]) -> int:
        attempt, guess = pair
        with runtime.db.write_session() as session:
            try:
                signin.conclude(session, settings, attempt, guess, ip=None, user_agent=None)
            except signin.SignInRefused as refused:
                session.commit()
                return refused.status
            session.commit()
            return 200

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(conclude, zip(attempts[:8], guesses[:8], strict=True)))
    assert statuses.count(401) == PER_ACCOUNT and statuses.count(429) == 8 - PER_ACCOUNT
    assert conclude((attempts[8], guesses[8])) == 429  # the right password, weighed in time
