"""The documents' rules (spec §2): uploads judged by content, stored under a random key,
parsed in the background; lists with signed links; deletion that takes the bytes too."""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.documents import files, formats, isolated, links, names
from peoplelens.documents.errors import UnreadableDocument, UnsupportedFormat
from peoplelens.documents.profile import ResumeProfile
from peoplelens.documents.repository import DocumentRepository, document_for_download
from peoplelens.documents.rules import same_person
from peoplelens.documents.schemas import (
    DocumentOut,
    DocumentUploaded,
    ParsedResumeOut,
    parsed_out,
    profile_of,
)
from peoplelens.documents.tasks import queue_parse
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews.plans.repository import PlanRepository
from peoplelens.kit import ids
from peoplelens.kit.errors import ApiError, NotFound
from peoplelens.kit.storage.base import (
    FileStorage,
    StorageUnavailable,
    StoredFile,
    StoredFileMissing,
)
from peoplelens.kit.time import utcnow
from peoplelens.models import Candidate, Document

log = logging.getLogger("peoplelens.documents")


class StorageDown(ApiError):
    status = 503
    type = "api_error"
    default_code = "storage_unavailable"


def _storage_down() -> StorageDown:
    return StorageDown(
        "The file storage cannot be reached; nothing was changed. Retry in a moment.",
        headers={"Retry-After": "5"},
    )


def _visible_candidate(
    session: Session, principal: Principal, candidate_id: uuid.UUID, param: str = "id"
) -> Candidate:
    """The candidate, or the 404 a missing, foreign or (for an interviewer) unassigned one
    gets."""
    candidate = CandidateRepository(session, principal).get_or_404(candidate_id, param=param)
    if not PlanRepository(session, principal).assigned_to_caller(candidate_id):
        raise ids.not_found("can", candidate_id, param=param)
    return candidate


def new_key(tenant_id: uuid.UUID, candidate_id: uuid.UUID) -> str:
    """Random, under the candidate's prefix (``files.candidate_prefix``), never a file name."""
    return f"{files.candidate_prefix(tenant_id, candidate_id)}/{secrets.token_hex(16)}"


def judge(data: bytes) -> formats.Inspection:
    """The upload's format by its content: 415 for what we do not read, 422 for what we
    cannot read, each with the reader's sentence (``documents/errors.py``) and ``param``
    naming the field."""
    try:
        return isolated.judge(data)
    except (UnsupportedFormat, UnreadableDocument) as exc:
        exc.param = "file"
        raise
    except Exception as exc:  # a reader's own failure on a hostile file: a 422, never a 500
        log.warning("documents.reader_failed", exc_info=True)
        raise UnreadableDocument(
            "The file could not be read: it looks damaged. Save or export it again and "
            "upload the new copy.",
            param="file",
        ) from exc


def upload(
    session: Session,
    principal: Principal,
    storage: FileStorage,
    candidate_id: uuid.UUID,
    client_name: str | None,
    data: bytes,
    judged: formats.Inspection | None = None,
) -> DocumentUploaded:
    """``judged``: the content already judged before the transaction (the upload route);
    judged here otherwise (the demo, scripts)."""
    candidate = CandidateRepository(session, principal).get_or_404(candidate_id)
    inspection = judged if judged is not None else judge(data)
    document_id = ids.new_uuid()
    file_name = names.display_name(client_name, inspection.format)
    slug = principal.tenant_slug or principal.tenant_id.hex
    key = new_key(principal.tenant_id, candidate.id)
    try:
        storage.put(key, data, inspection.mime_type)
    except StorageUnavailable as exc:
        raise _storage_down() from exc
    files.forget_on_rollback(session, storage, key)
    document = DocumentRepository(session, principal).add(
        Document(
            id=document_id,
            candidate_id=candidate.id,
            file_name=file_name,
            file_path=f"{slug}/{candidate.id}/{document_id}-{names.path_name(file_name)}",
            format=inspection.format,
            file_type=inspection.mime_type,
            file_size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            storage_key=key,
            parse_status="queued",
            created_at=utcnow(),
        )
    )
    session.flush()
    queue_parse(session, principal, document)
    out = DocumentUploaded.model_validate(document, from_attributes=True)
    EventOutbox(session, principal).emit(
        "candidate.document_uploaded", out.model_dump(mode="json"), candidate_id=candidate.id
    )
    AuditLog(session, principal).record(
        "DOCUMENT_UPLOADED",
        "document",
        ids.render("doc", document_id),
        {
            "candidate_id": ids.render("can", candidate.id),
            "file_type": inspection.mime_type,
            "file_size": len(data),
        },
    )
    return out


