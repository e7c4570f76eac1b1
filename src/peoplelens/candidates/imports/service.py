"""CSV import of candidates (spec §14): starting one and reading its report. Never commits:
running an import, batch by batch, is ``runner.py``."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import SCOPES, Principal
from peoplelens.candidates.imports import parsing
from peoplelens.candidates.imports.repository import ImportRepository, ImportRowRepository
from peoplelens.candidates.imports.schemas import (
    ImportDetail,
    ImportOut,
    ImportRowOut,
    ImportRows,
    RowsPage,
)
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.time import utcnow
from peoplelens.models import CandidateImport

log = logging.getLogger("peoplelens.candidates.imports")

FINAL = ("completed", "failed")


def create_import(
    session: Session,
    principal: Principal,
    inspection: parsing.Inspection,
    *,
    file_name: str,
    file_size: int,
    job_id: uuid.UUID | None,
    all_or_nothing: bool,
    storage_key: str | None,
) -> CandidateImport:
    """The import's row (queued), after the file was judged (``parsing.inspect``)."""
    if job_id is not None and not JobRepository(session, principal).by_ids({job_id}):
        raise ids.not_found("job", job_id, param="job_id")
    now = utcnow()
    imp = ImportRepository(session, principal).add(
        CandidateImport(
            id=ids.new_uuid(),
            status="queued",
            file_name=(file_name or "candidates.csv")[:255],
            file_size=file_size,
            storage_key=storage_key,
            encoding=inspection.encoding,
            delimiter=inspection.delimiter,
            header_row=inspection.header_row,
            columns=inspection.columns.as_json(),
            ignored_columns=inspection.columns.ignored[:100],
            job_id=job_id,
            all_or_nothing=all_or_nothing,
            key_id=principal.key_id,
            user_id=principal.user_id,
            total=inspection.total,
            next_row=inspection.header_row + 1,
            created_at=now,
            updated_at=now,
        )
    )
    session.flush()
    AuditLog(session, principal).record(
        "CANDIDATE_IMPORT_STARTED",
        "candidate_import",
        ids.render("imp", imp.id),
        {"rows": inspection.total, "all_or_nothing": all_or_nothing},
    )
    return imp


def present(imp: CandidateImport) -> ImportOut:
    out = ImportOut.model_validate(imp)
    # Column numbers as a spreadsheet counts them (A = 1).
    return out.model_copy(update={"columns": {k: v + 1 for k, v in imp.columns.items()}})


def read_import(
    session: Session,
    principal: Principal,
    import_id: uuid.UUID,
    *,
    outcomes: list[str],
    limit: int,
    offset: int,
    after_row: int | None,
) -> ImportDetail:
    """The import and one page of its report (rows in order; ``outcomes`` filters)."""
    imp = ImportRepository(session, principal).get_or_404(import_id)
    reports = ImportRowRepository(session, principal)
    lines = reports.page(imp.id, outcomes, limit=limit + 1, offset=offset, after_row=after_row)
    more = len(lines) > limit
    lines = lines[:limit]
    rows = ImportRows(
        data=[ImportRowOut.model_validate(line) for line in lines],
        pagination=RowsPage(
            total=reports.count_of(imp.id, outcomes),
            limit=limit,
            offset=0 if after_row is not None else offset,
            next_cursor=str(lines[-1].row) if more and lines else None,
        ),
    )
    return ImportDetail(**present(imp).model_dump(), rows=rows)


def acting_principal(imp: CandidateImport) -> Principal:
    """Who the rows are created for: the key or person who started the import (their audit
    entries name them), acting through the import."""
    return Principal(imp.tenant_id, imp.key_id, imp.user_id, frozenset(SCOPES), 0, via="import")


def finish(session: Session, principal: Principal, imp: CandidateImport, error: str | None) -> None:
    imp.status = "failed" if error else "completed"
    imp.error = error
    imp.finished_at = imp.updated_at = utcnow()
    AuditLog(session, principal).record(
        "CANDIDATE_IMPORT_FINISHED",
        "candidate_import",
        ids.render("imp", imp.id),
        {
            "status": imp.status,
            "created": imp.created,
            "skipped": imp.skipped,
            "rejected": imp.rejected,
        },
    )
    log.info(
        "candidates.import_finished",
        extra={"import_id": str(imp.id), "status": imp.status, "rows_created": imp.created},
    )
