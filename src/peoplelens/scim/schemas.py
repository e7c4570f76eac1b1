"""What SCIM shows: the discovery documents (accurate: only what we support) and a person or
group as a SCIM resource. The attribute table here is also what PATCH and PUT check paths
and mutability against (``scim/patch.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from peoplelens.kit.time import iso
from peoplelens.models import ScimGroup, User

USER_SCHEMA: Final = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA: Final = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST_SCHEMA: Final = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_SCHEMA: Final = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SEARCH_SCHEMA: Final = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
SPC_SCHEMA: Final = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
RESOURCE_TYPE_SCHEMA: Final = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA_SCHEMA: Final = "urn:ietf:params:scim:schemas:core:2.0:Schema"
MAX_RESULTS: Final = 200


@dataclass(frozen=True)
class Attr:
    name: str
    type: str = "string"
    multi: bool = False
    required: bool = False
    mutability: str = "readWrite"
    returned: str = "default"
    uniqueness: str = "none"
    case_exact: bool = False
    canonical: tuple[str, ...] = ()
    reference_types: tuple[str, ...] = ()
    sub: tuple[Attr, ...] = field(default_factory=tuple)

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "multiValued": self.multi,
            "description": "",
            "required": self.required,
            "mutability": self.mutability,
            "returned": self.returned,
        }
        if self.type in ("string", "reference"):
            out["caseExact"] = self.case_exact
            out["uniqueness"] = self.uniqueness
        if self.canonical:
            out["canonicalValues"] = list(self.canonical)
        if self.reference_types:
            out["referenceTypes"] = list(self.reference_types)
        if self.sub:
            out["subAttributes"] = [s.describe() for s in self.sub]
        return out

    def child(self, key: str) -> Attr | None:
        return next((s for s in self.sub if s.name.lower() == key), None)


# The one e-mail address is the userName (people sign in by e-mail): typed "work", primary.
USER_ATTRS: Final = (
    Attr("userName", required=True, uniqueness="server"),
    Attr(
        "name",
        "complex",
        sub=(
            Attr("formatted", mutability="readOnly", returned="never"),
            Attr("familyName"),
            Attr("givenName"),
        ),
    ),
    Attr("displayName", mutability="readOnly"),
    Attr("title"),
    # Required: a provider always says whether the person may sign in (a POST without it
    # is taken as true); it can be set to false, not removed.
    Attr("active", "boolean", required=True),
    Attr(
        "emails",
        "complex",
        multi=True,
        sub=(
            Attr("value"),
            Attr("type", mutability="readOnly", returned="never", canonical=("work",)),
            Attr("primary", "boolean", mutability="readOnly", returned="never"),
        ),
    ),
    Attr(
        "groups",
        "complex",
        multi=True,
        mutability="readOnly",
        sub=(
            Attr("value", mutability="readOnly"),
            Attr("$ref", "reference", mutability="readOnly", reference_types=("Group",)),
            Attr("display", mutability="readOnly"),
            Attr("type", mutability="readOnly", canonical=("direct",)),
        ),
    ),
)
GROUP_ATTRS: Final = (
    Attr("displayName", required=True, uniqueness="server"),
    Attr(
        "members",
        "complex",
        multi=True,
        sub=(
            Attr("value", mutability="immutable"),
            Attr("$ref", "reference", mutability="immutable", reference_types=("User",)),
            Attr("type", mutability="immutable", canonical=("User",)),
        ),
    ),
)
# Attributes every resource has (RFC 7643 §3.1); externalId is the client's, case-exact.
COMMON_ATTRS: Final = (
    Attr("id", mutability="readOnly", returned="always", case_exact=True, uniqueness="server"),
    Attr("externalId", case_exact=True),
    Attr("meta", "complex", mutability="readOnly"),
    Attr("schemas", multi=True, mutability="readOnly", returned="always"),
)
ALWAYS_RETURNED: Final = frozenset({"id", "schemas"})


def attribute(attrs: tuple[Attr, ...], key: str) -> Attr | None:
    """The attribute ``key`` (lower case) names among ``attrs`` and the common ones."""
    return next((a for a in attrs + COMMON_ATTRS if a.name.lower() == key), None)


def _schema(id_: str, name: str, attrs: tuple[Attr, ...], base: str) -> dict[str, Any]:
    return {
        "schemas": [SCHEMA_SCHEMA],
        "id": id_,
        "name": name,
        "description": f"{name} account"
        if name == "User"
        else "A directory group; its name "
        "maps it to a role (admin, recruiter, interviewer) or to none.",
        "attributes": [a.describe() for a in attrs],
        "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{id_}"},
    }


def schemas(base: str) -> list[dict[str, Any]]:
    return [
        _schema(USER_SCHEMA, "User", USER_ATTRS, base),
        _schema(GROUP_SCHEMA, "Group", GROUP_ATTRS, base),
    ]


def resource_types(base: str) -> list[dict[str, Any]]:
    return [
        {
            "schemas": [RESOURCE_TYPE_SCHEMA],
            "id": name,
            "name": name,
            "endpoint": f"/{name}s",
            "description": description,
            "schema": schema,
            "schemaExtensions": [],
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{name}"},
        }
        for name, schema, description in (
            ("User", USER_SCHEMA, "A person of the workspace"),
            ("Group", GROUP_SCHEMA, "A directory group mapped to a role"),
        )
    ]


def service_provider_config(base: str, docs: str) -> dict[str, Any]:
    return {
        "schemas": [SPC_SCHEMA],
        "documentationUri": docs,
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "OAuth Bearer Token",
                "description": "An API key with the 'scim' scope, sent as "
                "'Authorization: Bearer <key>'.",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": f"{base}/ServiceProviderConfig",
        },
    }


def _meta(kind: str, base: str, id_: str, created: Any, modified: Any) -> dict[str, Any]:
    return {
        "resourceType": kind,
        "created": iso(created),
        "lastModified": iso(modified),
        "location": f"{base}/{kind}s/{id_}",
    }


def user_resource(
    user: User, groups: list[ScimGroup], base: str, *, for_patch: bool = False
) -> dict[str, Any]:
    """A person as a SCIM User (empty attributes left out, as "unassigned"). The one address
    is typed "work" and primary — shown only to PATCH, whose value filters
    (``emails[type eq "work"]``) select by it; answers leave never-returned attributes out."""
    id_ = str(user.id)
    out: dict[str, Any] = {"schemas": [USER_SCHEMA], "id": id_}
    if user.external_id is not None:
        out["externalId"] = user.external_id
    out["userName"] = user.email
    name = {k: v for k, v in (("givenName", user.first_name), ("familyName", user.last_name)) if v}
    full = " ".join(p for p in (user.first_name, user.last_name) if p)
    if name:
        out["name"] = {"formatted": full, **name} if for_patch else name
    out["displayName"] = full or user.email
    if user.company_role:
        out["title"] = user.company_role
    out["active"] = user.is_enabled
    if "@" in user.email:  # a sign-in name that is no address has no e-mail to show
        email: dict[str, Any] = {"value": user.email}
        out["emails"] = [{**email, "type": "work", "primary": True} if for_patch else email]
    if groups:
        out["groups"] = [
            {
                "value": str(g.id),
                "$ref": f"{base}/Groups/{g.id}",
                "display": g.display_name,
                "type": "direct",
            }
            for g in groups
        ]
    out["meta"] = _meta("User", base, id_, user.created_at, user.updated_at)
    return out


def group_resource(group: ScimGroup, base: str) -> dict[str, Any]:
    id_ = str(group.id)
    out: dict[str, Any] = {"schemas": [GROUP_SCHEMA], "id": id_}
    if group.external_id is not None:
        out["externalId"] = group.external_id
    out["displayName"] = group.display_name
    if group.member_ids:
        out["members"] = [
            {"value": m, "$ref": f"{base}/Users/{m}", "type": "User"} for m in group.member_ids
        ]
    out["meta"] = _meta("Group", base, id_, group.created_at, group.updated_at)
    return out


def list_response(resources: list[dict[str, Any]], total: int, start_index: int) -> dict[str, Any]:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }
