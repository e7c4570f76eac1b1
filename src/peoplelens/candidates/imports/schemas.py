"""The import's response schemas."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from peoplelens.kit.ids import CandidateID, ImportID, JobID
from peoplelens.kit.schemas import Presenter, Timestamp

ImportStatus = Literal["queued", "running", "completed", "failed"]
RowOutcome = Literal["created", "skipped", "rejected"]


class ImportOut(Presenter):
    """A CSV import: how the file was read, and how far it got."""

    id: ImportID
    status: ImportStatus
    file_name: str
    file_size: int
    job_id: JobID | None
    all_or_nothing: bool
    encoding: str = Field(description="utf-8, utf-8-sig (with BOM), utf-16 or cp1252.")
    delimiter: str
    columns: dict[str, int] = Field(
        description="The field each column was read as (1-based column numbers); `name` is "
        "a full-name column split into first and last name."
    )
    ignored_columns: list[str]
    total: int = Field(description="Data rows in the file (blank lines not counted).")
    processed: int
    created: int
    skipped: int
    rejected: int
    error: str | None
    created_at: Timestamp
    started_at: Timestamp | None
    finished_at: Timestamp | None


class ImportRowOut(Presenter):
    """What happened to one row (numbered as a spreadsheet shows it: the header is row 1)."""

    row: int
    outcome: RowOutcome
    candidate_id: CandidateID | None = Field(
        description="The candidate created, or the existing one a duplicate was skipped for."
    )
    code: str | None
    param: str | None
    message: str | None
    email: str | None


class RowsPage(BaseModel):
    total: int
    limit: int
    offset: int
    next_cursor: str | None


class ImportRows(BaseModel):
    data: list[ImportRowOut]
    pagination: RowsPage


class ImportDetail(ImportOut):
    """The import with one page of its per-row report (`rows`)."""

    rows: ImportRows
