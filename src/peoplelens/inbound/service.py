"""Applying an inbound ATS event (spec §14): parse, replay or apply, record. Never commits.

The change goes through the API's own services — ``candidates.service.create_candidate`` /
``update_candidate`` (on the session's transaction adapter) and ``jobs.service.create_job`` /
``update_job`` — so its rules, events and audit entries are those of an API call; the audit
entries name the key and, in ``via``, the provider and its event id.

An event with an id is recorded once per (tenant, provider, event id): a redelivery answers
the first outcome and changes nothing. A refused event (422, 409) is recorded as ``rejected``
with the error's code, its partial work rolled back (a savepoint); it is not replayed, so the
provider's retry runs again once the cause is fixed. Without an event id (``generic`` may omit
it) there is no dedupe: the upsert itself is idempotent (a resend changes nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from peoplelens.auth.principal import Principal
from peoplelens.candidates import rules
from peoplelens.candidates import service as candidates
from peoplelens.candidates.schemas import CandidateCreate, CandidatePatch
from peoplelens.inbound.change import InboundChange, InboundJob
from peoplelens.inbound.providers import parser_of
from peoplelens.inbound.repository import InboundEvents, candidate_by_external_id
from peoplelens.jobs import service as jobs
from peoplelens.jobs.repository import JobRepository
from peoplelens.jobs.schemas import JobCreate, JobOut, JobUpdate
from peoplelens.kit import ids
from peoplelens.kit.db.transaction import tx_of
from peoplelens.kit.errors import ApiError
from peoplelens.kit.http_errors import invalid_request_from
from peoplelens.tenants.repository import TenantProfileRepository

log = logging.getLogger("peoplelens.inbound")

REJECTED = "rejected"


@dataclass(frozen=True)
class Received:
    """The answer (200) — or the refusal, answered with its status — of one inbound call."""

    answer: dict[str, Any]
    refused: ApiError | None = None


def _validated(model: type[BaseModel], values: dict[str, Any], where: tuple[str, ...]) -> Any:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise invalid_request_from(exc, *where) from None


@contextmanager
def _located(where: tuple[str, ...]) -> Iterator[None]:
    """A rule's error names the field as the API does (``email``); here it is named where the
    payload holds it (``payload.candidate.email``)."""
    prefix = ".".join(where) + "."
    try:
        yield
    except ApiError as exc:
        if exc.param and not exc.param.startswith(prefix):
            exc.param = prefix + exc.param
        raise


def _merged(stored: dict[str, Any], sent: dict[str, Any]) -> dict[str, Any]:
    """Metadata an ATS sends joins what is stored (one level deep): a recruiter's keys stay."""
    out = dict(stored)
    for key, value in sent.items():
        old = out.get(key)
        out[key] = {**old, **value} if isinstance(old, dict) and isinstance(value, dict) else value
    return out


def _upsert_job(
    session: Session, principal: Principal, job: InboundJob, where: tuple[str, ...]
) -> JobOut:
    """The job by its external id, created or updated with the fields sent (runs in a worker
    thread: session work)."""
    found = JobRepository(session, principal).by_external_ids({job.external_id})
    existing = found.get(job.external_id)
    with _located(where):
        if existing is None:
            data = _validated(JobCreate, {**job.fields, "external_id": job.external_id}, where)
            return jobs.create_job(session, principal, data)
        update = _validated(JobUpdate, job.fields, where)
        if all(getattr(existing, name) == getattr(update, name) for name in job.fields):
            return JobOut.model_validate(existing)  # each event names the job: no write
        return jobs.update_job(session, principal, existing.id, update)


def _stage_of(session: Session, principal: Principal, name: str) -> str | None:
    """The account's stage of that name (case-insensitive), if it has one."""
    stages = TenantProfileRepository(session, principal).current().pipeline_stages
    return next((s for s in stages if s.lower() == name.strip().lower()), None)


