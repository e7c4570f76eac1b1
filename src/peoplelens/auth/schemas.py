from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from peoplelens.kit.ids import ApiKeyID
from peoplelens.kit.schemas import Presenter, RequestModel, Timestamp, UtcDatetime


class ApiKeyCreate(RequestModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    scopes: list[Literal["read", "write", "admin", "scim", "inbound"]] | None = Field(
        default=None,
        max_length=5,
        description="Default read, write and admin. `scim` alone makes the identity "
        "provider's token for /scim/v2, `inbound` alone an ATS's token for "
        "/api/v1/inbound/{provider} (neither is implied by admin).",
    )
    expires_at: UtcDatetime | None = None


class ApiKeyOut(Presenter):
    id: ApiKeyID
    name: str
    prefix: str = Field(description="The first characters of the key, to tell keys apart.")
    scopes: list[str]
    created_at: Timestamp
    expires_at: Timestamp | None
    last_used_at: Timestamp | None
    revoked_at: Timestamp | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The secret. Shown once; only its hash is stored.")
