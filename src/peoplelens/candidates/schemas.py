"""The candidate's request and response schemas, built from its one field list
(:data:`~peoplelens.candidates.rules.FIELDS`): a field added there appears in every schema.

The classes below declare what is particular to each schema (its docstring and config); the
fields are added when the module loads (:func:`_with_fields`). Code reads request bodies
through ``model_dump`` into the rules, not attribute by attribute, so nothing else needs to
know the fields.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal, Protocol, TypeVar

from pydantic import AliasChoices, BaseModel, Field, create_model

from peoplelens.candidates.rules import FIELDS, CandidateStatus
from peoplelens.interviews.plans.state import InterviewStatus, PlanState
from peoplelens.kit.ids import CandidateID, JobID, PlanID
from peoplelens.kit.schemas import Presenter, RequestModel, Timestamp, UtcDatetime, omittable

M = TypeVar("M", bound=BaseModel)


class JobSearch(Presenter):
    id: JobID
    title: str
    status: str


def _field_definitions(kind: Literal["out", "create", "patch"]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if kind == "out":
        out["id"] = (CandidateID, ...)
    for f in FIELDS:
        if kind == "out":
            alias = AliasChoices(f.attribute, f.name) if f.attribute != f.name else None
            out[f.name] = (f.out_type, Field(validation_alias=alias, description=f.description))
            if f.name == "job_id":
                out["job_searches"] = (
                    JobSearch | None,
                    Field(
                        validation_alias=AliasChoices("job", "job_searches"),
                        description="The linked job, embedded.",
                    ),
                )
        elif kind == "create":
            if f.required:
                out[f.name] = (f.api_type, Field(description=f.description))
            elif f.default_factory is not None:
                out[f.name] = (
                    f.api_type,
                    Field(default_factory=f.default_factory, description=f.description),
                )
            elif f.default is not None:
                out[f.name] = (f.api_type, Field(default=f.default, description=f.description))
            else:
                out[f.name] = (f.api_type | None, Field(default=None, description=f.description))
        elif f.nullable:
            out[f.name] = (f.api_type | None, Field(default=None, description=f.description))
        else:
            out[f.name] = (f.api_type | None, omittable(f.description))
    if kind == "out":
        out["created_at"] = (Timestamp, ...)
        out["updated_at"] = (Timestamp, ...)
    return out


def _with_fields(kind: Literal["out", "create", "patch"]) -> Callable[[type[M]], type[M]]:
    def build(cls: type[M]) -> type[M]:
        return create_model(
            cls.__name__,
            __base__=cls,
            __doc__=cls.__doc__,
            __module__=cls.__module__,
            **_field_definitions(kind),
        )

    return build


@_with_fields("out")
class CandidateOut(Presenter):
    """A candidate, with the job it is linked to embedded (``job_searches``)."""


@_with_fields("create")
class CandidateCreate(RequestModel):
    """A new candidate: `first_name`, `last_name` and `email` are required."""


@_with_fields("patch")
class CandidatePatch(RequestModel):
    """Only the fields sent are changed; ``null`` clears an optional field."""


class BulkCandidates(RequestModel):
    candidates: list[CandidateCreate] = Field(min_length=1, max_length=1000)


class BulkCreated(BaseModel):
    created: int
    data: list[CandidateOut]


class LatestInterview(BaseModel):
    plan_id: PlanID
    plan_status: str
    total_steps: int
    completed_steps: int
    created_at: Timestamp
    updated_at: Timestamp


class Named(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...


class PlanFields(PlanState, Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def total_steps(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


class CandidateStatusOut(BaseModel):
    candidate_id: CandidateID
    candidate_name: str
    status: InterviewStatus
    latest_interview: LatestInterview | None

    @classmethod
    def build(
        cls,
        c: Named,
        plan: PlanFields | None,
        plan_status: str | None,
        status: InterviewStatus,
    ) -> CandidateStatusOut:
        """The polled status; the plan's status is derived on read (a lapsed invitation reads
        as expired), the candidate's from its latest plan."""
        latest = None
        if plan is not None and plan_status is not None:
            latest = LatestInterview(
                plan_id=plan.id,
                plan_status=plan_status,
                total_steps=plan.total_steps,
                completed_steps=plan.completed_steps,
                created_at=plan.created_at,
                updated_at=plan.updated_at,
            )
        return cls(
            candidate_id=c.id,
            candidate_name=f"{c.first_name} {c.last_name}".strip(),
            status=status,
            latest_interview=latest,
        )


class CandidateFilters(BaseModel):
    status: CandidateStatus | None = None
    job_id: uuid.UUID | None = None
    stage: str | None = None
    email: str | None = None
    external_id: str | None = None
    q: str | None = None
    created_after: UtcDatetime | None = None
    updated_after: UtcDatetime | None = None
