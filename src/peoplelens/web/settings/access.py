"""Settings → SSO, SCIM and API keys: how people and programs get in. The services of
``/api/v1/sso`` (``sso/service.py``) and ``/api/v1/api-keys`` (``auth/keys.py``); the SCIM
token is an API key with the ``scim`` scope only.

A secret (a key, a token) is shown on the answer to the form that made it — rendered, never
redirected through a cookie — and never again: only its hash is stored.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Final

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from peoplelens.auth import keys
from peoplelens.auth.principal import KEY_SCOPES, Principal
from peoplelens.auth.repository import ApiKeyRepository
from peoplelens.auth.schemas import ApiKeyCreate
from peoplelens.kit.errors import ApiError, NotFound
from peoplelens.kit.ids import ApiKeyID
from peoplelens.models import ApiKey
from peoplelens.scim.route import base_url
from peoplelens.sso import oidc
from peoplelens.sso import service as sso
from peoplelens.sso.schemas import SsoIn, SsoOut
from peoplelens.users.roles import ROLES
from peoplelens.web.forms import InvalidForm, text_fields, validated
from peoplelens.web.pages import done, reveal, revealed, runtime_of
from peoplelens.web.route import AdminViewer, page_router
from peoplelens.web.settings.shared import refused, settings_page
from peoplelens.web.work import reading, writing

router = page_router()

KEYS_SHOWN: Final = 200
SCOPE_HINTS: Final = {
    "read": "read everything",
    "write": "change candidates, jobs, templates, plans",
    "admin": "people, settings, keys, webhooks, audit log",
    "scim": "the identity provider's token for /scim/v2 only",
    "inbound": "an ATS's webhook token for /api/v1/inbound only (alone)",
}

# -- SSO -------------------------------------------------------------------------------------

SSO_TEXT: Final = ("issuer", "client_id", "client_secret", "jit_role", "allowed_domains")
SSO_LABELS: Final = {
    "issuer": "Issuer URL",
    "client_id": "Client ID",
    "client_secret": "Client secret",
    "enabled": "Enabled",
    "sso_required": "Require SSO",
    "jit_role": "Create people on first sign-in",
    "allowed_domains": "Allowed e-mail domains",
}


def _current_sso(session: Session, principal: Principal, request: Request) -> SsoOut | None:
    try:
        return sso.get_settings(session, principal, runtime_of(request).settings)
    except NotFound:
        return None


def _sso_typed(current: SsoOut | None) -> dict[str, Any]:
    if current is None:
        return {"enabled": True, "jit_role": "", "allowed_domains": ""}
    return {
        "issuer": current.issuer,
        "client_id": current.client_id,
        "enabled": current.enabled,
        "sso_required": current.sso_required,
        "jit_role": current.jit_role or "",
        "allowed_domains": "\n".join(current.allowed_domains),
    }


async def _sso_page(
    request: Request,
    viewer: AdminViewer,
    *,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    runtime = runtime_of(request)
    current = await reading(runtime, lambda s: _current_sso(s, viewer.principal, request))
    slug = viewer.workspace_slug
    return settings_page(
        request,
        "app/settings_sso.html",
        "sso",
        {
            "title": "SSO — Settings",
            "current": current,
            "typed": typed if typed is not None else _sso_typed(current),
            "errors": errors or {},
            "redirect_uri": sso.redirect_uri(runtime.settings, slug),
            "login_url": sso.login_url(runtime.settings, slug),
            "jit_roles": [("", "No: only people already here may sign in")]
            + [(r, f"Yes, as {r}") for r in ROLES],
        },
        status,
    )


@router.get("/settings/sso")
async def sso_settings(request: Request, viewer: AdminViewer) -> Response:
    """The workspace's OpenID Connect provider and the callback URL to register there."""
    return await _sso_page(request, viewer)


def _domains(raw: str) -> list[str]:
    return [d for d in re.split(r"[\s,;]+", raw) if d]


@router.post("/settings/sso")
async def save_sso(request: Request, viewer: AdminViewer) -> Response:
    """Stores the configuration (``PUT /api/v1/sso``); enabling it checks the provider's
    discovery document first. A secret left empty keeps the stored one."""
    runtime = runtime_of(request)
    form = await request.form()
    typed: dict[str, Any] = text_fields(form, SSO_TEXT)
    typed["enabled"] = form.get("enabled") == "1"
    typed["sso_required"] = form.get("sso_required") == "1"
    data: dict[str, Any] = {
        "issuer": typed["issuer"].strip(),
        "client_id": typed["client_id"].strip(),
        "enabled": typed["enabled"],
        "sso_required": typed["sso_required"],
        "jit_role": typed["jit_role"] or None,
        "allowed_domains": _domains(typed["allowed_domains"]),
    }
    if typed["client_secret"]:
        data["client_secret"] = typed["client_secret"]
    typed["client_secret"] = ""  # never written back into the page
    try:
        body = validated(SsoIn, data, SSO_LABELS)
        await writing(
            runtime,
            lambda s: sso.put_settings(
                s,
                viewer.principal,
                body,
                settings=runtime.settings,
                server_secret=runtime.secret_key,
                discover=lambda issuer: oidc.client.discover(issuer, fresh=True),
            ),
        )
    except InvalidForm as invalid:
        return await _sso_page(request, viewer, typed=typed, errors=invalid.errors, status=422)
    except ApiError as exc:
        if exc.status == 404:
            raise
        errors = {exc.param or "issuer": exc.message}
        return await _sso_page(request, viewer, typed=typed, errors=errors, status=exc.status)
    said = "SSO is on." if body.enabled else "Saved; SSO is off."
    return done(request, "/settings/sso", said)


