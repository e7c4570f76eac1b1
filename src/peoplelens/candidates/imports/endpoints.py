"""CSV import of candidates (spec §14). Thin: parse, call the service, return."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Form, Query, Request, Response, UploadFile, status
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUploadFile

from peoplelens.boundary.dependencies import ReadPrincipal, RuntimeDep, SessionDep, WritePrincipal
from peoplelens.boundary.route import UploadRoute
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.candidates.imports import parsing, service
from peoplelens.candidates.imports.schemas import ImportDetail, ImportOut, RowOutcome
from peoplelens.candidates.imports.uploads import start_upload
from peoplelens.kit.ids import ImportID, JobID
from peoplelens.kit.pagination import DEFAULT_LIMIT, MAX_LIMIT
from peoplelens.kit.schemas import json_response
from peoplelens.runtime import Runtime

IMPORT_PATH = "/api/v1/candidates/import"


class ImportUploadRoute(UploadRoute):
    """The file is judged (encoding, delimiter, header, rows counted: 415/422) before the
    upload's transaction opens, so reading a large file never holds the database."""

    async def prepare(self, request: Request, runtime: Runtime) -> None:
        await request.body()  # kept: the size limit, the idempotency hash and the form read it
        form = await request.form()
        upload = form.get("file")
        if isinstance(upload, StarletteUploadFile):
            request.state.inspection = await run_in_threadpool(parsing.inspect, upload.file)


router = api_router("candidates")
uploads = api_router("candidates", route_class=ImportUploadRoute)


@uploads.post(
    "/candidates/import",
    response_model=ImportOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=not_found_doc("job")
    | responses(
        r413="The file is larger than the import limit (PEOPLELENS_MAX_IMPORT_BYTES, 32 MiB).",
        r415="Not a CSV file (a workbook, a PDF, binary content).",
        r422="Empty, no header, no e-mail or name column, an unreadable encoding, or no `file`.",
        r503="The file storage cannot be reached; nothing was imported.",
    ),
)
def import_candidates(
    principal: WritePrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
    request: Request,
    file: Annotated[UploadFile, File(description="The CSV file (multipart field `file`).")],
    job_id: Annotated[
        JobID | None, Form(description="The job of every row that names none.")
    ] = None,
    all_or_nothing: Annotated[
        bool, Form(description="Import every row or none: one rejected row rejects the file.")
    ] = False,
) -> Response:
    """Imports candidates from a CSV file in the background; answers 202 with the import, whose
    progress and per-row report `GET /candidates/imports/{id}` shows.

    Columns are matched by their header (`first_name`, `First Name`, `Given name`, `Surname`,
    `E-mail`, `Phone`, `LinkedIn`, `External ID`, `Job ID`, `Stage`, `Status`, or one `Name`
    column); UTF-8 with or without BOM, Excel's UTF-16 "Unicode Text" and Windows-1252;
    comma, semicolon or tab. Each row passes the checks of `POST /candidates`: an e-mail that
    already exists (or repeats an earlier row) is skipped, an invalid row rejected — and the
    other rows are imported, unless `all_or_nothing=true`. Cells starting with `= + - @` are
    stored as text. Fires `candidate.created` per row. Accepts `Idempotency-Key`."""
    out = start_upload(
        session,
        principal,
        runtime.storage,
        file.file,
        file.filename,
        getattr(request.state, "inspection", None),
        job_id=job_id,
        all_or_nothing=all_or_nothing,
    )
    answer = json_response(out, status_code=status.HTTP_202_ACCEPTED)
    answer.headers["Location"] = f"/api/v1/candidates/imports/{out.model_dump(mode='json')['id']}"
    return answer


@router.get(
    "/candidates/imports/{id}", response_model=ImportDetail, responses=not_found_doc("import")
)
def get_import(
    id: ImportID,
    principal: ReadPrincipal,
    session: SessionDep,
    outcome: Annotated[
        list[RowOutcome] | None,
        Query(description="Only rows with these outcomes (repeat: outcome=skipped&outcome=…)."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    cursor: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9]{1,9}$",
            description="`rows.pagination.next_cursor` of the previous page (ignores `offset`).",
        ),
    ] = None,
) -> Response:
    """The import's progress (`status`: queued, running, completed, failed; `processed` of
    `total` rows; `created`, `skipped`, `rejected`) and a page of its per-row report (`rows`):
    each row's number as a spreadsheet shows it (the header is row 1), its outcome, the
    candidate created or the existing one a duplicate was skipped for, and why."""
    detail = service.read_import(
        session,
        principal,
        id,
        outcomes=list(outcome or []),
        limit=limit,
        offset=offset,
        after_row=int(cursor) if cursor is not None else None,
    )
    return json_response(detail)
