"""Signing in with OpenID Connect against a real provider (panva's oidc-provider on 127.0.0.1):
the app's back-channel calls — discovery, the code exchange, the JWKS, userinfo — really go to
the node process; the test plays the browser with httpx against the provider's login form."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from peoplelens.db import Database
from peoplelens.users.sessions import COOKIE, csrf_token
from peoplelens.web.cookies import OIDC_COOKIE
from tests.factories import Api, TenantHandle, unique_email
from tests.sso.helpers import (
    audit,
    browser,
    callback,
    configure,
    make_user,
    query_of,
    round_trip,
    start,
    user_row,
)
from tests.sso.provider import CLIENT_ID


def _refused_reasons(api: Api) -> list[str]:
    return [e["details"]["reason"] for e in audit(api, "USER_LOGIN_FAILED")]


def _assert_page(response: Any, status: int, text: str) -> None:
    assert response.status_code == status, response.text
    body = response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert text in body
    assert "Traceback" not in body


class TestSignIn:
    def test_a_recruiter_signs_in_and_the_cookie_works_on_the_api(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        email = unique_email("Recruiter")
        user_id = make_user(db, tenant.id, email.upper())  # e-mails match case-insensitively
        configure(api, issuer)
        client = browser(app)
        authorize = start(client, tenant.slug)
        sent = query_of(authorize)
        assert authorize.startswith(f"{issuer}/auth?")
        assert sent["response_type"] == "code"
        assert sent["scope"] == "openid email profile"
        assert sent["client_id"] == CLIENT_ID
        assert sent["code_challenge_method"] == "S256"
        assert len(sent["code_challenge"]) == 43 and sent["state"] and sent["nonce"]
        assert client.cookies.get(OIDC_COOKIE) == sent["state"]

        back = round_trip(client, tenant.slug, email)
        assert "code" in query_of(back)
        done = callback(client, back)
        assert done.status_code == 303, done.text
        assert done.headers["location"] == "/"
        set_cookie = done.headers["set-cookie"]
        assert f"{COOKIE}=" in set_cookie and "HttpOnly" in set_cookie
        assert "samesite=lax" in set_cookie.lower()
        cookie = client.cookies.get(COOKIE)
        assert cookie

        listed = client.get("/api/v1/candidates")
        assert listed.status_code == 200, listed.text
        # A write with the cookie needs the CSRF token, and then works.
        body = {"first_name": "Ada", "last_name": "L", "email": unique_email()}
        assert client.post("/api/v1/candidates", json=body).status_code == 403
        made = client.post(
            "/api/v1/candidates",
            json=body,
            headers={"X-CSRF-Token": csrf_token(app.state.runtime.secret_key, cookie)},
        )
        assert made.status_code == 201, made.text

        row = user_row(db, user_id)
        assert row.sso_subject == email and row.last_login_at is not None
        logins = audit(api, "USER_LOGIN")
        assert [e["user_id"] for e in logins] == [f"usr-{user_id}"]
        assert logins[0]["details"]["method"] == "oidc"
        assert email.lower() not in str(logins).lower()

    def test_a_safe_return_path_is_kept_and_another_origin_is_not(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        email = unique_email("back")
        make_user(db, tenant.id, email)
        configure(api, issuer)
        client = browser(app)
        done = callback(client, round_trip(client, tenant.slug, email, return_to="/jobs?x=1"))
        assert done.headers["location"] == "/jobs?x=1"
        for evil in ("//evil.example", "https://evil.example/", "/\\evil.example"):
            done = callback(client, round_trip(client, tenant.slug, email, return_to=evil))
            assert done.status_code == 303 and done.headers["location"] == "/", evil


class TestRoundTrip:
    def test_a_wrong_state_is_refused(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        email = unique_email("state")
        make_user(db, tenant.id, email)
        configure(api, issuer)
        client = browser(app)
        back = round_trip(client, tenant.slug, email)
        forged = back.replace(f"state={query_of(back)['state']}", "state=forged-state")
        response = callback(client, forged)
        _assert_page(response, 400, "expired or was already used")
        assert COOKIE not in client.cookies
        # No state at all: the same page.
        _assert_page(client.get("/auth/oidc/callback?code=x"), 400, "expired or was already used")

    def test_the_same_callback_twice_signs_in_once(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        email = unique_email("replay")
        make_user(db, tenant.id, email)
        configure(api, issuer)
        client = browser(app)
        back = round_trip(client, tenant.slug, email)
        state = query_of(back)["state"]
        assert callback(client, back).status_code == 303
        # Replayed with the same code and state — and the round trip's cookie put back, so
        # only the one-use rule can refuse it.
        replay = browser(app)
        replay.cookies.set(OIDC_COOKIE, state, path="/auth/oidc")
        _assert_page(callback(replay, back), 400, "expired or was already used")
        assert COOKIE not in replay.cookies
        assert _refused_reasons(api) == ["state_used"]
        assert len(audit(api, "USER_LOGIN")) == 1

    def test_a_callback_in_another_browser_is_refused(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        """Login CSRF: a callback link from the attacker's own sign-in, opened by a victim."""
        email = unique_email("csrf")
        make_user(db, tenant.id, email)
        configure(api, issuer)
        back = round_trip(browser(app), tenant.slug, email)
        victim = browser(app)
        _assert_page(callback(victim, back), 400, "expired or was already used")
        assert COOKIE not in victim.cookies
        assert _refused_reasons(api) == ["state_not_bound"]

    def test_an_id_token_for_another_audience_is_refused(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        """The provider's test hook (server.mjs, ``other-audience:``) re-signs the ID token
        with its own key for the audience ``other-app``: signature, issuer and nonce are
        right, only ``aud`` names another client."""
        email = unique_email("aud")
        make_user(db, tenant.id, email)
        configure(api, issuer)
        client = browser(app)
        response = callback(client, round_trip(client, tenant.slug, f"other-audience:{email}"))
        _assert_page(response, 403, "could not be verified")
        assert COOKIE not in client.cookies
        assert _refused_reasons(api) == ["id_token_audience"]

    @pytest.mark.parametrize(
        ("login", "reason"),
        [
            ("bad-nonce:", "id_token_nonce"),
            ("expired:", "id_token_claims"),
            ("foreign-key:", "id_token_signature"),
        ],
    )
    def test_a_tampered_id_token_is_refused(
        self,
        app: FastAPI,
        api: Api,
        tenant: TenantHandle,
        db: Database,
        issuer: str,
        login: str,
        reason: str,
    ) -> None:
        """The provider's test hooks (server.mjs) rewrite the ID token: another nonce, an
        expiry an hour ago (both re-signed with the provider's key), or another key."""
        email = unique_email("tampered")
        make_user(db, tenant.id, email)
        configure(api, issuer)
        client = browser(app)
        response = callback(client, round_trip(client, tenant.slug, login + email))
        _assert_page(response, 403, "could not be verified")
        assert COOKIE not in client.cookies
        assert _refused_reasons(api) == [reason]

    def test_the_provider_refusing_is_a_page(
        self, app: FastAPI, api: Api, tenant: TenantHandle, issuer: str
    ) -> None:
        configure(api, issuer)
        client = browser(app)
        state = query_of(start(client, tenant.slug))["state"]
        response = client.get(f"/auth/oidc/callback?error=access_denied&state={state}")
        _assert_page(response, 403, "Sign-in was cancelled")
        assert _refused_reasons(api) == ["provider_error"]


class TestWhoMaySignIn:
    def test_an_unverified_email_is_refused(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        email = unique_email("unverified")
        make_user(db, tenant.id, email)
        configure(api, issuer, jit_role="recruiter")
        client = browser(app)
        response = callback(client, round_trip(client, tenant.slug, f"unverified:{email}"))
        _assert_page(response, 403, "not verified")
        assert COOKIE not in client.cookies
        assert _refused_reasons(api) == ["email_unverified"]

    def test_a_person_of_another_workspace_is_refused_like_a_stranger(
        self,
        app: FastAPI,
        api: Api,
        other_api: Api,
        tenant: TenantHandle,
        other_tenant: TenantHandle,
        db: Database,
        issuer: str,
    ) -> None:
        elsewhere = unique_email("elsewhere")
        make_user(db, other_tenant.id, elsewhere)
        configure(api, issuer)  # no just-in-time creation
        client = browser(app)
        refused = callback(client, round_trip(client, tenant.slug, elsewhere))
        _assert_page(refused, 403, "no active account")
        stranger = callback(client, round_trip(client, tenant.slug, unique_email("nobody")))
        assert stranger.text == refused.text  # nothing tells the two apart
        assert COOKIE not in client.cookies
        assert _refused_reasons(api) == ["no_account", "no_account"]
        assert (
            api.get("/api/v1/audit-logs", params={"action": "USER_CREATED"}).json()["pagination"][
                "total"
            ]
            == 0
        )
        assert audit(other_api, "USER_LOGIN") == []

    def test_a_deactivated_person_is_refused(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        email = unique_email("gone")
        user_id = make_user(db, tenant.id, email, enabled=False)
        configure(api, issuer, jit_role="admin")  # JIT never revives a deactivated person
        client = browser(app)
        response = callback(client, round_trip(client, tenant.slug, email))
        _assert_page(response, 403, "no active account")
        assert COOKIE not in client.cookies
        failed = audit(api, "USER_LOGIN_FAILED")
        assert [(e["entity_id"], e["details"]["reason"]) for e in failed] == [
            (f"usr-{user_id}", "user_disabled")
        ]
        assert user_row(db, user_id).is_enabled is False

    def test_just_in_time_creation_with_the_role_and_domains(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        configure(api, issuer, jit_role="interviewer", allowed_domains=["Jit.Example.ORG"])
        client = browser(app)
        email = f"new-{unique_email('x').split('@')[0]}@jit.example.org"
        done = callback(client, round_trip(client, tenant.slug, email))
        assert done.status_code == 303, done.text
        created = audit(api, "USER_CREATED")
        assert len(created) == 1 and created[0]["details"]["source"] == "oidc"
        assert created[0]["details"]["role"] == "interviewer"
        # An interviewer's cookie: signed in, but candidates are not theirs to list.
        assert client.get("/api/v1/candidates").status_code == 403
        # Another domain: no account is made.
        other = browser(app)
        refused = callback(other, round_trip(other, tenant.slug, unique_email("outsider")))
        _assert_page(refused, 403, "no active account")
        assert len(audit(api, "USER_CREATED")) == 1
        assert _refused_reasons(api) == ["domain_not_allowed"]

    def test_a_changed_subject_for_the_same_email_is_refused(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database, issuer: str
    ) -> None:
        """The address now belongs to someone else at the provider (another ``sub``)."""
        email = unique_email("moved")
        make_user(db, tenant.id, email)
        configure(api, issuer)
        client = browser(app)
        assert callback(client, round_trip(client, tenant.slug, email)).status_code == 303
        other = browser(app)
        response = callback(other, round_trip(other, tenant.slug, f"second:{email}"))
        _assert_page(response, 403, "no active account")
        assert COOKIE not in other.cookies
        assert _refused_reasons(api) == ["subject_mismatch"]
