from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import (
    Base,
    CandidateOwned,
    JSONType,
    TenantOwned,
    UTCDateTime,
    UUIDPrimaryKey,
)


class Document(UUIDPrimaryKey, TenantOwned, CandidateOwned, Base):
    """A file attached to a candidate (spec §2) and, once the background parser has read it,
    what it says (``parsed``: a ``ResumeProfile`` as JSON). Erasing the candidate cascades here;
    the stored bytes are removed after the commit by the ``documents.remove_files`` task."""

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_tenant_candidate", "tenant_id", "candidate_id", "created_at"),
    )

    # The client's name, cleaned for display and the ``Content-Disposition`` of a download.
    file_name: Mapped[str] = mapped_column(String(255))
    # The doc's ``<tenant slug>/<candidate uuid>/<document uuid>-<sanitised name>``, as shown.
    file_path: Mapped[str] = mapped_column(String(400))
    # Judged by content (documents/formats.py), never the client's claim.
    format: Mapped[str] = mapped_column(String(8))
    file_type: Mapped[str] = mapped_column(String(100))
    file_size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Random, never derived from the client's name (documents/service.py new_key).
    storage_key: Mapped[str] = mapped_column(String(300))
    # queued → parsed | failed (the parser's sentence in parse_error)
    parse_status: Mapped[str] = mapped_column(String(16), default="queued")
    parse_error: Mapped[str | None] = mapped_column(Text, default=None)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSONType, default=None)
    parser: Mapped[str | None] = mapped_column(String(100), default=None)
    parsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
