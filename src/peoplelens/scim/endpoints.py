"""SCIM 2.0 at ``/scim/v2`` (RFC 7644): discovery, Users and Groups. Thin: parse, call
``scim/service.py``, render. Authorised by an API key with the ``scim`` scope
(``scim/route.py``); errors in SCIM's schema (``scim/errors.py``)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Request, Response

from peoplelens.auth.principal import Principal
from peoplelens.boundary.dependencies import RuntimeDep, SessionDep
from peoplelens.kit.errors import ApiError
from peoplelens.kit.schemas import has_nul
from peoplelens.scim import filters as f
from peoplelens.scim import schemas as s
from peoplelens.scim import service
from peoplelens.scim.errors import ScimError, ScimNotFound, scim_json
from peoplelens.scim.route import SCIM_PREFIX, base_url, scim_router

router = scim_router()


class ScimNotImplemented(ApiError):
    status = 501
    type = "api_error"
    default_code = "not_implemented"


async def _principal(request: Request) -> Principal:
    principal: Principal = request.state.principal  # checked by the SCIM boundary already
    return principal


async def _body(request: Request) -> Any:
    raw = await request.body()
    try:
        parsed = json.loads(raw or b"null")
    except ValueError as exc:
        raise ScimError(f"The body is not valid JSON ({exc}).", code="invalidSyntax") from None
    if has_nul(parsed):
        # PostgreSQL text cannot hold U+0000: refused everywhere, as the API refuses it.
        raise ScimError("Text must not contain the NUL character (\\u0000).", code="invalidValue")
    return parsed


async def _base(request: Request, runtime: RuntimeDep) -> str:
    return base_url(runtime.settings.public_url or str(request.base_url))


# startIndex/count beyond this are refused (a database's OFFSET is a 64-bit integer at most).
MAX_INDEX = 1_000_000_000
ScimPrincipal = Annotated[Principal, Depends(_principal)]
Body = Annotated[Any, Depends(_body)]
Base = Annotated[str, Depends(_base)]


def _int(raw: str | None, name: str, default: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ScimError(f"'{name}' is an integer.", code="invalidValue") from None
    if abs(value) > MAX_INDEX:
        raise ScimError(f"'{name}' is at most {MAX_INDEX}.", code="invalidValue")
    return value


def _paging(params: Any) -> tuple[int, int]:
    """``startIndex`` (1-based; below 1 counts as 1) and ``count`` (capped; 0: totals only)."""
    start = max(1, _int(params.get("startIndex"), "startIndex", 1))
    count = min(s.MAX_RESULTS, max(0, _int(params.get("count"), "count", s.MAX_RESULTS)))
    return start, count


def _names(raw: Any) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else str(raw).split(",")
    return [f.attr_key(str(i).strip(), scim_type="invalidValue") for i in items if str(i).strip()]


def _project(doc: dict[str, Any], attributes: list[str], excluded: list[str]) -> dict[str, Any]:
    """``attributes`` / ``excludedAttributes`` (RFC 7644 §3.9); id and schemas always stay."""
    if attributes:
        out: dict[str, Any] = {}
        for key, value in doc.items():
            low = key.lower()
            if low in s.ALWAYS_RETURNED or low in attributes:
                out[key] = value
            elif isinstance(value, dict):
                subs = {k: v for k, v in value.items() if f"{low}.{k.lower()}" in attributes}
                if subs:
                    out[key] = subs
            elif isinstance(value, list):
                picked = [
                    {k: v for k, v in e.items() if f"{low}.{k.lower()}" in attributes}
                    for e in value
                    if isinstance(e, dict)
                ]
                if any(picked):
                    out[key] = [p for p in picked if p]
        return out
    if not excluded:
        return doc
    out = {}
    for key, value in doc.items():
        low = key.lower()
        if low in excluded and low not in s.ALWAYS_RETURNED:
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if f"{low}.{k.lower()}" not in excluded}
        out[key] = value
    return out


def _projection(request: Request) -> tuple[list[str], list[str]]:
    q = request.query_params
    return _names(q.get("attributes")), _names(q.get("excludedAttributes"))


# -- discovery ---------------------------------------------------------------------------------


@router.get("/ServiceProviderConfig")
def service_provider_config(principal: ScimPrincipal, base: Base) -> Response:
    """What this service supports (RFC 7643 §5)."""
    return scim_json(s.service_provider_config(base, base.removesuffix(SCIM_PREFIX) + "/docs"))


@router.get("/ResourceTypes")
def resource_types(principal: ScimPrincipal, base: Base) -> Response:
    found = s.resource_types(base)
    return scim_json(s.list_response(found, len(found), 1))


@router.get("/ResourceTypes/{type_id}")
def resource_type(type_id: str, principal: ScimPrincipal, base: Base) -> Response:
    for item in s.resource_types(base):
        if item["id"] == type_id:
            return scim_json(item)
    raise ScimNotFound(f"No ResourceType '{type_id[:80]}': there are User and Group.")


@router.get("/Schemas")
def schema_list(principal: ScimPrincipal, base: Base) -> Response:
    found = s.schemas(base)
    return scim_json(s.list_response(found, len(found), 1))


@router.get("/Schemas/{schema_id}")
def schema(schema_id: str, principal: ScimPrincipal, base: Base) -> Response:
    for item in s.schemas(base):
        if item["id"] == schema_id:
            return scim_json(item)
    raise ScimNotFound(f"No Schema '{schema_id[:120]}'.")


@router.post("/.search")
def search_everything(principal: ScimPrincipal) -> Response:
    raise ScimNotImplemented("Search one resource type at a time: POST /Users/.search.")


# -- users -------------------------------------------------------------------------------------


def _user_doc(session: Any, principal: Principal, user: Any, base: str) -> dict[str, Any]:
    groups = service.groups_of(session, principal, [user.id])[user.id]
    return s.user_resource(user, groups, base)


def _list_users(session: Any, principal: Principal, base: str, params: Any) -> Response:
    raw_filter = params.get("filter")
    node = f.parse_filter(raw_filter) if raw_filter else None
    start, count = _paging(params)
    total, people = service.list_users(session, principal, node, start - 1, count)
    groups = service.groups_of(session, principal, [p.id for p in people])
    attributes, excluded = (
        _names(params.get("attributes")),
        _names(params.get("excludedAttributes")),
    )
    docs = [_project(s.user_resource(p, groups[p.id], base), attributes, excluded) for p in people]
    return scim_json(s.list_response(docs, total, start))


@router.get("/Users")
def list_users(
    request: Request, session: SessionDep, principal: ScimPrincipal, base: Base
) -> Response:
    """People, ``filter``-ed (``userName eq "…"``, ``emails.value``, ``externalId``, ``id``,
    ``active``, names; ``and``/``or``/``not``), paged by ``startIndex``/``count``."""
    return _list_users(session, principal, base, request.query_params)


@router.post("/Users/.search")
def search_users(session: SessionDep, principal: ScimPrincipal, base: Base, body: Body) -> Response:
    if not isinstance(body, dict):
        raise ScimError("The body is a SearchRequest.", code="invalidSyntax")
    return _list_users(session, principal, base, body)


@router.post("/Users", status_code=201)
def create_user(session: SessionDep, principal: ScimPrincipal, base: Base, body: Body) -> Response:
    """A new person (``userName``: their e-mail address); 409 ``uniqueness`` if taken."""
    user = service.create_user(session, principal, body)
    doc = _user_doc(session, principal, user, base)
    return scim_json(doc, 201, {"Location": doc["meta"]["location"]})


@router.get("/Users/{user_id}")
def get_user(
    user_id: str, request: Request, session: SessionDep, principal: ScimPrincipal, base: Base
) -> Response:
    user = service.get_user(session, principal, user_id)
    return scim_json(_project(_user_doc(session, principal, user, base), *_projection(request)))


@router.put("/Users/{user_id}")
def replace_user(
    user_id: str, session: SessionDep, principal: ScimPrincipal, base: Base, body: Body
) -> Response:
    user = service.get_user(session, principal, user_id)
    service.replace_user(session, principal, user, body)
    return scim_json(_user_doc(session, principal, user, base))


@router.patch("/Users/{user_id}")
def patch_user(
    user_id: str, session: SessionDep, principal: ScimPrincipal, base: Base, body: Body
) -> Response:
    """``add``/``replace``/``remove``; ``active: false`` deactivates (sessions end)."""
    user = service.get_user(session, principal, user_id)
    groups = service.groups_of(session, principal, [user.id])[user.id]
    current = s.user_resource(user, groups, base, for_patch=True)
    service.patch_user(session, principal, user, body, current)
    return scim_json(_user_doc(session, principal, user, base))


@router.delete("/Users/{user_id}", status_code=204)
def delete_user(user_id: str, session: SessionDep, principal: ScimPrincipal) -> Response:
    """Deletes the person (as ``DELETE /api/users/{id}``): a later GET is 404."""
    user = service.get_user(session, principal, user_id)
    service.delete_user(session, principal, user)
    return Response(status_code=204)


# -- groups -------------------------------------------------------------------------------------


def _list_groups(session: Any, principal: Principal, base: str, params: Any) -> Response:
    raw_filter = params.get("filter")
    node = f.parse_filter(raw_filter) if raw_filter else None
    start, count = _paging(params)
    docs = [s.group_resource(g, base) for g in service.list_groups(session, principal)]
    if node is not None:
        docs = [
            d
            for d in docs
            if f.matches(node, _lowered(d), case_exact=frozenset({"externalid", "id"}))
        ]
    attributes, excluded = (
        _names(params.get("attributes")),
        _names(params.get("excludedAttributes")),
    )
    page = [_project(d, attributes, excluded) for d in docs[start - 1 : start - 1 + count]]
    return scim_json(s.list_response(page, len(docs), start))


def _lowered(doc: dict[str, Any]) -> dict[str, Any]:
    def low(v: Any) -> Any:
        if isinstance(v, dict):
            return {k.lower(): low(x) for k, x in v.items()}
        if isinstance(v, list):
            return [low(x) for x in v]
        return v

    out: dict[str, Any] = low(doc)
    return out


@router.get("/Groups")
def list_groups(
    request: Request, session: SessionDep, principal: ScimPrincipal, base: Base
) -> Response:
    """Groups, ``filter``-ed (``displayName eq "…"``, ``externalId``, ``members.value``…)."""
    return _list_groups(session, principal, base, request.query_params)


@router.post("/Groups/.search")
def search_groups(
    session: SessionDep, principal: ScimPrincipal, base: Base, body: Body
) -> Response:
    if not isinstance(body, dict):
        raise ScimError("The body is a SearchRequest.", code="invalidSyntax")
    return _list_groups(session, principal, base, body)


@router.post("/Groups", status_code=201)
def create_group(session: SessionDep, principal: ScimPrincipal, base: Base, body: Body) -> Response:
    """A group; its members get the role its name maps to (see the README)."""
    group = service.create_group(session, principal, body)
    doc = s.group_resource(group, base)
    return scim_json(doc, 201, {"Location": doc["meta"]["location"]})


@router.get("/Groups/{group_id}")
def get_group(
    group_id: str, request: Request, session: SessionDep, principal: ScimPrincipal, base: Base
) -> Response:
    group = service.get_group(session, principal, group_id)
    return scim_json(_project(s.group_resource(group, base), *_projection(request)))


@router.put("/Groups/{group_id}")
def replace_group(
    group_id: str, session: SessionDep, principal: ScimPrincipal, base: Base, body: Body
) -> Response:
    group = service.get_group(session, principal, group_id)
    service.replace_group(session, principal, group, body)
    return scim_json(s.group_resource(group, base))


@router.patch("/Groups/{group_id}")
def patch_group(
    group_id: str, session: SessionDep, principal: ScimPrincipal, base: Base, body: Body
) -> Response:
    """``members`` add/remove (``members[value eq "<id>"]``), ``displayName`` replace."""
    group = service.get_group(session, principal, group_id)
    service.patch_group(session, principal, group, body, s.group_resource(group, base))
    return scim_json(s.group_resource(group, base))


@router.delete("/Groups/{group_id}", status_code=204)
def delete_group(group_id: str, session: SessionDep, principal: ScimPrincipal) -> Response:
    group = service.get_group(session, principal, group_id)
    service.delete_group(session, principal, group)
    return Response(status_code=204)
