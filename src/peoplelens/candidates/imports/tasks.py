"""The import's background run (``candidates.import``): the whole file, batch by batch.

The work happens in :meth:`ImportCandidates.prepare`, outside the task's own transaction,
because each batch commits on its own (``service.run_import``); ``run`` then only marks the
task done. A failed attempt is retried and resumes after the last committed batch. The
uploaded file is removed from the storage once the import has ended.
"""

from __future__ import annotations

import io
import uuid
from typing import IO, Any

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates.imports import runner, service
from peoplelens.candidates.imports.repository import ImportRepository
from peoplelens.db import Database
from peoplelens.documents.files import remove_after_commit
from peoplelens.kit.storage.base import FileStorage, StoredFile, StoredFileMissing
from peoplelens.models import CandidateImport
from peoplelens.worker.queue import TaskRepository
from peoplelens.worker.registry import TaskContext, task

IMPORT = "candidates.import"


def queue_import(session: Session, principal: Principal, imp: CandidateImport) -> None:
    """In the upload's transaction: the import runs after the commit (never before it)."""
    TaskRepository(session, principal).enqueue(IMPORT, {"import_id": imp.id.hex})


class _Chunks(io.RawIOBase):
    """A stored file as a readable stream (the csv reader pulls it chunk by chunk)."""

    def __init__(self, stored: StoredFile) -> None:
        self._stored = stored
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._left:
            self._left = next(self._stored, b"")
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]
        return n

    def close(self) -> None:
        self._stored.close()
        super().close()


def open_stored(storage: FileStorage, key: str) -> IO[bytes]:
    return io.BufferedReader(_Chunks(storage.open(key)))


@task(IMPORT)
class ImportCandidates:
    """Payload ``{import_id}``."""

    max_attempts = 10

    def prepare(
        self, db: Database, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> dict[str, Any]:
        if ctx.storage is None:
            raise RuntimeError("this worker has no file storage configured")
        storage = ctx.storage
        import_id = uuid.UUID(hex=payload["import_id"])
        with db.read_session() as session:
            imp = ImportRepository(session, Principal.system(tenant_id)).get(import_id)
            key = imp.storage_key if imp is not None else None
        if key is None:
            return {}
        try:
            ended = runner.run_import(db, tenant_id, import_id, lambda: open_stored(storage, key))
        except StoredFileMissing:
            return {"missing": True}
        if ended is not None and ended.status in service.FINAL:
            storage.delete(key)  # unavailable: raised, and the retry removes it
        return {}

    def run(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> None:
        if (payload.get("prepared") or {}).get("missing"):
            self._fail(session, tenant_id, payload, "The uploaded file is no longer stored.")

    def on_give_up(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], error: str
    ) -> None:
        self._fail(
            session,
            tenant_id,
            payload,
            "The import stopped after several attempts; the rows it reported are imported. "
            "Upload the file again to import the rest (duplicates are skipped).",
        )

    def _fail(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], error: str
    ) -> None:
        system = Principal.system(tenant_id, via="import")
        imp = ImportRepository(session, system).get(uuid.UUID(hex=payload["import_id"]))
        if imp is None or imp.status in service.FINAL:
            return
        service.finish(session, service.acting_principal(imp), imp, error)
        if imp.storage_key:
            remove_after_commit(session, system, keys=[imp.storage_key], prefixes=[])
