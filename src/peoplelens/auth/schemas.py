from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.kit.ids import render
from peoplelens.kit.schemas import RequestModel, UtcDatetime
from peoplelens.kit.time import iso, iso_opt
from peoplelens.models import ApiKey


class ApiKeyCreate(RequestModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    scopes: list[Literal["read", "write", "admin"]] | None = Field(default=None, max_length=3)
    expires_at: UtcDatetime | None = None


class ApiKeyOut(BaseModel):
    id: str
    name: str
    prefix: str = Field(description="The first characters of the key, to tell keys apart.")
    scopes: list[str]
    created_at: str
    expires_at: str | None
    last_used_at: str | None
    revoked_at: str | None

    @classmethod
    def build(cls, k: ApiKey) -> ApiKeyOut:
        return cls(
            id=render("key", k.id),
            name=k.name,
            prefix=k.prefix,
            scopes=list(k.scopes),
            created_at=iso(k.created_at),
            expires_at=iso_opt(k.expires_at),
            last_used_at=iso_opt(k.last_used_at),
            revoked_at=iso_opt(k.revoked_at),
        )


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The secret. Shown once; only its hash is stored.")