@router.post("/settings/sso/delete")
async def delete_sso(request: Request, viewer: AdminViewer) -> Response:
    """Removes the SSO settings (``DELETE /api/v1/sso``): passwords again."""
    runtime = runtime_of(request)
    try:
        await writing(runtime, lambda s: sso.delete_settings(s, viewer.principal))
    except ApiError as exc:
        return done(request, "/settings/sso", exc.message, "error")
    return done(request, "/settings/sso", "SSO is removed: people sign in with passwords.")


# -- SCIM ------------------------------------------------------------------------------------


async def _scim_page(request: Request, viewer: AdminViewer, secret: str | None = None) -> Response:
    runtime = runtime_of(request)
    tokens = await reading(runtime, lambda s: keys.scim_tokens(s, viewer.principal))
    return settings_page(
        request,
        "app/settings_scim.html",
        "scim",
        {
            "title": "SCIM — Settings",
            "base_url": base_url(runtime.settings.public_url or str(request.base_url)),
            "tokens": tokens,
            "secret": secret,
        },
    )


@router.get("/settings/scim")
async def scim(request: Request, viewer: AdminViewer) -> Response:
    """Where the identity provider provisions people, and its token (shown once, right after
    it was made)."""
    made = revealed(request, "scim_token")
    return await _scim_page(request, viewer, made["token"] if made else None)


@router.post("/settings/scim/token")
async def rotate_scim(request: Request, viewer: AdminViewer) -> Response:
    """A new SCIM token (earlier ones stop working), shown on this answer only."""
    runtime = runtime_of(request)
    _row, secret = await writing(runtime, lambda s: keys.rotate_scim_token(s, viewer.principal))
    return reveal(request, "/settings/scim", "scim_token", {"token": secret})


@router.post("/settings/scim/revoke")
async def revoke_scim(request: Request, viewer: AdminViewer) -> Response:
    """Revokes the SCIM token: the identity provider can no longer provision."""
    runtime = runtime_of(request)
    count = await writing(runtime, lambda s: keys.revoke_scim_tokens(s, viewer.principal))
    said = "The SCIM token is revoked." if count else "There was no SCIM token to revoke."
    return done(request, "/settings/scim", said, "success" if count else "info")


# -- API keys --------------------------------------------------------------------------------


async def _keys_page(
    request: Request,
    viewer: AdminViewer,
    *,
    created: dict[str, str] | None = None,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    runtime = runtime_of(request)
    rows: list[ApiKey] = await reading(
        runtime, lambda s: ApiKeyRepository(s, viewer.principal).list_recent(KEYS_SHOWN)
    )
    return settings_page(
        request,
        "app/settings_api_keys.html",
        "api-keys",
        {
            "title": "API keys — Settings",
            "keys": rows,
            "created": created,
            "typed": typed or {"name": "", "scopes": ["read", "write"], "expires_at": ""},
            "errors": errors or {},
            "scopes": [(s, SCOPE_HINTS.get(s, "")) for s in KEY_SCOPES],
        },
        status,
    )


@router.get("/settings/api-keys")
async def api_keys(request: Request, viewer: AdminViewer) -> Response:
    """The workspace's API keys (never their secrets, but a new one once, right after it was
    made), revoked ones too."""
    return await _keys_page(request, viewer, created=revealed(request, "api_key"))


@router.post("/settings/api-keys")
async def create_api_key(request: Request, viewer: AdminViewer) -> Response:
    """Creates a key (``POST /api/v1/api-keys``); the answer shows it, once."""
    runtime = runtime_of(request)
    form = await request.form()
    typed: dict[str, Any] = text_fields(form, ("name", "expires_at"))
    typed["scopes"] = [s for s in form.getlist("scopes") if isinstance(s, str)]
    data = {
        "name": typed["name"].strip(),
        "scopes": typed["scopes"] or None,
        "expires_at": typed["expires_at"] or None,
    }
    labels = {"name": "Name", "scopes": "Scopes", "expires_at": "Expires"}
    try:
        body = validated(ApiKeyCreate, data, labels)
        row, secret = await writing(
            runtime,
            lambda s: keys.create_key(
                s,
                viewer.principal,
                name=body.name,
                scopes=list(body.scopes or []) or None,
                expires_at=body.expires_at,
            ),
        )
    except InvalidForm as invalid:
        return await _keys_page(request, viewer, typed=typed, errors=invalid.errors, status=422)
    except ApiError as exc:
        errors = {exc.param or "name": exc.message}
        return await _keys_page(request, viewer, typed=typed, errors=errors, status=exc.status)
    return reveal(request, "/settings/api-keys", "api_key", {"name": row.name, "key": secret})


def _revoke(session: Session, principal: Principal, key_id: uuid.UUID) -> str:
    return keys.revoke_key(session, principal, key_id).name


@router.post("/settings/api-keys/{id}/revoke")
async def revoke_api_key(id: ApiKeyID, request: Request, viewer: AdminViewer) -> Response:
    """Revokes a key (``DELETE /api/v1/api-keys/{id}``): it stops working at once."""
    runtime = runtime_of(request)
    try:
        name = await writing(runtime, lambda s: _revoke(s, viewer.principal, id))
    except ApiError as exc:
        return refused(request, "/settings/api-keys", exc)
    return done(request, "/settings/api-keys", f"The key “{name}” is revoked.")
