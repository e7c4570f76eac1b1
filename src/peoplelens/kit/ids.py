"""Public ids: ``can-<uuid>`` at the edge, a plain UUID in the database.

The published examples write ids three ways (``can-…``, ``can_…`` and the bare UUID), so every
parser accepts all three. An id of another kind is treated as an id that does not exist.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from typing import Annotated, Any, Final

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from peoplelens.kit.errors import NotFound, UnknownPathId

PREFIXES: Final = {
    "can": "candidate",
    "job": "job",
    "tpl": "template",
    "plan": "interview plan",
    "step": "interview step",
    "usr": "user",
    "ava": "avatar",
    "doc": "document",
    "bkl": "booking link",
    "whe": "webhook endpoint",
    "whd": "webhook delivery",
    "evt": "event",
    "key": "API key",
    "aud": "audit entry",
    "hsc": "human scorecard",
    "msg": "interview message",
    "eml": "e-mail",
    "imp": "candidate import",
}


_uuid7_lock = threading.Lock()
_uuid7_last_ms = 0
_uuid7_counter = 0


_HEX = "[0-9A-Fa-f]"
_UUID_TEXT = rf"(?:{_HEX}{{32}}|{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}})"


def new_uuid() -> uuid.UUID:
    """A UUIDv7 (RFC 9562): time-ordered, with a counter that keeps ids made in the same
    millisecond by this process in creation order.

    Lists sort by ``(created_at, id)``; with v7 ids two rows created in the same millisecond
    still list in the order they were made, and new rows land at the end of the index.
    """
    global _uuid7_last_ms, _uuid7_counter
    with _uuid7_lock:
        ms = time.time_ns() // 1_000_000
        if ms > _uuid7_last_ms:
            _uuid7_last_ms = ms
            _uuid7_counter = secrets.randbits(10)
        else:
            _uuid7_counter += 1
            if _uuid7_counter > 0xFFF:
                _uuid7_last_ms += 1
                _uuid7_counter = 0
        ms, counter = _uuid7_last_ms, _uuid7_counter
    value = (ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | secrets.randbits(62)
    return uuid.UUID(int=value)


def render(prefix: str, value: uuid.UUID) -> str:
    return f"{prefix}-{value}"


def render_opt(prefix: str, value: uuid.UUID | None) -> str | None:
    return None if value is None else f"{prefix}-{value}"


def try_parse(prefix: str, raw: str) -> uuid.UUID | None:
    """The UUID behind ``raw`` if it is an id of kind ``prefix`` in any accepted form."""
    text = raw.strip()
    head, sep, tail = text.partition("-")
    if sep and head == prefix:
        text = tail
    else:
        head, sep, tail = text.partition("_")
        if sep and head == prefix:
            text = tail
    if len(text) not in (32, 36):
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def not_found(
    prefix: str, raw: str | uuid.UUID, *, param: str | None = "id", cls: type[NotFound] = NotFound
) -> NotFound:
    """The 404 for an id of kind ``prefix`` that names nothing in the caller's tenant."""
    kind = PREFIXES.get(prefix, "object")
    text = render(prefix, raw) if isinstance(raw, uuid.UUID) else raw
    shown = text if len(text) <= 80 else text[:77] + "..."
    return cls(f"No {kind} with id '{shown}'.", param=param)


def parse_path(prefix: str, raw: str, param: str = "id") -> uuid.UUID:
    """An id from the URL path: anything unparseable is simply not found."""
    value = try_parse(prefix, raw)
    if value is None:
        raise not_found(prefix, raw, param=param, cls=UnknownPathId)
    return value


