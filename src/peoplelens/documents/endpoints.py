"""Documents (spec §2). Thin: parse, call the service, return."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Query, Request, Response, UploadFile, status
from fastapi.responses import StreamingResponse
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUploadFile

from peoplelens.boundary.dependencies import (
    AssignedReadPrincipal,
    RuntimeDep,
    SessionDep,
    WritePrincipal,
)
from peoplelens.boundary.route import TokenRoute, UploadRoute
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.documents import names, service
from peoplelens.documents.schemas import DocumentOut, DocumentUploaded, ParsedResumeOut
from peoplelens.kit.ids import CandidateID, DocumentID
from peoplelens.kit.schemas import Deleted, json_response
from peoplelens.runtime import Runtime


class DocumentUploadRoute(UploadRoute):
    """The file is judged (415/422) here, before the upload's transaction opens: a hostile
    file's slow reading never holds SQLite's writer (spec §1: the other requests go on)."""

    async def prepare(self, request: Request, runtime: Runtime) -> None:
        await request.body()  # kept: the size limit, the idempotency hash and the form read it
        form = await request.form()  # parsed once: the endpoint reads the same form
        upload = form.get("file")
        if isinstance(upload, StarletteUploadFile):
            data = await upload.read()
            await upload.seek(0)
            request.state.judged = await run_in_threadpool(service.judge, data)


router = api_router("documents")
uploads = api_router("documents", route_class=DocumentUploadRoute)
downloads = api_router(
    "documents",
    route_class=TokenRoute,
    responses=responses(
        r403="The link was changed or has expired; ask for a new one.",
        r404="The document was deleted.",
        r503="The file storage cannot be reached; retry in a moment.",
    ),
)

_404 = not_found_doc("candidate")
_LIST: TypeAdapter[list[DocumentOut]] = TypeAdapter(list[DocumentOut])


@uploads.post(
    "/candidates/{id}/documents",
    response_model=DocumentUploaded,
    status_code=status.HTTP_201_CREATED,
    responses=_404
    | responses(
        r413="The file is larger than the upload limit (10 MiB by default).",
        r415="Not a PDF, DOCX, TXT, RTF or ODT file (judged by its content, not its name).",
        r422="The file cannot be read (encrypted, corrupt, no text), or `file` is missing.",
        r503="The file storage cannot be reached; nothing was changed.",
    ),
)
def upload_document(
    id: CandidateID,
    principal: WritePrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
    request: Request,
    file: Annotated[UploadFile, File(description="The resume or other document.")],
) -> Response:
    """Attaches a file to the candidate (multipart field `file`). PDF, DOCX and TXT (also RTF
    and ODT) are accepted, judged by their content. The file is parsed in the background:
    `GET /candidates/{id}/documents/parsed` answers once it is done, and `document.parsed`
    fires. Fires `candidate.document_uploaded`. Accepts `Idempotency-Key`."""
    data = file.file.read()
    judged = getattr(request.state, "judged", None)
    out = service.upload(session, principal, runtime.storage, id, file.filename, data, judged)
    return json_response(out, status_code=status.HTTP_201_CREATED)


@router.get("/candidates/{id}/documents", response_model=list[DocumentOut], responses=_404)
def list_documents(
    id: CandidateID, principal: AssignedReadPrincipal, session: SessionDep, runtime: RuntimeDep
) -> Response:
    """The candidate's documents, newest first, as a top-level array (as in the reference).
    Each `signedUrl` downloads the file without an API key for 15 minutes."""
    s = runtime.settings
    found = service.list_documents(
        session, principal, id, s.public_url, runtime.secret_key, s.document_link_seconds
    )
    return Response(_LIST.dump_json(found, by_alias=True), media_type="application/json")


@router.get(
    "/candidates/{id}/documents/parsed",
    response_model=ParsedResumeOut,
    responses=responses(
        r404="No such candidate, or no parsed resume yet (`code`: `no_parsed_document`)."
    ),
)
def parsed_document(
    id: CandidateID, principal: AssignedReadPrincipal, session: SessionDep
) -> ParsedResumeOut:
    """What the latest parsed resume says: summary, skills (comma-separated in `core_skills`,
    an array in `skills`), experience, education, certifications, languages (names, levels in
    `language_levels`), projects and contact details. 404 `no_parsed_document` until the
    first upload has been parsed."""
    return service.read_parsed(session, principal, id)


@router.delete(
    "/candidates/{id}/documents/{doc_id}",
    response_model=Deleted,
    responses=not_found_doc("candidate or document"),
)
def delete_document(
    id: CandidateID, doc_id: DocumentID, principal: WritePrincipal, session: SessionDep
) -> Deleted:
    """Deletes the document, its parsed copy and its stored file (removed right after the
    commit, or by the worker if the storage is down)."""
    return Deleted(id=service.delete_document(session, principal, id, doc_id))


@downloads.get("/documents/{id}/download", response_class=StreamingResponse)
def download_document(
    id: DocumentID,
    session: SessionDep,
    runtime: RuntimeDep,
    expires: Annotated[str, Query(max_length=20)] = "",
    signature: Annotated[str, Query(max_length=100)] = "",
) -> StreamingResponse:
    """The file of a `signedUrl` (no API key: the signature is the credential). Sent as an
    attachment with its judged type and `X-Content-Type-Options: nosniff`; a changed or
    expired link answers 403."""
    document, stream = service.open_download(
        session, runtime.storage, runtime.secret_key, id, expires, signature
    )
    return StreamingResponse(
        stream,
        media_type=document.file_type,
        headers={
            "Content-Disposition": names.content_disposition(document.file_name),
            "Content-Length": str(document.file_size),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
            "ETag": f'"{document.sha256}"',
        },
    )
