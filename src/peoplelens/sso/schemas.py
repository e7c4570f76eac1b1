"""The SSO settings an admin stores (``PUT /api/v1/sso``) and what ``GET`` shows of them."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from peoplelens.kit.schemas import RequestModel, Timestamp
from peoplelens.users.schemas import RoleIn

_DOMAIN = r"^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"


def _lower_domain(value: str) -> str:
    return value.strip().lower().lstrip("@")


Domain = Annotated[
    str,
    StringConstraints(max_length=253),
    AfterValidator(_lower_domain),
    StringConstraints(pattern=_DOMAIN),
]


class SsoIn(RequestModel):
    """The whole configuration (PUT replaces it). ``client_secret`` left out keeps the stored
    one; with ``enabled`` true the provider's discovery document is fetched and checked."""

    issuer: Annotated[str, StringConstraints(min_length=1, max_length=500)] = Field(
        description="The provider's issuer URL, e.g. https://acme.okta.com (https; "
        "http only for 127.0.0.1/localhost outside production)."
    )
    client_id: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    client_secret: Annotated[str, StringConstraints(min_length=1, max_length=2000)] | None = Field(
        default=None, description="Write-only: stored sealed, never shown again."
    )
    enabled: bool = True
    sso_required: bool = Field(
        default=False, description="Passwords are refused for this workspace's people."
    )
    jit_role: RoleIn | None = Field(
        default=None,
        description="Just-in-time creation of people the provider vouches for, with this "
        "role; null: only people who already exist may sign in.",
    )
    allowed_domains: list[Domain] = Field(
        default_factory=list,
        max_length=50,
        description="E-mail domains just-in-time creation accepts ([] = any).",
    )


class SsoOut(BaseModel):
    issuer: str
    client_id: str
    client_secret_set: bool
    enabled: bool
    sso_required: bool
    jit_role: str | None
    allowed_domains: list[str]
    redirect_uri: str = Field(description="The redirect URI to register at the provider.")
    login_url: str = Field(description="Where people start signing in with SSO.")
    created_at: Timestamp
    updated_at: Timestamp


class SsoDeleted(BaseModel):
    deleted: bool = True