class PrefixedId:
    """The annotation that makes a UUID a public id of one kind, in and out:
    ``CandidateID = Annotated[uuid.UUID, PrefixedId("can")]``.

    In (a body, a query, a path, or an attribute of a row): ``can-<uuid>``, ``can_<uuid>``, the
    bare UUID or a ``UUID`` → the UUID. Out: ``can-<uuid>``. A well-formed id of another kind
    fails with the error type ``wrong_id_kind`` and anything else with ``invalid_id``; the
    error handler answers both with 404 in a path (an id that names nothing), and in a body or
    query 404 and 422 respectively (``kit/http_errors.py``). Hot routes parse path ids with
    :meth:`parse_path` directly (``boundary/hot.py``).
    """

    __slots__ = ("kind", "prefix")

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.kind = PREFIXES[prefix]

    def parse(self, value: object) -> uuid.UUID:
        if type(value) is uuid.UUID:
            return value
        if isinstance(value, str):
            found = try_parse(self.prefix, value)
            if found is not None:
                return found
            if any(try_parse(other, value) is not None for other in PREFIXES):
                raise PydanticCustomError(
                    "wrong_id_kind",
                    "must be a {kind} id such as {prefix}-<uuid>, not an id of another kind",
                    {"kind": self.kind, "prefix": self.prefix},
                )
        raise PydanticCustomError(
            "invalid_id",
            "must be a {kind} id such as {prefix}-<uuid>",
            {"kind": self.kind, "prefix": self.prefix},
        )

    def parse_path(self, raw: str, param: str = "id") -> uuid.UUID:
        """An id from the URL path: anything unparseable is simply not found."""
        return parse_path(self.prefix, raw, param)

    def render(self, value: uuid.UUID) -> str:
        return f"{self.prefix}-{value}"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            self.parse,
            # JSON (responses, events) shows the public id; a Python dump keeps the UUID, so a
            # service reading a request body with model_dump() gets what it stores.
            serialization=core_schema.plain_serializer_function_ser_schema(
                self.render, return_schema=core_schema.str_schema(), when_used="json"
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        example = f"{self.prefix}-123e4567-e89b-12d3-a456-426614174000"
        if handler.mode == "serialization":
            # Rendered lower-case (spec §1: lower-case hyphenated UUIDs).
            pattern = rf"^{self.prefix}-[0-9a-f]{{8}}(?:-[0-9a-f]{{4}}){{3}}-[0-9a-f]{{12}}$"
            return {"type": "string", "pattern": pattern, "examples": [example]}
        # This kind's forms only. (Another kind's well-formed id is answered 404, as an id that
        # names nothing: outside the schema, but not a malformed request.)
        pattern = rf"^(?:{self.prefix}[-_])?{_UUID_TEXT}$"
        return {"type": "string", "maxLength": 100, "pattern": pattern, "examples": [example]}


CandidateID = Annotated[uuid.UUID, PrefixedId("can")]
JobID = Annotated[uuid.UUID, PrefixedId("job")]
TemplateID = Annotated[uuid.UUID, PrefixedId("tpl")]
PlanID = Annotated[uuid.UUID, PrefixedId("plan")]
StepID = Annotated[uuid.UUID, PrefixedId("step")]
UserID = Annotated[uuid.UUID, PrefixedId("usr")]
BookingLinkID = Annotated[uuid.UUID, PrefixedId("bkl")]
DocumentID = Annotated[uuid.UUID, PrefixedId("doc")]
WebhookEndpointID = Annotated[uuid.UUID, PrefixedId("whe")]
WebhookDeliveryID = Annotated[uuid.UUID, PrefixedId("whd")]
EventID = Annotated[uuid.UUID, PrefixedId("evt")]
ApiKeyID = Annotated[uuid.UUID, PrefixedId("key")]
AuditEntryID = Annotated[uuid.UUID, PrefixedId("aud")]
HumanScorecardID = Annotated[uuid.UUID, PrefixedId("hsc")]
MessageID = Annotated[uuid.UUID, PrefixedId("msg")]
EmailID = Annotated[uuid.UUID, PrefixedId("eml")]
ImportID = Annotated[uuid.UUID, PrefixedId("imp")]


def prefixed_id_of(annotation: object) -> PrefixedId | None:
    """The :class:`PrefixedId` of an ``Annotated[uuid.UUID, PrefixedId(...)]``, if it is one."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, PrefixedId):
            return meta
    return None
