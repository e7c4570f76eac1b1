"""Starting an import from an upload: the file kept in the storage, the import queued."""

from __future__ import annotations

import uuid
from typing import IO

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates.imports import parsing, service
from peoplelens.candidates.imports.schemas import ImportOut
from peoplelens.candidates.imports.tasks import queue_import
from peoplelens.documents.files import forget_on_rollback
from peoplelens.documents.service import StorageDown
from peoplelens.kit.storage.base import FileStorage, StorageUnavailable


def storage_key(tenant_id: uuid.UUID) -> str:
    """Random, never the client's name; under the tenant's prefix, so erasing the tenant's
    files removes it too."""
    return f"{tenant_id.hex}/imports/{uuid.uuid4().hex}"


def start_upload(
    session: Session,
    principal: Principal,
    storage: FileStorage,
    file: IO[bytes],
    file_name: str | None,
    inspection: parsing.Inspection | None,
    *,
    job_id: uuid.UUID | None,
    all_or_nothing: bool,
) -> ImportOut:
    """``inspection``: the file already judged before the transaction (the upload route)."""
    judged = inspection if inspection is not None else parsing.inspect(file)
    size = file.seek(0, 2)
    file.seek(0)
    key = storage_key(principal.tenant_id)
    imp = service.create_import(
        session,
        principal,
        judged,
        file_name=file_name or "candidates.csv",
        file_size=size,
        job_id=job_id,
        all_or_nothing=all_or_nothing,
        storage_key=key,
    )
    try:
        storage.put(key, file, "text/csv")
    except StorageUnavailable as exc:
        raise StorageDown(
            "The file storage cannot be reached; nothing was imported. Retry in a moment.",
            headers={"Retry-After": "5"},
        ) from exc
    forget_on_rollback(session, storage, key)
    queue_import(session, principal, imp)
    return service.present(imp)
