"""API keys (spec §7), managed by admin keys."""

from __future__ import annotations

from fastapi import status

from peoplelens.auth import keys
from peoplelens.auth.repository import ApiKeyRepository
from peoplelens.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from peoplelens.boundary.dependencies import AdminPrincipal, SessionDep
from peoplelens.boundary.router import api_router
from peoplelens.kit.ids import ApiKeyID

router = api_router("api-keys")


@router.post("/api-keys", response_model=ApiKeyCreated, status_code=status.HTTP_201_CREATED)
def create_api_key(
    body: ApiKeyCreate, principal: AdminPrincipal, session: SessionDep
) -> ApiKeyCreated:
    """Creates an API key for this account. The secret `key` is in this answer only; store
    it now. `scopes` default to all of `read`, `write`, `admin`."""
    row, secret = keys.create_key(
        session,
        principal,
        name=body.name,
        scopes=list(body.scopes or []) or None,
        expires_at=body.expires_at,
    )
    return ApiKeyCreated.model_validate(
        {**ApiKeyOut.model_validate(row).model_dump(), "key": secret}
    )


@router.get("/api-keys", response_model=dict[str, list[ApiKeyOut]])
def list_api_keys(principal: AdminPrincipal, session: SessionDep) -> dict[str, list[ApiKeyOut]]:
    """The account's active keys (never their secrets)."""
    rows = ApiKeyRepository(session, principal).list_active()
    return {"data": [ApiKeyOut.model_validate(r) for r in rows]}


@router.delete(
    "/api-keys/{id}",
    response_model=ApiKeyOut,
    responses={404: {"description": "No active key with this id."}},
)
def revoke_api_key(id: ApiKeyID, principal: AdminPrincipal, session: SessionDep) -> ApiKeyOut:
    """Revokes a key; it stops working on the next request."""
    return ApiKeyOut.model_validate(keys.revoke_key(session, principal, id))
