"""What an inbound ATS event asks for, whatever the provider: one normalised change.

Each provider (``providers/``) turns its payload into an :class:`InboundChange` with pure
functions; the service (``service.py``) applies it through the same candidate and job services
as the API, so their rules, events and audit entries are the API's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from peoplelens.kit.errors import InvalidRequest

# upsert: create or update by external id; archive: status "archived" (an ATS never erases
# here: DELETE /candidates/{id} is a person's decision); ignore: nothing to do (answered 200,
# so the provider stops retrying).
Action = Literal["upsert", "archive", "ignore"]
EventId = Annotated[str, StringConstraints(min_length=1, max_length=200)]


@dataclass(frozen=True)
class InboundJob:
    """The job opening an event names: upserted by ``external_id`` (jobs' API field names)."""

    external_id: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class InboundChange:
    event_type: str
    action: Action
    event_id: str | None = None  # the provider's id of the event: a redelivery is a replay
    external_id: str | None = None  # the candidate's, in the provider's namespace
    # Candidate API fields to set (``candidates/rules.py`` FIELDS names); ``metadata`` is merged
    # into the stored one rather than replacing it.
    fields: dict[str, Any] = field(default_factory=dict)
    job: InboundJob | None = None
    # A pipeline stage the provider names: set when the account has it, else kept in metadata.
    stage_name: str | None = None
    reason: str | None = None  # why an event is ignored, for the answer
    # Where the candidate and the job sit in the payload: an error's ``param`` names them.
    where: tuple[str, ...] = ("candidate",)
    job_where: tuple[str, ...] = ("candidate", "job")


class Lenient(BaseModel):
    """A provider's payload: its documented fields read, the many others it sends ignored."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


def malformed(message: str, param: str | None = None) -> InvalidRequest:
    return InvalidRequest(message, param=param, code="invalid_inbound_payload")
