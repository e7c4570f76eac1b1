"""The documents' background work: parsing an upload (``documents.parse``) and removing
stored files after their rows went (``documents.remove_files``)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.candidates.service import change_candidate
from peoplelens.db import Database
from peoplelens.documents import isolated
from peoplelens.documents.errors import UnreadableDocument, UnsupportedFormat
from peoplelens.documents.files import REMOVE_FILES, FileRemoval
from peoplelens.documents.profile import ResumeProfile
from peoplelens.documents.repository import DocumentRepository
from peoplelens.documents.rules import same_person
from peoplelens.documents.schemas import profile_json, profile_of
from peoplelens.events.repository import EventOutbox
from peoplelens.kit import ids
from peoplelens.kit.schemas import Phone, Url
from peoplelens.kit.storage.base import FileStorage
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import Document
from peoplelens.worker.queue import TaskRepository
from peoplelens.worker.registry import TaskContext, task

log = logging.getLogger("peoplelens.documents")

PARSE = "documents.parse"
_PHONE: TypeAdapter[str] = TypeAdapter(Phone)
_URL: TypeAdapter[str] = TypeAdapter(Url)


def queue_parse(session: Session, principal: Principal, document: Document) -> None:
    """In the upload's transaction: the parse runs after the commit (never before it)."""
    TaskRepository(session, principal).enqueue(
        PARSE, {"document_id": document.id.hex}, candidate_id=document.candidate_id
    )


def _storage(ctx: TaskContext) -> FileStorage:
    if ctx.storage is None:
        raise RuntimeError("this worker has no file storage configured")
    return ctx.storage


@task(PARSE)
class ParseDocument:
    """Payload ``{document_id}``. Reading and parsing happen in :meth:`prepare`, outside the
    write transaction; :meth:`run` stores the profile, fills the candidate's empty contact
    fields and fires ``document.parsed``."""

    def prepare(
        self, db: Database, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> dict[str, Any]:
        principal = Principal.system(tenant_id, via="worker")
        with db.read_session() as session:
            document = DocumentRepository(session, principal).get(
                uuid.UUID(hex=payload["document_id"])
            )
            if document is None:
                return {"gone": True}
            key, format_ = document.storage_key, document.format
        data = _storage(ctx).read(key)
        try:
            content = isolated.extract_text(data, format_)
        except (UnreadableDocument, UnsupportedFormat) as exc:
            return {"error": str(exc)}
        profile = ctx.provider.parse_resume(content)
        return {"profile": profile_json(profile), "parser": ctx.provider.name}

    def run(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> None:
        principal = Principal.system(tenant_id, via="worker")
        prepared = payload.get("prepared") or {}
        document = DocumentRepository(session, principal).get(uuid.UUID(hex=payload["document_id"]))
        if document is None or prepared.get("gone"):
            return  # deleted meanwhile (or with its candidate): nothing to keep
        if "error" in prepared:
            _failed(session, principal, document, str(prepared["error"]))
            return
        profile = profile_of(prepared["profile"])
        document.parsed = profile_json(profile)
        document.parser = str(prepared.get("parser") or "builtin")[:100]
        document.parsed_at = utcnow()
        document.parse_status = "parsed"
        document.parse_error = None
        _fill_empty_contacts(session, principal, document.candidate_id, profile)
        session.flush()
        _emit_parsed(session, principal, document)

    def on_give_up(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], error: str
    ) -> None:
        principal = Principal.system(tenant_id, via="worker")
        document = DocumentRepository(session, principal).get(uuid.UUID(hex=payload["document_id"]))
        if document is not None:
            _failed(
                session,
                principal,
                document,
                "The document could not be parsed after several attempts; upload it again "
                "later or contact the operator.",
            )


def _failed(session: Session, principal: Principal, document: Document, reason: str) -> None:
    document.parse_status = "failed"
    document.parse_error = reason[:1000]
    session.flush()
    _emit_parsed(session, principal, document)


def _emit_parsed(session: Session, principal: Principal, document: Document) -> None:
    profile = profile_of(document.parsed) if document.parsed else None
    EventOutbox(session, principal).emit(
        "document.parsed",
        {
            "document_id": ids.render("doc", document.id),
            "candidate_id": ids.render("can", document.candidate_id),
            "parse_status": document.parse_status,
            "parse_error": document.parse_error,
            "sections_found": list(profile.sections_found) if profile else [],
            "parsed_at": iso(document.parsed_at) if document.parsed_at else None,
        },
        candidate_id=document.candidate_id,
    )


def _fill_empty_contacts(
    session: Session, principal: Principal, candidate_id: uuid.UUID, profile: ResumeProfile
) -> None:
    """Parsed contact fields fill what is empty on the candidate, never overwrite (spec §2),
    and only from a resume that names them (``rules.same_person``): another person's resume
    filed under this candidate never writes into their record."""
    candidate = CandidateRepository(session, principal).get(candidate_id)
    if candidate is None:
        return
    if not same_person(profile, candidate.first_name, candidate.last_name, candidate.email):
        log.info("documents.contacts_not_filled", extra={"reason": "another_person"})
        return
    changes: dict[str, Any] = {}
    for field, adapter, value in (
        ("phone", _PHONE, profile.phone),
        ("linkedin_url", _URL, profile.linkedin_url),
    ):
        if value and not getattr(candidate, field):
            try:
                changes[field] = adapter.validate_python(value)
            except ValidationError:
                log.info("documents.contact_skipped", extra={"field": field})
    if changes:
        change_candidate(session, principal, candidate, changes)


@task(REMOVE_FILES)
class RemoveFiles:
    """Payload ``{keys, prefixes}`` (no candidate: it outlives their erasure). The storage
    may be down for a while: retried with backoff for about two days."""

    max_attempts = 50

    def prepare(
        self, db: Database, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> dict[str, Any]:
        FileRemoval(list(payload.get("keys", [])), list(payload.get("prefixes", []))).run(
            _storage(ctx)
        )
        return {}

    def run(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> None:
        """Nothing left to do in a transaction: the files went in :meth:`prepare`."""

    def on_give_up(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], error: str
    ) -> None:
        log.error(
            "documents.files_left",
            extra={
                "keys": payload.get("keys"),
                "prefixes": payload.get("prefixes"),
                "error": error,
            },
        )