async def _apply(session: Session, principal: Principal, change: InboundChange) -> dict[str, Any]:
    assert change.external_id is not None
    where = change.where
    job_id: str | None = None
    if change.job is not None:
        job_out = await run_in_threadpool(
            _upsert_job, session, principal, change.job, change.job_where
        )
        job_id = ids.render("job", job_out.id)
    existing = await run_in_threadpool(
        candidate_by_external_id, session, principal, change.external_id
    )
    fields = dict(change.fields)
    if change.stage_name:
        stage = await run_in_threadpool(_stage_of, session, principal, change.stage_name)
        if stage is not None:
            fields["stage"] = stage
    if job_id is not None:
        fields["job_id"] = job_id
    tx = tx_of(session)
    if existing is None:
        if change.action == "archive":
            return {
                "outcome": "ignored",
                "candidate_id": None,
                "job_id": job_id,
                "reason": "No candidate has this external_id: nothing to archive.",
            }
        data = _validated(CandidateCreate, {**fields, "external_id": change.external_id}, where)
        with _located(where):
            created = await candidates.create_candidate(tx, principal, data)
        return {"outcome": "created", "candidate_id": created["id"], "job_id": job_id}
    if change.action == "archive":
        fields = {"status": "archived"}
    elif "metadata" in fields:
        fields["metadata"] = _merged(existing.metadata_ or {}, fields["metadata"])
    before = candidates.shown(candidates.present(rules.fields_of(existing), None))
    patch = _validated(CandidatePatch, fields, where)
    with _located(where):
        after = await candidates.update_candidate(tx, principal, existing.id, patch)
    outcome = "updated" if rules.changed_fields(before, after) else "unchanged"
    return {"outcome": outcome, "candidate_id": after["id"], "job_id": job_id}


def _via(provider: str, event_id: str | None) -> str:
    return f"inbound:{provider}" + (f":{event_id}" if event_id else "")


async def receive(session: Session, principal: Principal, provider: str, body: Any) -> Received:
    """Parses ``body`` as ``provider``'s event and applies it (see the module docstring)."""
    change = parser_of(provider)(body)
    base = {"received": True, "provider": provider, "event_id": change.event_id}
    events = InboundEvents(session, principal)
    existing = None
    if change.event_id is not None:
        existing = await run_in_threadpool(events.find, provider, change.event_id)
        if existing is not None and existing.outcome != REJECTED:
            return Received({**base, **existing.answer, "replayed": True})
    answer: dict[str, Any]
    if change.action == "ignore":
        answer = {
            "outcome": "ignored",
            "candidate_id": None,
            "job_id": None,
            "reason": change.reason,
        }
    else:
        actor = replace(principal, via=_via(provider, change.event_id))
        savepoint = await run_in_threadpool(session.begin_nested)
        try:
            answer = await _apply(session, actor, change)
        except ApiError as exc:
            await run_in_threadpool(savepoint.rollback)
            log.warning(
                "inbound.rejected",
                extra={
                    "provider": provider,
                    "event_id": change.event_id,
                    "code": exc.code,
                    "status": exc.status,
                    "key_id": principal.actor.get("key_id"),
                },
            )
            if change.event_id is not None:
                refusal = {"outcome": REJECTED, "error": {"code": exc.code, "param": exc.param}}
                await run_in_threadpool(
                    events.record,
                    provider,
                    change.event_id,
                    change.event_type,
                    REJECTED,
                    refusal,
                    existing,
                )
            return Received({**base, "outcome": REJECTED}, refused=exc)
        await run_in_threadpool(savepoint.commit)
    if change.event_id is not None:
        await run_in_threadpool(
            events.record,
            provider,
            change.event_id,
            change.event_type,
            answer["outcome"],
            answer,
            existing,
        )
    log.info(
        "inbound.received",
        extra={"provider": provider, "event_id": change.event_id, "outcome": answer["outcome"]},
    )
    return Received({**base, **answer, "replayed": False})
