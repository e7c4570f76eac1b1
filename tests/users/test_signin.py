"""Password sign-in through the real form: the cookie, the session it opens for the API,
sign-out, deactivation and the idle timeout, the identical answer for a wrong e-mail or
password, the tenant boundary, SSO-only workspaces and the audit trail."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx2 as httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from peoplelens.auth.principal import Principal
from peoplelens.kit.time import utcnow
from peoplelens.models import TenantSso, User, UserSession
from peoplelens.users import passwords
from peoplelens.users.service import change_user
from peoplelens.users.sessions import COOKIE
from tests.factories import TenantHandle, unique_email
from tests.users.people import (
    PASSWORD,
    audit,
    browser,
    make_person,
    page_csrf,
    sign_in,
)


def _cookie_header(response: httpx.Response) -> str:
    headers = response.headers.get_list("set-cookie")
    found = [h for h in headers if h.startswith(f"{COOKIE}=")]
    assert len(found) == 1, headers
    return str(found[0])


class TestSignIn:
    def test_the_form_signs_in_and_lands_on_the_signed_in_page(
        self, app: FastAPI, client: TestClient, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id, role="admin")
        b = browser(app)
        r = sign_in(b, tenant.slug, person.email.upper())  # e-mail case does not matter
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = _cookie_header(r)
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie  # the public URL is http
        page = b.get("/me")
        assert page.status_code == 200
        for shown in (person.email, "Grace Hopper", "admin", f"Tenant {tenant.slug}"):
            assert shown in page.text
        assert re.search(r'<meta name="csrf-token" content="[0-9a-f]{64}">', page.text)
        assert 'action="/logout"' in page.text
        login = audit(client, tenant.key, "USER_LOGIN")
        assert login[0]["entity_id"] == f"usr-{person.id}"
        assert login[0]["user_id"] == f"usr-{person.id}"
        assert login[0]["details"]["method"] == "password"

    def test_signed_in_the_form_sends_you_home(self, app: FastAPI, tenant: TenantHandle) -> None:
        person = make_person(app, tenant.id)
        b = browser(app)
        sign_in(b, tenant.slug, person.email)
        r = b.get("/login")
        assert r.status_code == 303 and r.headers["location"] == "/"

    def test_not_signed_in_home_is_the_sign_in_form(self, app: FastAPI) -> None:
        b = browser(app)
        r = b.get("/")
        assert r.status_code == 303 and r.headers["location"] == "/login"
        b.cookies.set(COOKIE, "not-a-session")
        r = b.get("/")
        assert r.status_code == 303 and r.headers["location"] == "/login"

    def test_wrong_password_and_unknown_email_answer_alike(
        self, app: FastAPI, client: TestClient, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id)
        nobody = unique_email("nobody")
        b = browser(app)
        wrong = sign_in(b, tenant.slug, person.email, "not the password at all")
        unknown = sign_in(b, tenant.slug, nobody, "not the password at all")
        no_workspace = sign_in(b, "no-such-workspace", person.email, "not the password at all")
        assert wrong.status_code == unknown.status_code == no_workspace.status_code == 401
        assert COOKIE not in b.cookies
        assert wrong.text.replace(person.email, "E") == unknown.text.replace(nobody, "E")
        assert "do not match an account" in wrong.text
        assert 'role="alert"' in wrong.text
        assert PASSWORD not in wrong.text and "not the password at all" not in wrong.text

        failed = audit(client, tenant.key, "USER_LOGIN_FAILED")
        reasons = {(e["entity_id"], e["details"]["reason"]) for e in failed}
        assert (f"usr-{person.id}", "wrong_password") in reasons
        assert (None, "unknown_email") in reasons
        for entry in failed:  # neither the e-mail nor the password is kept
            assert person.email.lower() not in str(entry).lower()
            assert nobody not in str(entry) and "not the password" not in str(entry)

    def test_a_person_without_a_password_or_deactivated_gets_the_same_answer(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        invited = make_person(app, tenant.id, password=None)
        off = make_person(app, tenant.id)
        with app.state.runtime.db.write_session() as session:
            user = session.get(User, off.id)
            assert user is not None
            change_user(session, Principal.system(tenant.id), user, {"is_enabled": False})
            session.commit()
        b = browser(app)
        for email in (invited.email, off.email):
            r = sign_in(b, tenant.slug, email)
            assert r.status_code == 401 and "do not match an account" in r.text

    def test_another_workspaces_person_is_refused(
        self, app: FastAPI, tenant: TenantHandle, other_tenant: TenantHandle
    ) -> None:
        theirs = make_person(app, other_tenant.id)
        b = browser(app)
        r = sign_in(b, tenant.slug, theirs.email)  # the right password, the wrong workspace
        assert r.status_code == 401 and COOKIE not in b.cookies
        assert sign_in(b, other_tenant.slug, theirs.email).status_code == 303

    def test_an_old_hash_is_upgraded_at_sign_in(self, app: FastAPI, tenant: TenantHandle) -> None:
        person = make_person(app, tenant.id, password=None)
        db = app.state.runtime.db
        old = passwords.hasher(512, 2, 1)
        with db.write_session() as session:
            session.execute(
                update(User)
                .where(User.id == person.id)
                .values(password_hash=passwords.hash_password(old, PASSWORD))
            )
            session.commit()
        assert sign_in(browser(app), tenant.slug, person.email).status_code == 303
        with db.read_session() as session:
            user = session.get(User, person.id)
            assert user is not None and user.password_hash is not None
            assert "m=1024,t=1," in user.password_hash  # the settings' parameters now
            assert user.last_login_at is not None


class TestTheSessionOnTheApi:
    def test_cookie_alone_reads_and_writes_with_the_csrf_token(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id, role="recruiter")
        b = browser(app)
        sign_in(b, tenant.slug, person.email)
        assert b.get("/api/v1/candidates").status_code == 200
        body = {"first_name": "Ada", "last_name": "L", "email": unique_email()}
        refused = b.post("/api/v1/candidates", json=body)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "csrf_token_invalid"
        wrong = b.post("/api/v1/candidates", json=body, headers={"X-CSRF-Token": "0" * 64})
        assert wrong.status_code == 403
        token = page_csrf(b)
        made = b.post("/api/v1/candidates", json=body, headers={"X-CSRF-Token": token})
        assert made.status_code == 201, made.text

    def test_sign_out_revokes_the_session(
        self, app: FastAPI, client: TestClient, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id)
        b = browser(app)
        sign_in(b, tenant.slug, person.email)
        cookie = b.cookies[COOKIE]
        token = page_csrf(b)
        assert b.post("/logout", data={"csrf_token": "f" * 64}).status_code == 403
        assert b.get("/api/v1/candidates").status_code == 200  # still signed in
        r = b.post("/logout", data={"csrf_token": token})
        assert r.status_code == 303 and r.headers["location"] == "/login"
        assert 'pl_session=""' in _cookie_header(r) or "Max-Age=0" in _cookie_header(r)
        replay = browser(app)
        replay.cookies.set(COOKIE, cookie)
        assert replay.get("/api/v1/candidates").status_code == 401
        assert replay.get("/me").status_code == 303
        logout = audit(client, tenant.key, "USER_LOGOUT")
        assert logout[0]["user_id"] == f"usr-{person.id}"

    def test_deactivation_ends_the_session_at_the_next_request(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id)
        b = browser(app)
        sign_in(b, tenant.slug, person.email)
        assert b.get("/api/v1/candidates").status_code == 200
        with app.state.runtime.db.write_session() as session:
            user = session.get(User, person.id)
            assert user is not None
            change_user(session, Principal.system(tenant.id), user, {"is_enabled": False})
            session.commit()
        assert b.get("/api/v1/candidates").status_code == 401
        assert b.get("/").headers["location"] == "/login"

    def test_twelve_idle_hours_end_the_session(self, app: FastAPI, tenant: TenantHandle) -> None:
        person = make_person(app, tenant.id)
        b = browser(app)
        sign_in(b, tenant.slug, person.email)
        with app.state.runtime.db.write_session() as session:
            session.execute(
                update(UserSession)
                .where(UserSession.user_id == person.id)
                .values(last_seen_at=utcnow() - timedelta(hours=13))
            )
            session.commit()
        r = b.get("/api/v1/candidates")
        assert r.status_code == 401 and r.json()["error"]["code"] == "session_expired"
        assert b.get("/me").status_code == 303


class TestSsoOnly:
    def test_passwords_are_refused_and_the_sso_link_is_shown(
        self, app: FastAPI, client: TestClient, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id)
        b = browser(app)
        plain = b.get("/login", params={"workspace": tenant.slug})
        assert "Sign in with SSO" not in plain.text
        with app.state.runtime.db.write_session() as session:
            session.add(
                TenantSso(
                    tenant_id=tenant.id,
                    issuer="https://idp.example",
                    client_id="peoplelens",
                    enabled=True,
                    sso_required=False,
                )
            )
            session.commit()
        offered = b.get("/login", params={"workspace": tenant.slug})
        link = f'href="/auth/oidc/login?workspace={tenant.slug}"'
        assert link in offered.text and "Sign in with SSO" in offered.text
        assert f'value="{tenant.slug}"' in offered.text  # ?workspace= fills the field
        assert sign_in(b, tenant.slug, person.email).status_code == 303  # optional SSO

        with app.state.runtime.db.write_session() as session:
            sso = session.get(TenantSso, tenant.id)
            assert sso is not None
            sso.sso_required = True
            session.commit()
        r = sign_in(browser(app), tenant.slug, person.email)
        assert r.status_code == 403
        assert "This workspace signs in with SSO" in r.text and link in r.text
        failed = audit(client, tenant.key, "USER_LOGIN_FAILED")
        assert failed[0]["details"]["reason"] == "sso_required"
