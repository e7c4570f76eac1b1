from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from peoplelens.kit.ids import CandidateID, JobID


class InboundReceived(BaseModel):
    received: bool = True
    provider: str
    event_id: str | None = Field(description="The provider's event id, when it sent one.")
    outcome: Literal["created", "updated", "unchanged", "ignored"]
    candidate_id: CandidateID | None
    job_id: JobID | None
    replayed: bool = Field(description="True when this event id was processed before.")
    reason: str | None = Field(default=None, description="Why an event was ignored.")
