"""Who is calling: resolved once per request — from the API key, or from a signed-in person's
session — then passed everywhere: ``(tenant, key_id | user_id, scopes | role)``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from peoplelens.users.roles import scope_of_role

SCOPES: Final = ("read", "write", "admin")
# A scope grants itself and every scope below it: admin ⊇ write ⊇ read.
_RANK: Final = {name: rank for rank, name in enumerate(SCOPES)}
# Scopes outside that order, granted only by name: `scim` — the identity provider's token for
# /scim/v2 — and `inbound` — an ATS's token for /api/v1/inbound/* (spec §14) — are never
# implied by `admin` and imply nothing else, so a token a third party holds can do one thing.
SEPARATE_SCOPES: Final = ("scim", "inbound")
INBOUND_SCOPE: Final = "inbound"
KEY_SCOPES: Final = SCOPES + SEPARATE_SCOPES


@dataclass(frozen=True, slots=True)
class Principal:
    tenant_id: uuid.UUID
    key_id: uuid.UUID | None
    user_id: uuid.UUID | None
    scopes: frozenset[str]
    rate_limit_per_minute: int
    # Who acts when there is no key: "cli", "worker", "booking_link:bkl-…".
    via: str | None = None
    # A signed-in person: their role (users/roles.py) and the session they came with.
    role: str | None = None
    session_id: uuid.UUID | None = None
    # The tenant's slug, checked against the host when tenants are named by subdomain.
    tenant_slug: str | None = None

    def allows(self, scope: str) -> bool:
        """Whether this caller holds ``scope`` (a person: what their role grants, see
        ``users/roles.py``; the interviewer's assigned reads are checked by the boundary)."""
        if self.role is not None:
            granted = scope_of_role(self.role)
            return granted is not None and scope in _RANK and _RANK[granted] >= _RANK[scope]
        if scope not in _RANK:
            return scope in self.scopes
        needed = _RANK[scope]
        return any(_RANK.get(held, -1) >= needed for held in self.scopes)

    @property
    def is_interviewer(self) -> bool:
        return self.role == "interviewer"

    @classmethod
    def system(cls, tenant_id: uuid.UUID, via: str = "cli") -> Principal:
        """Acting without an API key: the operator's CLI, the worker, a candidate's link."""
        return cls(tenant_id, None, None, frozenset(SCOPES), 0, via)

    @property
    def actor(self) -> dict[str, str | None]:
        """How audit entries name the caller: the key, a person's session (the entry's
        ``user_id`` names the person), or the operator's console."""
        if self.key_id:
            # A key acting for a named source (an ATS's inbound event) says so too.
            key: dict[str, str | None] = {"key_id": f"key-{self.key_id}"}
            return {**key, "via": self.via} if self.via else key
        if self.user_id:
            return {"via": self.via or "session"}
        return {"via": self.via or "cli"}

    @property
    def caller(self) -> str:
        """Who owns what this principal stores per caller (idempotency records): the API key,
        the signed-in user, or the system actor."""
        if self.key_id is not None:
            return f"key-{self.key_id}"
        if self.user_id is not None:
            return f"usr-{self.user_id}"
        return f"system:{self.via or 'cli'}"
