"""Who is calling: resolved once per request from the API key, then passed everywhere."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

SCOPES: Final = ("read", "write", "admin")
# A scope grants itself and every scope below it: admin ⊇ write ⊇ read.
_RANK: Final = {name: rank for rank, name in enumerate(SCOPES)}


@dataclass(frozen=True, slots=True)
class Principal:
    tenant_id: uuid.UUID
    key_id: uuid.UUID | None
    user_id: uuid.UUID | None
    scopes: frozenset[str]
    rate_limit_per_minute: int
    # Who acts when there is no key: "cli", "worker", "booking_link:bkl-…".
    via: str | None = None

    def allows(self, scope: str) -> bool:
        needed = _RANK[scope]
        return any(_RANK.get(held, -1) >= needed for held in self.scopes)

    @classmethod
    def system(cls, tenant_id: uuid.UUID, via: str = "cli") -> Principal:
        """Acting without an API key: the operator's CLI, the worker, a candidate's link."""
        return cls(tenant_id, None, None, frozenset(SCOPES), 0, via)

    @property
    def actor(self) -> dict[str, str | None]:
        """How audit entries name the caller: the key, or the operator's console."""
        return {"key_id": f"key-{self.key_id}"} if self.key_id else {"via": self.via or "cli"}

    @property
    def caller(self) -> str:
        """Who owns what this principal stores per caller (idempotency records): the API key,
        the signed-in user, or the system actor."""
        if self.key_id is not None:
            return f"key-{self.key_id}"
        if self.user_id is not None:
            return f"usr-{self.user_id}"
        return f"system:{self.via or 'cli'}"
