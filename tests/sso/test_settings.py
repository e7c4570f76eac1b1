"""``/api/v1/sso``: the admin's OpenID Connect settings — stored sealed, checked against the
provider's discovery document, audited — and what the sign-in pages read of them."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.app import create_app
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.sealing import sso_client_secrets
from peoplelens.models import Tenant, TenantSso
from peoplelens.sso import oidc, service
from tests.factories import Api, TenantHandle
from tests.live_server import free_port
from tests.sso.helpers import audit, browser, configure
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET


def _row(db: Database, tenant: TenantHandle) -> TenantSso | None:
    with db.read_session() as session:
        return session.get(TenantSso, tenant.id)


class TestSettings:
    def test_put_get_delete(
        self, api: Api, tenant: TenantHandle, db: Database, settings: Settings, issuer: str
    ) -> None:
        missing = api.get("/api/v1/sso")
        assert missing.status_code == 404
        assert missing.json()["error"]["code"] == "sso_not_configured"

        stored = configure(
            api,
            issuer,
            sso_required=True,
            jit_role="User",  # the doc's alias of recruiter
            allowed_domains=["Acme.COM", "@acme.com", "b.acme.com"],
        )
        assert stored["client_secret_set"] is True
        assert "client_secret" not in stored
        assert stored["jit_role"] == "recruiter"
        assert stored["allowed_domains"] == ["acme.com", "b.acme.com"]
        assert stored["sso_required"] is True
        assert stored["redirect_uri"] == "http://testserver/auth/oidc/callback"
        assert stored["login_url"] == f"http://testserver/auth/oidc/login?workspace={tenant.slug}"
        shown = api.get("/api/v1/sso")
        assert shown.status_code == 200
        assert shown.json() == stored
        assert CLIENT_SECRET not in shown.text

        row = _row(db, tenant)
        assert row is not None and row.client_secret_sealed is not None
        assert CLIENT_SECRET not in row.client_secret_sealed  # sealed at rest
        sealer = sso_client_secrets(settings.resolved_secret_key())
        assert sealer.open(row.client_secret_sealed) == CLIENT_SECRET

        # Left out, the secret is kept; the audit names fields, never values.
        again = api.put(
            "/api/v1/sso", json={"issuer": issuer, "client_id": CLIENT_ID, "enabled": False}
        )
        assert again.status_code == 200, again.text
        assert again.json()["client_secret_set"] is True
        kept = _row(db, tenant)
        assert kept is not None and kept.client_secret_sealed == row.client_secret_sealed
        updates = audit(api, "SSO_UPDATED")
        assert len(updates) == 2
        assert "enabled" in updates[0]["details"]["fields"]
        assert "client_secret" not in updates[0]["details"]["fields"]
        assert CLIENT_SECRET not in str(updates)

        deleted = api.delete("/api/v1/sso")
        assert deleted.status_code == 200 and deleted.json() == {"deleted": True}
        assert api.get("/api/v1/sso").status_code == 404
        assert api.delete("/api/v1/sso").status_code == 404
        assert len(audit(api, "SSO_DELETED")) == 1

    def test_the_first_configuration_needs_a_secret(self, api: Api, issuer: str) -> None:
        r = api.put("/api/v1/sso", json={"issuer": issuer, "client_id": CLIENT_ID})
        assert r.status_code == 422
        assert r.json()["error"]["param"] == "client_secret"

    def test_bad_issuers_are_refused_with_a_sentence(self, api: Api, issuer: str) -> None:
        closed = f"http://127.0.0.1:{free_port()}"
        cases = {
            "http://idp.example.com": "invalid_issuer",
            "ftp://idp.example.com": "invalid_issuer",
            "https://idp.example.com?x=1": "invalid_issuer",
            "not a url": "invalid_issuer",
            closed: "sso_discovery_failed",  # nothing listens there
            issuer.replace("127.0.0.1", "localhost"): "sso_discovery_failed",  # not its issuer
            issuer + "/": "sso_discovery_failed",
        }
        for value, code in cases.items():
            r = api.put(
                "/api/v1/sso",
                json={"issuer": value, "client_id": "c", "client_secret": "s"},
            )
            assert r.status_code == 422, (value, r.text)
            err = r.json()["error"]
            assert (err["code"], err["param"]) == (code, "issuer"), value
            assert err["message"].endswith(".")
        # Disabled, it is stored as given (the provider is not asked).
        r = api.put(
            "/api/v1/sso",
            json={"issuer": closed, "client_id": "c", "client_secret": "s", "enabled": False},
        )
        assert r.status_code == 200, r.text

    def test_unknown_fields_and_bad_roles_are_422(self, api: Api, issuer: str) -> None:
        base = {"issuer": issuer, "client_id": "c", "client_secret": "s"}
        for extra in ({"color": "red"}, {"jit_role": "owner"}, {"allowed_domains": ["a b"]}):
            r = api.put("/api/v1/sso", json={**base, **extra})
            assert r.status_code == 422, r.text
            assert r.json()["error"]["type"] == "invalid_request_error"

    def test_a_recruiter_key_cannot_read_them(self, api: Api, tenant: TenantHandle) -> None:
        _, write_key = tenant.new_key(["write"])
        r = api.client.get("/api/v1/sso", headers={"Authorization": f"Bearer {write_key}"})
        assert r.status_code == 403


def test_http_issuers_only_on_this_machine_and_not_in_production() -> None:
    assert oidc.issuer_problem("http://127.0.0.1:9000", allow_http_loopback=True) is None
    assert oidc.issuer_problem("http://localhost:9000", allow_http_loopback=True) is None
    assert oidc.issuer_problem("http://127.0.0.1:9000", allow_http_loopback=False)
    assert oidc.issuer_problem("http://10.0.0.5", allow_http_loopback=True)
    assert (
        oidc.issuer_problem("https://login.example.com/tenant/v2.0", allow_http_loopback=False)
        is None
    )
    production = Settings(env="production", secret_key="k" * 40)
    assert service.allows_http_issuer(production) is False
    assert service.allows_http_issuer(
        production.model_copy(update={"webhook_allow_private_urls": True})
    )


def test_subdomain_workspaces_get_their_own_redirect_uri() -> None:
    s = Settings(
        public_url="https://peoplelens.example.com:8443", base_domain="peoplelens.example.com"
    )
    assert (
        service.redirect_uri(s, "acme")
        == "https://acme.peoplelens.example.com:8443/auth/oidc/callback"
    )
    assert (
        service.login_url(s, "acme") == "https://acme.peoplelens.example.com:8443/auth/oidc/login"
    )


def test_the_sign_in_pages_read_sso_required(
    api: Api, tenant: TenantHandle, db: Database, settings: Settings, issuer: str
) -> None:
    """What the password sign-in (another branch) reads: SSO offered, passwords refused."""
    with db.read_session() as session:
        row = session.get(Tenant, tenant.id)
        assert row is not None
        assert service.login_choice(session, row, settings) == service.LoginChoice(
            False, False, None
        )
    configure(api, issuer, sso_required=True)
    with db.read_session() as session:
        row = session.get(Tenant, tenant.id)
        assert row is not None
        choice = service.login_choice(session, row, settings)
    assert choice.enabled and choice.required
    assert choice.url == f"http://testserver/auth/oidc/login?workspace={tenant.slug}"


class TestLoginPage:
    def test_unknown_workspace_or_no_sso_is_a_404_page(
        self, app: FastAPI, tenant: TenantHandle
    ) -> None:
        client = browser(app)
        for slug in ("no-such-workspace", tenant.slug):
            r = client.get("/auth/oidc/login", params={"workspace": slug})
            assert r.status_code == 404 and "not available" in r.text
        r = client.get("/auth/oidc/login")
        assert r.status_code == 400 and "Which workspace" in r.text

    def test_a_provider_that_is_down_is_a_502_page(
        self, app: FastAPI, api: Api, tenant: TenantHandle, db: Database
    ) -> None:
        closed = f"http://127.0.0.1:{free_port()}"
        r = api.put(
            "/api/v1/sso",
            json={"issuer": closed, "client_id": "c", "client_secret": "s", "enabled": False},
        )
        assert r.status_code == 200
        with db.write_session() as session:  # enabled after the check: the provider went down
            row = session.get(TenantSso, tenant.id)
            assert row is not None
            row.enabled = True
            session.commit()
        r = browser(app).get("/auth/oidc/login", params={"workspace": tenant.slug})
        assert r.status_code == 502
        assert "did not answer" in r.text and "Traceback" not in r.text
        assert r.headers["x-frame-options"] == "DENY"


def test_with_subdomains_the_round_trip_starts_on_the_workspace_host(
    settings: Settings, tenant: TenantHandle
) -> None:
    """Its cookies must be the workspace host's: the apex sends the browser there first, and a
    workspace host refuses to start another workspace's sign-in."""
    app = create_app(settings.model_copy(update={"base_domain": "example.org"}))
    with TestClient(app, follow_redirects=False) as client:
        r = client.get(
            "/auth/oidc/login", params={"workspace": tenant.slug, "return_to": "/jobs?a=1"}
        )
        assert r.status_code == 303
        assert r.headers["location"] == (
            f"http://{tenant.slug}.example.org/auth/oidc/login?return_to=%2Fjobs%3Fa%3D1"
        )
        r = client.get(
            "/auth/oidc/login",
            params={"workspace": "another"},
            headers={"host": f"{tenant.slug}.example.org"},
        )
        assert r.status_code == 400 and "Which workspace" in r.text
        r = client.get("/auth/oidc/login", headers={"host": f"{tenant.slug}.example.org"})
        assert r.status_code == 404  # the subdomain names it; it has no SSO


@pytest.mark.parametrize("workspace", ["evil.com/#", "evil.com?", "a\u0000b", "UPPER", "-x", ""])
def test_the_login_link_never_redirects_off_site(settings: Settings, workspace: str) -> None:
    """With subdomains, /auth/oidc/login on the main host redirects to the workspace's host:
    only for a workspace slug, so it is never an open redirect (nor a 500 for a NUL)."""
    app = create_app(settings.model_copy(update={"base_domain": "peoplelens.test"}))
    with TestClient(app, base_url="http://peoplelens.test") as client:
        r = client.get("/auth/oidc/login", params={"workspace": workspace}, follow_redirects=False)
    assert r.status_code != 500, r.text
    if "location" in r.headers:  # a well-formed slug, any case: to its own subdomain only
        from urllib.parse import urlsplit

        host = urlsplit(r.headers["location"]).hostname or ""
        assert host == f"{workspace.lower()}.peoplelens.test", r.headers["location"]
    else:
        assert workspace.lower() != "upper"
