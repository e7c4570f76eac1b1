"""The candidate's rules, once: its fields, a new row, the checks, a patch, what changed.

Pure (no I/O). Everything else is derived from :data:`FIELDS` or calls these functions: the
request and response schemas (``schemas.py``), the lane statements (``repository.py``), the
create, bulk and PATCH paths (``service.py``, ``bulk.py``), and the other domains that move a
candidate (``jobs.add_applicant``, ``interviews.decide``). Adding a field is the model, a
migration and one entry here.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import EmailStr, StringConstraints

from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest, QuotaExceeded
from peoplelens.kit.ids import JobID
from peoplelens.kit.schemas import ExternalId, Metadata, Name, Phone, Url

CandidateStatus = Literal["active", "hired", "rejected", "archived"]
CANDIDATE_STATUSES: tuple[str, ...] = get_args(CandidateStatus)
Stage = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Email = Annotated[EmailStr, StringConstraints(max_length=320)]

DEFAULT_STAGE = "applied"


@dataclass(frozen=True)
class CandidateField:
    """One field of the candidate as the API shows it (``name``) and stores it (``column``)."""

    name: str
    api_type: Any  # the type a request may send (with its constraints)
    out_type: Any  # the type a response shows
    column: str = ""  # the model attribute, if it differs from the name
    required: bool = False  # on create
    default: Any = None  # on create, when not sent (None: a fresh copy of ``default_factory``)
    default_factory: Any = None
    nullable: bool = True  # a PATCH may clear it with null
    description: str | None = None

    @property
    def attribute(self) -> str:
        return self.column or self.name


# The candidate's fields, in the order the API shows them (the id first, and ``job_searches``
# after ``job_id``, ``created_at`` and ``updated_at`` last, are added by the schema).
FIELDS: tuple[CandidateField, ...] = (
    CandidateField("first_name", Name, str, required=True, nullable=False),
    CandidateField("last_name", Name, str, required=True, nullable=False),
    CandidateField("email", Email, str, required=True, nullable=False),
    CandidateField("status", CandidateStatus, str, default="active", nullable=False),
    CandidateField("job_id", JobID, JobID | None),
    CandidateField("external_id", ExternalId, str | None),
    CandidateField(
        "metadata",
        Metadata,
        dict[str, Any],
        column="metadata_",
        default_factory=dict,
        nullable=False,
    ),
    CandidateField("phone", Phone, str | None),
    CandidateField("linkedin_url", Url, str | None),
    CandidateField(
        "stage",
        Stage,
        str,
        nullable=False,
        description=f"A pipeline stage of the account (default '{DEFAULT_STAGE}').",
    ),
)
BY_NAME: dict[str, CandidateField] = {f.name: f for f in FIELDS}
# What the row holds beyond the fields: the id, the uniqueness key of the e-mail, the times.
ROW_COLUMNS: tuple[str, ...] = (
    "id",
    *(f.attribute for f in FIELDS),
    "email_normalized",
    "created_at",
    "updated_at",
)


def new_row(values: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """The row of a new candidate from the values a create sent (API names; unsent fields take
    their defaults), for the single create and the bulk path alike."""
    row: dict[str, Any] = {"id": ids.new_uuid(), "created_at": now, "updated_at": now}
    for f in FIELDS:
        value = values.get(f.name)
        if value is None:
            value = f.default_factory() if f.default_factory is not None else f.default
        row[f.attribute] = value
    row["stage"] = row["stage"] or DEFAULT_STAGE
    row["email_normalized"] = normalized_email(row["email"])
    return row


def normalized_email(email: str) -> str:
    """The uniqueness key of an e-mail address (addresses are case-insensitive in practice)."""
    return email.lower()


# -- checks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What the database says about the values a create or a change asks for."""

    email_owner: uuid.UUID | None = None  # the candidate holding the e-mail
    external_id_owner: uuid.UUID | None = None
    job_found: bool = True  # the job asked for exists in the tenant (or none was asked)
    pipeline_stages: Sequence[str] = field(default_factory=tuple)


def duplicate(field_name: str, existing: uuid.UUID, param: str) -> Conflict:
    public = ids.render("can", existing)
    label = "e-mail" if field_name == "email" else field_name
    return Conflict(
        f"A candidate with this {label} already exists ({public}).",
        code=f"duplicate_{field_name}",
        param=param,
        extra={"existing_id": public},
    )


def check_stage(stage: str, stages: Sequence[str], param: str = "stage") -> None:
    if stage not in stages:
        raise InvalidRequest(
            f"'{param}' must be one of this account's pipeline stages: {', '.join(stages)}.",
            param=param,
            code="invalid_stage",
        )


# The fields whose new value only the database can check (owners, the job, the stages).
CHECKED_FIELDS = ("email", "external_id", "job_id", "stage")


def check_values(
    values: Mapping[str, Any], facts: Facts, *, prefix: str = "", itself: uuid.UUID | None = None
) -> None:
    """The rules a create (``itself`` None) or a change of candidate ``itself`` must pass, in
    one order with one wording everywhere; ``prefix`` names the item of a batch
    (``candidates[3].``). ``values`` holds only what is being set."""
    if facts.email_owner not in (None, itself):
        raise duplicate("email", facts.email_owner, prefix + "email")
    if values.get("external_id") is not None and facts.external_id_owner not in (None, itself):
        raise duplicate("external_id", facts.external_id_owner, prefix + "external_id")
    if values.get("job_id") is not None and not facts.job_found:
        raise ids.not_found("job", values["job_id"], param=prefix + "job_id")
    if values.get("stage") is not None:
        check_stage(values["stage"], facts.pipeline_stages, prefix + "stage")


def check_room(quota: int | None, current: int, adding: int) -> None:
    """The plan's cap on candidates, if the tenant has one."""
    if quota is not None and current + adding > quota:
        raise QuotaExceeded(
            f"This account's plan allows {quota} candidates; it has {current} "
            f"and this request adds {adding}. Nothing was created.",
        )


# -- changes ----------------------------------------------------------------------------------


def fields_of(candidate: Any) -> dict[str, Any]:
    """A candidate's stored values by attribute (from an ORM row or a lane record)."""
    return {name: getattr(candidate, name) for name in ROW_COLUMNS}


def apply_patch(stored: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The stored values with ``changes`` (API names, only what was sent) applied; ``null``
    clears an optional field and is refused for the others. What changed is
    :func:`changed_fields`; a change that changes nothing is not written (``updated_at`` stays)."""
    out = dict(stored)
    for name, value in changes.items():
        f = BY_NAME[name]
        if value is None and not f.nullable:
            raise InvalidRequest(f"'{name}' cannot be null.", param=name)
        out[f.attribute] = value
    out["email_normalized"] = normalized_email(out["email"])
    return out


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The fields whose shown value differs (``before``/``after``: the candidate as the API
    shows it). ``job_searches`` follows ``job_id`` and is not a field of its own."""
    return [f.name for f in FIELDS if before.get(f.name) != after.get(f.name)]


def candidate_events(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """The events of a change, however it was made (PATCH, a job's applicants, a decision):
    ``candidate.updated`` with ``previous_attributes`` of every changed field, and
    ``candidate.status_changed`` / ``candidate.stage_changed`` with the previous value."""
    changed = changed_fields(before, after)
    if not changed:
        return []
    events = [
        ("candidate.updated", {**after, "previous_attributes": {k: before[k] for k in changed}})
    ]
    for name in ("status", "stage"):
        if name in changed:
            events.append(
                (
                    f"candidate.{name}_changed",
                    {**after, "previous_attributes": {name: before[name]}},
                )
            )
    return events
