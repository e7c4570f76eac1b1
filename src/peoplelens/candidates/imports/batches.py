"""One batch of an import's rows, in the caller's transaction: each row checked by the rules
of a single create, then the bulk path's few statements however many rows pass.

Each row is validated by the create schema (``CandidateCreate``: the same e-mail, name and id
checks, worded as a 422 of ``POST /candidates`` is) and then ``rules.check_values`` and
``rules.check_room`` with what the database says — so an imported row and a created one can
never disagree. What happens to each row is one report line (``candidate_import_rows``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates import rules
from peoplelens.candidates.imports import parsing
from peoplelens.candidates.imports.repository import ImportRowRepository, ImportRowWrites
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.candidates.schemas import CandidateCreate
from peoplelens.candidates.service import present
from peoplelens.events.repository import EventOutbox
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit.db.transaction import tx_of
from peoplelens.kit.errors import ApiError, Conflict, NotFound, QuotaExceeded
from peoplelens.kit.http_errors import describe_error
from peoplelens.kit.time import utcnow
from peoplelens.tenants.repository import TenantProfileRepository, TenantProfileWrites

CREATED, SKIPPED, REJECTED = "created", "skipped", "rejected"


@dataclass
class Tally:
    created: int = 0
    skipped: int = 0
    rejected: int = 0
    # The rejected lines (kept by an all-or-nothing run, whose transaction rolls back).
    rejected_lines: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.created += other.created
        self.skipped += other.skipped
        self.rejected += other.rejected
        self.rejected_lines.extend(other.rejected_lines)


def _line(row: int, outcome: str, **values: Any) -> dict[str, Any]:
    line = {
        "row": row,
        "outcome": outcome,
        "candidate_id": None,
        "code": None,
        "param": None,
        "message": None,
        "email": None,
    }
    line.update(values)
    if isinstance(line["email"], str):
        line["email"] = line["email"][:320]
    if isinstance(line["message"], str):
        line["message"] = line["message"][:500]
    return line


def _validated(
    batch: list[tuple[int, dict[str, Any]]], job_id: uuid.UUID | None, lines: list[dict[str, Any]]
) -> list[tuple[int, dict[str, Any]]]:
    """The rows the create schema accepts (as its ``model_dump``); a line for each other."""
    items = []
    for row, values in batch:
        if job_id is not None and "job_id" not in values:
            values["job_id"] = job_id
        spanning = parsing.spanning_field(values)
        if spanning is not None:
            email = values.get("email")
            lines.append(
                _line(
                    row,
                    REJECTED,
                    code="unclosed_quote",
                    param=spanning,
                    message=f"Row {row}'s {spanning} runs over several lines: a quote opened "
                    "in it is never closed, so the lines after it were read into this cell. "
                    "Close the quote and import the rows after it again.",
                    email=email if isinstance(email, str) and "\n" not in email else None,
                )
            )
            continue
        try:
            items.append((row, CandidateCreate.model_validate(values).model_dump()))
        except ValidationError as exc:
            param, message = describe_error(dict(exc.errors()[0]))
            email = values.get("email")
            lines.append(
                _line(
                    row,
                    REJECTED,
                    code="invalid_value",
                    param=param,
                    message=message,
                    email=email if isinstance(email, str) else None,
                )
            )
    return items


def apply_batch(
    session: Session,
    principal: Principal,
    import_id: uuid.UUID,
    public_id: str,
    job_id: uuid.UUID | None,
    batch: list[tuple[int, dict[str, Any]]],
) -> Tally:
    """Creates the batch's good rows and writes every row's report line (not committed)."""
    lines: list[dict[str, Any]] = []
    items = _validated(batch, job_id, lines)
    repo = CandidateRepository(session, principal)
    emails = repo.ids_by_email([rules.normalized_email(i["email"]) for _, i in items])
    external = repo.ids_by_external_id([i["external_id"] for _, i in items if i["external_id"]])
    jobs = JobRepository(session, principal).by_ids({i["job_id"] for _, i in items if i["job_id"]})
    reports = ImportRowRepository(session, principal)
    earlier = reports.rows_creating(import_id, set(emails.values()) | set(external.values()))
    tenant = TenantProfileRepository(session, principal).current()
    counter = TenantProfileWrites(session, principal)
    quota = tenant.candidate_quota
    # With a cap the counter row is locked to the end of the transaction (see bulk.py).
    current = counter.locked_candidate_count_now() if quota is not None else 0

    # (field, value) → the row of this batch that created a candidate with it, and its id
    seen: dict[tuple[str, str], tuple[int, uuid.UUID]] = {}
    now = utcnow()
    new_rows: list[dict[str, Any]] = []
    for row, item in items:
        email_key = rules.normalized_email(item["email"])
        ext = item["external_id"]
        repeated = seen.get(("email", email_key)) or (
            seen.get(("external_id", ext)) if ext else None
        )
        facts = rules.Facts(
            email_owner=emails.get(email_key),
            external_id_owner=external.get(ext) if ext else None,
            job_found=item["job_id"] is None or item["job_id"] in jobs,
            pipeline_stages=tenant.pipeline_stages,
        )
        try:
            if repeated:
                name = "email" if ("email", email_key) in seen else "external_id"
                raise _repeat(name, *repeated)
            rules.check_values(item, facts)
            rules.check_room(quota, current + len(new_rows), 1)
        except ApiError as exc:
            lines.append(_refusal(row, item, exc, facts, earlier, quota))
            continue
        created = rules.new_row(item, now)
        new_rows.append(created)
        seen[("email", email_key)] = (row, created["id"])
        if ext:
            seen[("external_id", ext)] = (row, created["id"])
        lines.append(_line(row, CREATED, candidate_id=created["id"]))

    if new_rows:
        shown = [present(r, jobs.get(r["job_id"])).model_dump(mode="json") for r in new_rows]
        repo.insert_rows(new_rows)
        EventOutbox(session, principal).emit_many(
            "candidate.created", [(r["id"], data) for r, data in zip(new_rows, shown, strict=True)]
        )
        AuditLog(session, principal).record_many(
            "CANDIDATE_CREATED", "candidate", [data["id"] for data in shown], {"import": public_id}
        )
        counter.count_candidates(len(new_rows))  # queued last: the shortest lock
    ImportRowWrites(session, principal).add_many(import_id, lines)
    # Sent now, not at the commit: the next batch of an all-or-nothing run (same transaction)
    # looks up the rows this one created.
    tx_of(session).send_queued()
    tally = Tally()
    for line in lines:
        setattr(tally, line["outcome"], getattr(tally, line["outcome"]) + 1)
        if line["outcome"] == REJECTED:
            tally.rejected_lines.append(line)
    return tally


class _Repeat(Conflict):
    """A value an earlier row of the same file already holds."""


def _repeat(name: str, row: int, candidate: uuid.UUID | None) -> _Repeat:
    label = "e-mail" if name == "email" else name
    return _Repeat(
        f"The {label} repeats row {row} of this file.",
        code="duplicate_in_file",
        param=name,
        extra={"row": row, "candidate_id": candidate},
    )


def _refusal(
    row: int,
    item: dict[str, Any],
    exc: ApiError,
    facts: rules.Facts,
    earlier: dict[uuid.UUID, int],
    quota: int | None,
) -> dict[str, Any]:
    """The report line of a row the rules refused: a repeated e-mail is skipped (spec §14),
    anything else rejected; a duplicate of a candidate this import made from an earlier row
    is named as the repeat it is."""
    email = item["email"]
    if isinstance(exc, Conflict) and exc.code in ("duplicate_email", "duplicate_external_id"):
        owner = facts.email_owner if exc.code == "duplicate_email" else facts.external_id_owner
        name = "email" if exc.code == "duplicate_email" else "external_id"
        if owner is not None and owner in earlier:
            exc = _repeat(name, earlier[owner], owner)
        exc.extra["candidate_id"] = owner
    if isinstance(exc, QuotaExceeded):
        exc = QuotaExceeded(
            f"The account's plan allows {quota} candidates and this row would pass it: "
            "it was not imported.",
            code="quota_exceeded",
        )
    outcome = SKIPPED if exc.param == "email" and isinstance(exc, Conflict) else REJECTED
    code = "job_not_found" if isinstance(exc, NotFound) else exc.code
    return _line(
        row,
        outcome,
        candidate_id=exc.extra.get("candidate_id"),
        code=code,
        param=exc.param,
        message=exc.message,
        # Kept for the person reading the report; a skipped line goes with its candidate.
        email=email,
    )
