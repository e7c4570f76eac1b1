from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, EmailStr, Field, StringConstraints

from peoplelens.kit.ids import CandidateID, EmailID, PlanID, StepID, UserID
from peoplelens.kit.schemas import RequestModel, Timestamp
from peoplelens.models import Email


class LogEntry(BaseModel):
    at: Timestamp
    outcome: str = Field(description="`sent`, `retry` (another attempt is due) or `failed`.")
    detail: str | None = Field(description="The server's reply or what went wrong.")


class EmailOut(BaseModel):
    """A message of the outbox, never its body (it holds the recipient's personal link)."""

    id: EmailID
    kind: str
    to: str
    subject: str
    status: str = Field(description="`queued`, `sending`, `sent` or `failed`.")
    attempts: int
    last_error: str | None
    created_at: Timestamp
    sent_at: Timestamp | None
    next_attempt_at: Timestamp | None = Field(description="Set while the message is queued.")
    candidate_id: CandidateID | None
    plan_id: PlanID | None
    step_id: StepID | None
    user_id: UserID | None
    log: list[LogEntry]

    @classmethod
    def build(cls, row: Email) -> EmailOut:
        entries: list[dict[str, Any]] = list(row.log or [])
        return cls(
            id=row.id,
            kind=row.kind,
            to=row.to_address,
            subject=row.subject,
            status=row.status,
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
            sent_at=row.sent_at,
            next_attempt_at=row.next_attempt_at if row.status == "queued" else None,
            candidate_id=row.candidate_id,
            plan_id=row.plan_id,
            step_id=row.step_id,
            user_id=row.user_id,
            log=[
                LogEntry(
                    at=datetime.fromisoformat(e["at"].replace("Z", "+00:00")),
                    outcome=e["outcome"],
                    detail=e.get("detail"),
                )
                for e in entries
            ],
        )


# One line: a display name becomes part of the From header.
FromName = Annotated[str, StringConstraints(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]
# The same check as people's addresses (email-validator), and the format in the schema.
ReplyTo = Annotated[EmailStr, StringConstraints(max_length=320)]


class EmailSettingsIn(RequestModel):
    from_name: FromName | None = Field(
        default=None,
        description="The sender's display name; null (or empty) for the account's name.",
    )
    reply_to: ReplyTo | None = Field(
        default=None, description="Where replies go; null for none (they reach MAIL_FROM)."
    )


class EmailSettingsOut(BaseModel):
    from_name: str | None = Field(description="null: the account's name is shown.")
    reply_to: str | None
    from_address: str = Field(description="The server's sender address (PEOPLELENS_MAIL_FROM).")
    configured: bool = Field(description="Whether the server has SMTP: without it, messages wait.")
