from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import Base, JSONType, TenantOwned, UTCDateTime, UUIDPrimaryKey


class CandidateImport(UUIDPrimaryKey, TenantOwned, Base):
    """A CSV file of candidates being imported (spec §14), and its progress.

    ``next_row`` is the progress marker: the spreadsheet row number the next batch starts at.
    Each batch commits its candidates, their report rows and the new marker together, so a
    retry resumes exactly after the last committed batch (``candidates/imports/service.py``).
    """

    __tablename__ = "candidate_imports"
    __table_args__ = (Index("ix_candidate_imports_tenant_created", "tenant_id", "created_at"),)

    # queued → running → completed | failed
    status: Mapped[str] = mapped_column(String(16), default="queued")
    file_name: Mapped[str] = mapped_column(String(255))
    file_size: Mapped[int] = mapped_column(Integer)
    # The uploaded file in the document storage until the import ends (None: the CLI's own
    # file, or already removed).
    storage_key: Mapped[str | None] = mapped_column(String(300), default=None)
    # How the file was read (judged at upload): the encoding, the delimiter, the header's
    # columns by field ({"email": 2, ...}, "name": a full-name column) and what was ignored.
    encoding: Mapped[str] = mapped_column(String(16))
    delimiter: Mapped[str] = mapped_column(String(1))
    header_row: Mapped[int] = mapped_column(Integer)
    columns: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    ignored_columns: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # The job of every row that names none. A job may be deleted while no candidate points
    # at it: the import then forgets it (rows still to come are rejected: job_not_found).
    job_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("jobs.id", ondelete="SET NULL"), default=None
    )
    all_or_nothing: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who started it: the audit entries of the rows it creates name them.
    key_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), default=None)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), default=None)
    total: Mapped[int] = mapped_column(Integer, default=0)  # data rows (blank lines not counted)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    next_row: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CandidateImportRow(TenantOwned, Base):
    """One line of an import's per-row report: what happened to spreadsheet row ``row``.

    Created rows are kept too (with the new candidate): they map a file's rows to candidates,
    and tell a later batch that an e-mail it meets was created from an earlier row of the
    same file (``duplicate_in_file``) — the database remembers, not the process, so this holds
    across batches and restarts at flat memory. The candidate's erasure removes its lines
    (CASCADE); the e-mail is kept only for rows that created nobody.
    """

    __tablename__ = "candidate_import_rows"
    __table_args__ = (
        Index("ix_candidate_import_rows_candidate", "import_id", "candidate_id"),
        Index("ix_candidate_import_rows_candidate_id", "candidate_id"),
    )

    import_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("candidate_imports.id", ondelete="CASCADE"), primary_key=True
    )
    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    # created | skipped | rejected
    outcome: Mapped[str] = mapped_column(String(16))
    # The created candidate, or the existing one a duplicate was skipped for.
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("candidates.id", ondelete="CASCADE"), default=None
    )
    code: Mapped[str | None] = mapped_column(String(64), default=None)
    param: Mapped[str | None] = mapped_column(String(64), default=None)
    message: Mapped[str | None] = mapped_column(String(500), default=None)
    email: Mapped[str | None] = mapped_column(String(320), default=None)
