"""SSO rules (spec §6): the admin's settings, where the round trip's pages are, and what a
sign-in page reads of them (the round trip itself: ``flow.py``). Never commits.

Audit actions: ``SSO_UPDATED``, ``SSO_DELETED`` (field names only, never the secret).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Final
from urllib.parse import urlencode, urlsplit

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.kit.errors import InvalidRequest, NotFound
from peoplelens.kit.sealing import sso_client_secrets
from peoplelens.kit.time import utcnow
from peoplelens.models import Tenant, TenantSso
from peoplelens.sso import oidc
from peoplelens.sso.repository import SsoRepository
from peoplelens.sso.schemas import SsoIn, SsoOut
from peoplelens.tenants.service import is_slug
from peoplelens.users.signin import passwords_refused, sso_offered

CALLBACK_PATH: Final = "/auth/oidc/callback"
LOGIN_PATH: Final = "/auth/oidc/login"
_FIELDS: Final = (
    "issuer",
    "client_id",
    "client_secret",
    "enabled",
    "sso_required",
    "jit_role",
    "allowed_domains",
)


# -- where things are -----------------------------------------------------------------------
def workspace_origin(settings: Settings, slug: str) -> str:
    """The workspace's origin: the public URL, or ``<slug>.<base domain>`` on its scheme and
    port when workspaces have subdomains (the session cookie must land on that host)."""
    if not settings.base_domain:
        return settings.public_url
    if not is_slug(slug):
        raise ValueError("not a workspace slug")
    parts = urlsplit(settings.public_url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{slug}.{settings.base_domain}{port}"


def redirect_uri(settings: Settings, slug: str) -> str:
    """What the admin registers at the provider (one per workspace with subdomains)."""
    return workspace_origin(settings, slug) + CALLBACK_PATH


def login_url(settings: Settings, slug: str) -> str:
    if settings.base_domain:
        return workspace_origin(settings, slug) + LOGIN_PATH
    return settings.public_url + LOGIN_PATH + "?" + urlencode({"workspace": slug})


def allows_http_issuer(settings: Settings) -> bool:
    return settings.env != "production" or settings.webhook_allow_private_urls


# -- the admin's settings -------------------------------------------------------------------
def _slug(session: Session, principal: Principal) -> str:
    if principal.tenant_slug:
        return principal.tenant_slug
    tenant: Tenant = SsoRepository(session, principal).own_tenant(Tenant)
    return tenant.slug


def present(row: TenantSso, settings: Settings, slug: str) -> SsoOut:
    return SsoOut(
        issuer=row.issuer,
        client_id=row.client_id,
        client_secret_set=row.client_secret_sealed is not None,
        enabled=row.enabled,
        sso_required=row.sso_required,
        jit_role=row.jit_role,
        allowed_domains=list(row.allowed_domains or []),
        redirect_uri=redirect_uri(settings, slug),
        login_url=login_url(settings, slug),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _not_configured() -> NotFound:
    return NotFound(
        "Single sign-on is not configured for this workspace; PUT /api/v1/sso sets it up.",
        code="sso_not_configured",
    )


def get_settings(session: Session, principal: Principal, settings: Settings) -> SsoOut:
    row = SsoRepository(session, principal).settings()
    if row is None:
        raise _not_configured()
    return present(row, settings, _slug(session, principal))


def put_settings(
    session: Session,
    principal: Principal,
    body: SsoIn,
    *,
    settings: Settings,
    server_secret: bytes,
    discover: Callable[[str], oidc.Discovery],
) -> SsoOut:
    """Stores the configuration. Enabling it requires a working provider: its discovery
    document is fetched and checked now (422 naming ``issuer`` otherwise), so a typo shows
    here and not at the first person's sign-in. A disabled configuration is stored as given."""
    issuer = body.issuer  # exactly as the provider spells it (Auth0's ends with a slash)
    problem = oidc.issuer_problem(issuer, allow_http_loopback=allows_http_issuer(settings))
    if problem:
        raise InvalidRequest(problem, code="invalid_issuer", param="issuer")
    repo = SsoRepository(session, principal)
    row = repo.settings(lock=True)
    if row is None and body.client_secret is None:
        raise InvalidRequest(
            "'client_secret' is required the first time SSO is configured.",
            code="missing_client_secret",
            param="client_secret",
        )
    if body.enabled:
        try:
            discover(issuer)
        except oidc.ProviderUnavailable as exc:
            raise InvalidRequest(
                f"The issuer's discovery document could not be used: {exc} Check the issuer "
                "URL (it is the provider's 'issuer', e.g. https://acme.okta.com).",
                code="sso_discovery_failed",
                param="issuer",
            ) from None
    values: dict[str, Any] = {
        "issuer": issuer,
        "client_id": body.client_id,
        "enabled": body.enabled,
        "sso_required": body.sso_required,
        "jit_role": body.jit_role,
        "allowed_domains": sorted(set(body.allowed_domains)),
    }
    if body.client_secret is not None:
        values["client_secret_sealed"] = sso_client_secrets(server_secret).seal(body.client_secret)
    now = utcnow()
    if row is None:
        row = repo.add(TenantSso(created_at=now, updated_at=now, **values))
        changed = list(_FIELDS)
    else:
        changed = [
            name
            for name in _FIELDS
            if (name == "client_secret" and body.client_secret is not None)
            or (name != "client_secret" and getattr(row, name) != values[name])
        ]
        if "issuer" in changed:
            repo.forget_subjects()
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = now
    session.flush()
    AuditLog(session, principal).record(
        "SSO_UPDATED", "sso", None, {"fields": changed, "enabled": body.enabled}
    )
    return present(row, settings, _slug(session, principal))


def delete_settings(session: Session, principal: Principal) -> None:
    if not SsoRepository(session, principal).remove():
        raise _not_configured()
    AuditLog(session, principal).record("SSO_DELETED", "sso", None, {})


@dataclasses.dataclass(frozen=True, slots=True)
class LoginChoice:
    """What a sign-in page shows for a workspace (the password pages read it too)."""

    enabled: bool
    required: bool
    url: str | None


def login_choice(session: Session, tenant: Tenant, settings: Settings) -> LoginChoice:
    """Whether the workspace offers SSO (a "Sign in with SSO" link to ``url``) and whether it
    refuses passwords (``TenantSso.sso_required``, honoured only while SSO is enabled)."""
    if not sso_offered(session, tenant.id):
        return LoginChoice(False, False, None)
    return LoginChoice(
        True, passwords_refused(session, tenant.id), login_url(settings, tenant.slug)
    )


def enabled_sso(session: Session, tenant: Tenant) -> TenantSso | None:
    row = SsoRepository(session, Principal.system(tenant.id, via="oidc")).settings()
    return row if row is not None and row.enabled else None
