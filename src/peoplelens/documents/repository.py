"""All SQL of documents, tenant-scoped (the download's lookup by id is the one unscoped read:
the signed link names the document, and its signature was checked first)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from peoplelens.documents.profile import ResumeProfile
from peoplelens.documents.rules import looks_like_resume
from peoplelens.documents.schemas import profile_of
from peoplelens.kit.repository import TenantRepository, unscoped
from peoplelens.models import Document


class DocumentRepository(TenantRepository[Document]):
    model = Document
    kind = "doc"

    def of_candidate(self, candidate_id: uuid.UUID, limit: int = 1000) -> list[Document]:
        """Newest first."""
        stmt = (
            self.select()
            .where(Document.candidate_id == candidate_id)
            .order_by(Document.created_at.desc(), Document.id.desc())
            .limit(limit)
        )
        return list(self.session.scalars(stmt))

    def latest_parsed(self, candidate_id: uuid.UUID) -> Document | None:
        """The resume: the newest parsed document that looks like one (``rules``), else the
        newest parsed document."""
        stmt = (
            self.select()
            .where(Document.candidate_id == candidate_id, Document.parse_status == "parsed")
            .order_by(Document.created_at.desc(), Document.id.desc())
            .limit(50)
        )
        parsed = [d for d in self.session.scalars(stmt) if d.parsed is not None]
        chosen = next((d for d in parsed if looks_like_resume(profile_of(d.parsed or {}))), None)
        return chosen or (parsed[0] if parsed else None)

    def latest_profile(self, candidate_id: uuid.UUID) -> tuple[Document, ResumeProfile] | None:
        """The latest parsed resume of the candidate, as the parser read it."""
        document = self.latest_parsed(candidate_id)
        if document is None or document.parsed is None:
            return None
        return document, profile_of(document.parsed)

    def of_candidate_in(self, candidate_id: uuid.UUID, document_id: uuid.UUID) -> Document | None:
        stmt = self.select().where(
            Document.id == document_id, Document.candidate_id == candidate_id
        )
        return self.session.scalars(stmt).one_or_none()

    def storage_keys(self, candidate_id: uuid.UUID) -> list[str]:
        stmt = select(Document.storage_key).where(
            self.in_tenant(), Document.candidate_id == candidate_id
        )
        return list(self.session.scalars(stmt))


def document_for_download(session: Session, document_id: uuid.UUID) -> Document | None:
    """The document a verified signed link names, in whichever tenant it is."""
    stmt = unscoped(select(Document).where(Document.id == document_id))
    return session.scalars(stmt).one_or_none()
