"""Set-password links, CSRF on every form, bad form bodies and the pages' headers."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.time import utcnow
from peoplelens.models import UserToken
from peoplelens.users.sessions import COOKIE
from tests.factories import TenantHandle
from tests.users.people import PASSWORD, audit, browser, form_csrf, link_for, make_person, sign_in

NEW = "a brand new passphrase"


def _set(
    b: TestClient, path: str, password: str = NEW, confirm: str | None = None
) -> httpx.Response:
    token = form_csrf(b, path)
    return b.post(
        path,
        data={"password": password, "password_confirm": confirm or password, "csrf_token": token},
    )


class TestSetPasswordLinks:
    def test_the_link_sets_the_password_once_and_signs_in(
        self, app: FastAPI, client: TestClient, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id, password=None, role="admin")
        path = link_for(app, person)
        b = browser(app)
        form = b.get(path)
        assert form.status_code == 200 and person.email in form.text
        assert 'autocomplete="new-password"' in form.text and 'for="password_confirm"' in form.text
        r = _set(b, path)
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert b.get("/me").status_code == 200
        # Used: the same link again is gone, on both methods.
        again = browser(app)
        assert again.get(path).status_code == 410
        assert "ask an admin" in again.get(path).text.lower()
        assert again.post(path, data={"password": NEW, "password_confirm": NEW}).status_code in (
            403,
            410,
        )
        # The new password signs in.
        assert sign_in(browser(app), tenant.slug, person.email, NEW).status_code == 303
        fields = [e["details"].get("fields") for e in audit(client, tenant.key, "USER_UPDATED")]
        assert ["password"] in fields

    def test_setting_a_password_ends_the_other_sessions(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id)
        elsewhere = browser(app)
        sign_in(elsewhere, tenant.slug, person.email)
        assert elsewhere.get("/me").status_code == 200
        b = browser(app)
        assert _set(b, link_for(app, person)).status_code == 303
        assert b.get("/me").status_code == 200
        assert elsewhere.get("/me").status_code == 303
        assert sign_in(browser(app), tenant.slug, person.email, PASSWORD).status_code == 401

    def test_an_expired_link_is_gone_and_an_unknown_one_is_not_found(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id, password=None)
        path = link_for(app, person)
        with app.state.runtime.db.write_session() as session:
            session.execute(
                update(UserToken)
                .where(UserToken.token_hash == sha256_hex(path.rsplit("/", 1)[1]))
                .values(expires_at=utcnow() - timedelta(minutes=1))
            )
            session.commit()
        b = browser(app)
        gone = b.get(path)
        assert gone.status_code == 410 and "expired" in gone.text
        unknown = b.get("/set-password/not-a-real-token")
        assert unknown.status_code == 404 and "ask an admin" in unknown.text.lower()
        assert b.get("/set-password/" + "x" * 5000).status_code == 404

    def test_a_newer_link_replaces_the_older(self, app: FastAPI, tenant: TenantHandle) -> None:
        person = make_person(app, tenant.id, password=None)
        first = link_for(app, person)
        second = link_for(app, person)
        b = browser(app)
        assert b.get(first).status_code == 410
        assert b.get(second).status_code == 200

    @pytest.mark.parametrize(
        ("password", "confirm", "said"),
        [
            ("short", None, "at least 10 characters"),
            (NEW, NEW + "x", "The two passwords differ"),
            ("aaaaaaaaaaaa", None, "more than a few different characters"),
            ("", None, "at least 10 characters"),
        ],
    )
    def test_a_refused_password_shows_why(
        self, app: FastAPI, tenant: TenantHandle, password: str, confirm: str | None, said: str
    ) -> None:
        person = make_person(app, tenant.id, password=None)
        path = link_for(app, person)
        b = browser(app)
        r = _set(b, path, password, confirm)
        assert r.status_code == 422
        assert said in r.text and 'role="alert"' in r.text
        assert b.get(path).status_code == 200  # the link still works

    def test_the_password_may_not_be_the_email(self, app: FastAPI, tenant: TenantHandle) -> None:
        person = make_person(app, tenant.id, password=None)
        path = link_for(app, person)
        r = _set(browser(app), path, person.email)
        assert r.status_code == 422 and "not your e-mail" in r.text


class TestCsrf:
    def test_the_sign_in_form_needs_its_token(self, app: FastAPI, tenant: TenantHandle) -> None:
        person = make_person(app, tenant.id)
        fields = {"workspace": tenant.slug, "email": person.email, "password": PASSWORD}
        # No cookie and no token; a token without its cookie; a cookie with a wrong token.
        assert browser(app).post("/login", data=fields).status_code == 403
        token = form_csrf(browser(app))
        assert browser(app).post("/login", data={**fields, "csrf_token": token}).status_code == 403
        b = browser(app)
        form_csrf(b)
        r = b.post("/login", data={**fields, "csrf_token": "0" * 64})
        assert r.status_code == 403 and "expired" in r.text and COOKIE not in b.cookies
        # The refusal's page carries a fresh form that works.
        assert sign_in(b, tenant.slug, person.email).status_code == 303

    def test_the_set_password_form_needs_its_token(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id, password=None)
        path = link_for(app, person)
        b = browser(app)
        form_csrf(b, path)
        for token in ("", "0" * 64):
            r = b.post(path, data={"password": NEW, "password_confirm": NEW, "csrf_token": token})
            assert r.status_code == 403 and COOKIE not in b.cookies
        assert _set(b, path).status_code == 303

    def test_the_sign_out_form_needs_the_sessions_token(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        person = make_person(app, tenant.id)
        b = browser(app)
        sign_in(b, tenant.slug, person.email)
        assert b.post("/logout", data={"other": "1"}).status_code == 403
        assert b.post("/logout", data={"csrf_token": form_csrf(browser(app))}).status_code == 403
        assert b.get("/me").status_code == 200


class TestBadForms:
    @pytest.mark.parametrize(
        ("kwargs", "status", "said"),
        [
            ({"json": {"email": "a@b.c"}}, 415, "Send this form from the page"),
            ({"files": {"f": ("a.txt", b"x")}}, 415, "Send this form from the page"),
            ({"content": b"", "headers": {"content-type": "text/plain"}}, 415, "Send this form"),
            ({"data": {"email": "x" * 400}}, 422, "longer than the 320 characters"),
            ({"data": {"email": "a\x00@b.c"}}, 422, "not allowed (NUL)"),
            ({"data": {"workspace": "w", "email": "a@b.c"}}, 403, "expired"),
            (
                {
                    "content": b"email=%ZZ%00&&==&password=%E2",
                    "headers": {"content-type": "application/x-www-form-urlencoded"},
                },
                422,
                "NUL",
            ),
        ],
    )
    def test_every_bad_body_gets_a_page(
        self, app: FastAPI, kwargs: dict[str, object], status: int, said: str
    ) -> None:
        b = browser(app)
        r = b.post("/login", **kwargs)  # type: ignore[arg-type]
        assert r.status_code == status, r.text
        assert r.headers["content-type"].startswith("text/html")
        assert said in r.text and 'role="alert"' in r.text

    def test_missing_fields_are_named(self, app: FastAPI) -> None:
        b = browser(app)
        r = b.post("/login", data={"csrf_token": form_csrf(b)})
        assert r.status_code == 422
        assert "Enter your workspace, e-mail address and password." in r.text

    def test_a_huge_body_is_refused_without_a_500(self, app: FastAPI) -> None:
        huge = {"password": "x" * (2 * 1024 * 1024)}
        r = browser(app).post("/login", data=huge, headers={"accept": "text/html,*/*;q=0.8"})
        assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
        assert 'role="alert"' in r.text and "larger than the 1048576 bytes" in r.text
        # A client that does not ask for a page gets the API's envelope.
        r = browser(app).post("/login", data=huge)
        assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"

    def test_logout_and_set_password_forms_refuse_junk(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        b = browser(app)
        assert b.post("/logout", json={}).status_code == 415
        path = link_for(app, make_person(app, tenant.id, password=None))
        r = b.post(path, content=b"password=\x00", headers={"content-type": "text/plain"})
        assert r.status_code == 415 and "Choose your password" in r.text


def test_every_page_sends_the_strict_headers(app: FastAPI, tenant: TenantHandle) -> None:
    person = make_person(app, tenant.id)
    b = browser(app)
    answers = [b.get("/login"), b.get("/me"), b.get("/set-password/nope")]
    answers.append(sign_in(b, tenant.slug, person.email))
    answers.append(b.get("/me"))
    answers.append(sign_in(browser(app), tenant.slug, person.email, "wrong password"))
    for r in answers:
        assert r.headers["cache-control"] == "no-store", r.url
        assert r.headers["content-security-policy"].startswith("default-src 'none'")
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        # No inline style or script: only our own files (script src="/static/…").
        assert "style=" not in r.text
        assert not re.search(r"<script(?![^>]*\ssrc=\"/static/)", r.text), r.text
