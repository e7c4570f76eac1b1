"""Stored files leave with their rows: removed right after the commit that deletes the rows,
and by the worker (``documents.remove_files``, retried for about two days) if the storage
was down then — so an erasure never waits on the storage, and never forgets a file."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.documents.repository import DocumentRepository
from peoplelens.kit.storage.base import FileStorage
from peoplelens.worker.queue import TaskRepository

log = logging.getLogger("peoplelens.documents")

REMOVE_FILES = "documents.remove_files"
INFO_KEY = "remove_files"


def candidate_prefix(tenant_id: uuid.UUID, candidate_id: uuid.UUID) -> str:
    """Every stored file of a candidate is under this prefix (``documents.service.new_key``)."""
    return f"{tenant_id.hex}/{candidate_id.hex}"


@dataclass
class FileRemoval:
    keys: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        return {"keys": list(self.keys), "prefixes": list(self.prefixes)}

    def run(self, storage: FileStorage) -> None:
        """Removes everything (raises when the storage is unavailable: the task retries)."""
        for key in self.keys:
            storage.delete(key)
        for prefix in self.prefixes:
            storage.delete_prefix(prefix)

    def try_now(self, storage: FileStorage) -> None:
        """After the commit, in the request: best effort; the queued task is the guarantee."""
        try:
            self.run(storage)
        except Exception:
            log.warning("documents.remove_deferred", exc_info=True)


def remove_after_commit(
    session: Session, principal: Principal, *, keys: list[str], prefixes: list[str]
) -> None:
    """Queues the removal in the caller's transaction (so it happens iff the rows go) and
    notes it for :meth:`peoplelens.runtime.Runtime.after_commit`, which tries at once."""
    if not keys and not prefixes:
        return
    TaskRepository(session, principal).enqueue(REMOVE_FILES, FileRemoval(keys, prefixes).payload())
    removal = session.info.setdefault(INFO_KEY, FileRemoval())
    removal.keys.extend(keys)
    removal.prefixes.extend(prefixes)


def forget_on_rollback(session: Session, storage: FileStorage, key: str) -> None:
    """A file stored for a transaction that then rolls back is removed again (a crash before
    the commit leaves it under the candidate's prefix, which their erasure removes)."""

    def remove(_session: Session) -> None:
        try:
            storage.delete(key)
        except Exception:
            log.warning("documents.orphan_left", extra={"key": key}, exc_info=True)

    event.listen(session, "after_rollback", remove, once=True)


def erase_files_of(session: Session, principal: Principal, candidate_id: uuid.UUID) -> None:
    """The candidate's erasure: every stored file of theirs goes after the commit (the rows
    go with the candidate's cascade), and anything else under their prefix (a file stored by
    an upload whose process died before its commit)."""
    keys = DocumentRepository(session, principal).storage_keys(candidate_id)
    remove_after_commit(
        session,
        principal,
        keys=keys,
        prefixes=[candidate_prefix(principal.tenant_id, candidate_id)],
    )
