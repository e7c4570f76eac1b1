"""Settings, as HTML (spec §12): API keys and the SCIM token shown once, working, revoked;
webhook endpoints with their secret and delivery log; inviting people and changing their role;
SSO's refusals; the audit log's filters; e-mail settings."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Api, TenantHandle, run_webhooks, unique_email
from tests.web.workspace.conftest import Visitor, text_of


@pytest.fixture
def admin(app: FastAPI, client: TestClient, tenant: TenantHandle) -> Visitor:
    return Visitor(client, tenant.new_person("admin", app.state.runtime.secret_key))


def _shown(html: str, element_id: str) -> str:
    found = re.search(rf'<code id="{element_id}">([^<]+)</code>', html)
    assert found, f"no #{element_id} on the page"
    return found.group(1).strip()


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


class TestApiKeys:
    def test_a_key_is_shown_once_works_and_stops_when_revoked(
        self, admin: Visitor, client: TestClient, api: Api
    ) -> None:
        posted = admin.post("/settings/api-keys", {"name": "Greenhouse sync", "scopes": "read"})
        # A redirect: a reload of the page shows it again and makes no second key.
        assert posted.status_code == 303 and posted.headers["location"] == "/settings/api-keys"
        r = admin.follow(posted)
        assert r.status_code == 200, r.text
        key = _shown(r.text, "new-key")
        assert "shown only this once" in text_of(r.text)
        assert key not in posted.headers.get("set-cookie", "")  # sealed, never in clear
        assert "pl_reveal=" in r.headers.get("set-cookie", "")  # cleared by the page
        assert client.get("/api/v1/candidates", headers=_bearer(key)).status_code == 200

        page = admin.get("/settings/api-keys")
        assert "Greenhouse sync" in text_of(page.text) and key not in page.text
        listed = api.get("/api/v1/api-keys").json()["data"]
        made = next(k for k in listed if k["name"] == "Greenhouse sync")
        assert made["scopes"] == ["read"]

        r = admin.post(f"/settings/api-keys/{made['id']}/revoke", {})
        assert r.status_code == 303 and r.headers["location"] == "/settings/api-keys"
        assert client.get("/api/v1/candidates", headers=_bearer(key)).status_code == 401
        assert "revoked" in text_of(admin.get("/settings/api-keys").text)
        # Revoking it again: it is no active key any more.
        assert admin.post(f"/settings/api-keys/{made['id']}/revoke", {}).status_code == 404

    def test_a_key_without_a_name_is_the_form_again(self, admin: Visitor) -> None:
        r = admin.post("/settings/api-keys", {"name": " ", "scopes": "read"})
        assert r.status_code == 422
        assert "Name" in text_of(r.text) and 'id="new-key"' not in r.text


class TestScim:
    def test_the_token_is_shown_once_rotated_and_revoked(
        self, admin: Visitor, client: TestClient
    ) -> None:
        page = admin.get("/settings/scim")
        assert "/scim/v2" in text_of(page.text) and "No SCIM token" in text_of(page.text)
        r = admin.follow(admin.post("/settings/scim/token", {}))
        assert r.status_code == 200, r.text
        first = _shown(r.text, "scim-token")
        assert client.get("/scim/v2/Users", headers=_bearer(first)).status_code == 200
        # A SCIM token is not an API key for the rest of the API.
        assert client.get("/api/v1/candidates", headers=_bearer(first)).status_code == 403

        second = _shown(admin.follow(admin.post("/settings/scim/token", {})).text, "scim-token")
        assert client.get("/scim/v2/Users", headers=_bearer(first)).status_code == 401
        assert client.get("/scim/v2/Users", headers=_bearer(second)).status_code == 200
        assert second not in admin.get("/settings/scim").text

        r = admin.post("/settings/scim/revoke", {})
        assert r.status_code == 303
        assert client.get("/scim/v2/Users", headers=_bearer(second)).status_code == 401


class TestWebhooks:
    def test_an_endpoint_shows_its_secret_once_and_logs_a_test(
        self, admin: Visitor, client: TestClient, api: Api
    ) -> None:
        r = admin.post(
            "/settings/webhooks",
            {"url": "http://127.0.0.1:9/hook", "events": "candidate.created", "description": "ATS"},
        )
        r = admin.follow(r)
        assert r.status_code == 200, r.text
        secret = _shown(r.text, "wh-secret")
        assert secret.startswith("whsec_")
        listed = admin.get("/settings/webhooks")
        assert "http://127.0.0.1:9/hook" in text_of(listed.text) and secret not in listed.text
        endpoint = api.get("/api/v1/webhooks").json()["data"][0]
        assert endpoint["events"] == ["candidate.created"]
        # "Enabled" was not ticked: a switched-off endpoint still gets its test, tried once.
        assert endpoint["enabled"] is False
        here = f"/settings/webhooks/{endpoint['id']}"
        assert "No deliveries yet" in text_of(admin.get(here).text)

        r = admin.post(f"{here}/test", {})
        assert r.status_code == 303 and r.headers["location"] == here
        run_webhooks(client)
        page = admin.get(here)
        text = text_of(page.text)
        assert "webhook.test" in text
        delivery = api.get(f"/api/v1/webhooks/{endpoint['id']}/deliveries").json()["data"][0]
        assert delivery["status"] in text  # the receiver at port 9 refuses: failed
        assert delivery["status"] == "failed"

        retry = re.search(r'action="([^"]+/retry)"', page.text)
        assert retry is not None
        r = admin.post(retry.group(1), {})
        assert r.status_code == 303
        again = api.get(f"/api/v1/webhooks/{endpoint['id']}/deliveries").json()["data"][0]
        assert again["status"] == "pending"
        # Retrying what is already scheduled is refused with the API's sentence.
        r = admin.post(retry.group(1), {})
        assert r.status_code == 303

        rotated = admin.follow(admin.post(f"{here}/rotate-secret", {}))
        assert rotated.status_code == 200
        assert _shown(rotated.text, "wh-secret") not in (secret, "")

    def test_edit_disable_replay_and_delete(self, admin: Visitor, api: Api) -> None:
        made = api.post("/api/v1/webhooks", json={"url": "http://127.0.0.1:9/a"}).json()
        here = f"/settings/webhooks/{made['id']}"
        r = admin.post(here, {"url": "ftp://nowhere", "enabled": "1"})
        assert r.status_code == 422 and "URL" in text_of(r.text)
        r = admin.post(
            here, {"url": "http://127.0.0.1:9/b", "events": "job.created", "enabled": "1"}
        )
        assert r.status_code == 303
        got = api.get(f"/api/v1/webhooks/{made['id']}").json()
        assert got["url"] == "http://127.0.0.1:9/b" and got["events"] == ["job.created"]
        assert admin.post(f"{here}/enabled", {"enabled": "false"}).status_code == 303
        assert api.get(f"/api/v1/webhooks/{made['id']}").json()["enabled"] is False
        assert admin.post(f"{here}/replay", {"since": "2020-01-01T00:00"}).status_code == 303
        assert admin.post(f"{here}/replay", {"since": "yesterday"}).status_code == 303
        assert admin.post(f"{here}/delete", {}).status_code == 303
        assert api.get(f"/api/v1/webhooks/{made['id']}").status_code == 404
        assert admin.get(here).status_code == 404


class TestUsers:
    def test_invite_a_person_then_change_their_role_and_switch_them_off(
        self, admin: Visitor, api: Api
    ) -> None:
        email = unique_email("grace")
        r = admin.post(
            "/settings/users",
            {"email": email, "first_name": "Grace", "last_name": "Hopper", "role": "interviewer"},
        )
        r = admin.follow(r)
        assert r.status_code == 200, r.text
        text = text_of(r.text)
        assert "Invited Grace Hopper" in text and "E-mail is not configured" in text
        assert "/set-password/" in _shown(r.text, "invite-link")
        person = api.get("/api/v1/users", params={"email": email}).json()["data"][0]
        assert person["role"] == "interviewer"
        listed = text_of(admin.get("/settings/users").text)
        assert "Grace Hopper" in listed and "invited, pending" in listed
        assert 'aria-label="Change role of Grace Hopper"' in admin.get("/settings/users").text

        r = admin.post(f"/settings/users/{person['id']}/role", {"role": "recruiter"})
        assert r.status_code == 303
        assert api.get(f"/api/v1/users/{person['id']}").json()["role"] == "recruiter"
        r = admin.post(f"/settings/users/{person['id']}/role", {"role": "boss"})
        assert r.status_code == 303
        assert api.get(f"/api/v1/users/{person['id']}").json()["role"] == "recruiter"

        assert (
            admin.post(f"/settings/users/{person['id']}/enabled", {"enabled": "false"}).status_code
            == 303
        )
        assert api.get(f"/api/v1/users/{person['id']}").json()["is_enabled"] is False
        assert "disabled" in text_of(admin.get("/settings/users").text)
        # A deactivated person gets no new link: the API's refusal, as a message.
        assert admin.post(f"/settings/users/{person['id']}/invitation", {}).status_code == 303
        assert admin.post(f"/settings/users/{person['id']}/delete", {}).status_code == 303
        assert api.get(f"/api/v1/users/{person['id']}").status_code == 404

    def test_an_address_already_here_is_the_form_again_with_the_sentence(
        self, admin: Visitor
    ) -> None:
        r = admin.post("/settings/users", {"email": admin.person.email, "role": "recruiter"})
        assert r.status_code == 409
        assert "already exists" in text_of(r.text)
        r = admin.post("/settings/users", {"email": "not-an-address", "first_name": "Kept"})
        assert r.status_code == 422 and 'value="Kept"' in r.text


class TestSso:
    def test_a_bad_issuer_is_the_form_again_with_a_sentence(self, admin: Visitor) -> None:
        form = {"issuer": "ftp://idp.example.com", "client_id": "pl", "client_secret": "s3cr3t"}
        r = admin.post("/settings/sso", {**form, "enabled": "1"})
        assert r.status_code == 422
        text = text_of(r.text)
        assert "The issuer must be an https:// URL." in text
        assert "s3cr3t" not in r.text and 'value="pl"' in r.text
        assert "/auth/oidc/callback" in text

    def test_a_disabled_configuration_is_stored_and_the_secret_never_shown(
        self, admin: Visitor, api: Api
    ) -> None:
        form = {
            "issuer": "https://idp.example.com",
            "client_id": "pl",
            "client_secret": "s3cr3t",
            "allowed_domains": "acme.com\nexample.org",
        }
        assert admin.post("/settings/sso", form).status_code == 303
        got = api.get("/api/v1/sso").json()
        assert got["enabled"] is False and got["allowed_domains"] == ["acme.com", "example.org"]
        page = admin.get("/settings/sso")
        assert "s3cr3t" not in page.text and "leave empty to keep it" in text_of(page.text)
        # Empty keeps the stored secret.
        assert admin.post("/settings/sso", {**form, "client_secret": ""}).status_code == 303
        assert api.get("/api/v1/sso").json()["client_secret_set"] is True
        assert admin.post("/settings/sso/delete", {}).status_code == 303
        assert api.get("/api/v1/sso").status_code == 404


class TestAudit:
    def test_filters_by_action_object_person_and_days(self, admin: Visitor, api: Api) -> None:
        cand = api.candidate()
        email = unique_email("aud")
        assert (
            admin.post("/settings/users", {"email": email, "role": "recruiter"}).status_code == 303
        )
        text = text_of(admin.get("/settings/audit?action=CANDIDATE_CREATED").text)
        assert cand["id"] in text and "USER_CREATED" not in text
        text = text_of(admin.get(f"/settings/audit?entity_id={cand['id']}").text)
        assert "CANDIDATE_CREATED" in text
        text = text_of(admin.get(f"/settings/audit?user={admin.person.id}").text)
        assert "USER_CREATED" in text and "CANDIDATE_CREATED" not in text
        text = text_of(admin.get("/settings/audit?entity_type=candidate&action=user_created").text)
        assert "No entry matches" in text
        text = text_of(admin.get("/settings/audit?until=2000-01-01").text)
        assert "No entry matches" in text
        assert "USER_CREATED" in text_of(admin.get("/settings/audit?since=2000-01-01").text)


class TestEmail:
    def test_says_email_is_not_configured_and_saves_the_sender(
        self, admin: Visitor, api: Api
    ) -> None:
        page = admin.get("/settings/email")
        assert "E-mail is not configured: messages wait in the outbox" in text_of(page.text)
        r = admin.post("/settings/email", {"from_name": "Acme Hiring", "reply_to": "jobs@acme.com"})
        assert r.status_code == 303
        got = api.get("/api/v1/settings/email").json()
        assert got["from_name"] == "Acme Hiring" and got["reply_to"] == "jobs@acme.com"
        r = admin.post("/settings/email", {"from_name": "Acme", "reply_to": "nope"})
        assert r.status_code == 422 and "Reply-To" in text_of(r.text)
        assert admin.post("/settings/email", {"from_name": "", "reply_to": ""}).status_code == 303
        assert api.get("/api/v1/settings/email").json()["reply_to"] is None


def test_settings_open_at_the_users(admin: Visitor) -> None:
    r = admin.get("/settings")
    assert r.status_code == 303 and r.headers["location"] == "/settings/users"
