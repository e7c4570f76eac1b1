"""The three roles of people (spec §6) and what each may do: the one home of that matrix.

API keys carry scopes (``read`` ⊂ ``write`` ⊂ ``admin``); people carry a role. A route declares
the scope it needs (``ReadPrincipal``, ``WritePrincipal``, ``AdminPrincipal``) and whether an
interviewer may call it for what is assigned to them (``AssignedPrincipal``); the request
boundary checks both before anything else runs.
"""

from __future__ import annotations

from typing import Final, Literal

Role = Literal["admin", "recruiter", "interviewer"]
ROLES: Final[tuple[Role, ...]] = ("admin", "recruiter", "interviewer")

# The published API's names (doc): `Admin` and `User`; matched case-insensitively.
_ALIASES: Final[dict[str, Role]] = {
    "admin": "admin",
    "administrator": "admin",
    "recruiter": "recruiter",
    "user": "recruiter",
    "member": "recruiter",
    "interviewer": "interviewer",
}

# How the published API names each role (`company_role`).
DOC_NAMES: Final[dict[str, str]] = {
    "admin": "Admin",
    "recruiter": "User",
    "interviewer": "Interviewer",
}

# The scope a role grants on key-style routes: admin everything, a recruiter what a write key
# may do (candidates, jobs, templates, documents, plans, decisions, human scorecards), an
# interviewer nothing beyond the routes that admit assigned interviewers.
_SCOPE_OF_ROLE: Final[dict[str, str | None]] = {
    "admin": "admin",
    "recruiter": "write",
    "interviewer": None,
}


def parse_role(raw: object) -> Role | None:
    """The canonical role for ``raw`` (``"Admin"`` → ``admin``, ``"User"`` → ``recruiter``), or
    None when it names no role."""
    if not isinstance(raw, str):
        return None
    return _ALIASES.get(raw.strip().lower())


def role_message() -> str:
    return "Use one of admin, recruiter or interviewer (or the aliases Admin and User)."


def scope_of_role(role: str) -> str | None:
    return _SCOPE_OF_ROLE.get(role)


def doc_name(role: str) -> str:
    return DOC_NAMES.get(role, role.title())