def list_documents(
    session: Session,
    principal: Principal,
    candidate_id: uuid.UUID,
    public_url: str,
    secret: bytes,
    link_seconds: int,
) -> list[DocumentOut]:
    _visible_candidate(session, principal, candidate_id)
    now = utcnow()
    expires_at = datetime.fromtimestamp(int(now.timestamp()) + link_seconds, tz=now.tzinfo)
    out = []
    for document in DocumentRepository(session, principal).of_candidate(candidate_id):
        url = links.signed_url(public_url, secret, document.id, now=now, ttl_seconds=link_seconds)
        out.append(
            DocumentOut.model_validate(
                {
                    **DocumentUploaded.model_validate(document, from_attributes=True).model_dump(),
                    "signedUrl": url,
                    "signed_url_expires_at": expires_at,
                    "parse_error": document.parse_error,
                }
            )
        )
    return out


def _no_parsed_document() -> NotFound:
    return NotFound(
        "This candidate has no parsed resume yet: upload one with POST "
        "/candidates/{id}/documents; parsing takes a few seconds after the upload.",
        code="no_parsed_document",
    )


def latest_profile_or_404(
    session: Session, principal: Principal, candidate_id: uuid.UUID
) -> tuple[Document, ResumeProfile]:
    """The candidate's latest parsed resume (404 for the candidate, or
    ``no_parsed_document``), for ``candidate_id`` of a body."""
    _visible_candidate(session, principal, candidate_id, param="candidate_id")
    found = DocumentRepository(session, principal).latest_profile(candidate_id)
    if found is None:
        raise _no_parsed_document()
    return found


def read_parsed(session: Session, principal: Principal, candidate_id: uuid.UUID) -> ParsedResumeOut:
    candidate = _visible_candidate(session, principal, candidate_id)
    document = DocumentRepository(session, principal).latest_parsed(candidate_id)
    if document is None or document.parsed is None or document.parsed_at is None:
        raise _no_parsed_document()
    profile = profile_of(document.parsed)
    return parsed_out(
        document.id,
        candidate_id,
        document.parsed,
        document.parser or "builtin",
        document.parsed_at,
        same_person(profile, candidate.first_name, candidate.last_name, candidate.email),
    )


def delete_document(
    session: Session, principal: Principal, candidate_id: uuid.UUID, document_id: uuid.UUID
) -> str:
    CandidateRepository(session, principal).get_or_404(candidate_id)
    repo = DocumentRepository(session, principal)
    document = repo.of_candidate_in(candidate_id, document_id)
    if document is None:
        raise ids.not_found("doc", document_id, param="doc_id")
    key = document.storage_key
    repo.delete_by_id(document.id)
    session.expunge(document)
    files.remove_after_commit(session, principal, keys=[key], prefixes=[])
    public_id = ids.render("doc", document_id)
    AuditLog(session, principal).record(
        "DOCUMENT_DELETED", "document", public_id, {"candidate_id": ids.render("can", candidate_id)}
    )
    return public_id


def open_download(
    session: Session,
    storage: FileStorage,
    secret: bytes,
    document_id: uuid.UUID,
    expires: str,
    signature: str,
) -> tuple[Document, StoredFile]:
    """The document and its byte stream, for a signed link checked first (403 before the
    database is asked); a deleted document is a 404."""
    links.check(secret, document_id, expires, signature, now=utcnow())
    document = document_for_download(session, document_id)
    if document is None:
        raise ids.not_found("doc", document_id)
    try:
        stream = storage.open(document.storage_key)
    except StoredFileMissing as exc:
        raise ids.not_found("doc", document_id) from exc
    except StorageUnavailable as exc:
        raise _storage_down() from exc
    return document, stream
