"""Running a CSV import (spec §14), batch by batch: the transactions are opened here.

:func:`run_import` is the one way an import runs — the worker's task (``tasks.py``) and the
CLI (``peoplelens import candidates``) both call it. It reads the file as a stream and
handles it in batches (:data:`BATCH_ROWS` rows a transaction, ``batches.apply_batch``):

* **Restart-safe.** Each batch commits its candidates, their events and audit entries, its
  report lines and the moved progress marker (``next_row``) in one transaction; a crash loses
  at most the batch in hand, and the retry resumes at the marker — never a row twice, never a
  row lost. Two runs of one import (a lease that ran out) cannot both commit a batch: the
  marker only moves from the value the run read.
* **All or nothing** (``all_or_nothing``): every batch in one transaction; any rejected row
  rolls it all back, and only the rejected rows' report and the failure are committed.
  This holds SQLite's one writer for the whole file: meant for files that must not half-land.
* A rejected row never stops the others otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates.imports import parsing
from peoplelens.candidates.imports.batches import Tally, apply_batch
from peoplelens.candidates.imports.repository import ImportRepository, ImportRowWrites
from peoplelens.candidates.imports.service import FINAL, acting_principal, finish
from peoplelens.db import Database
from peoplelens.kit import ids
from peoplelens.kit.time import utcnow
from peoplelens.models import CandidateImport

BATCH_ROWS = 1000


@dataclass(frozen=True)
class _Plan:
    """What a run needs of the import row, read once."""

    id: uuid.UUID
    public_id: str
    encoding: str
    delimiter: str
    header_row: int
    columns: parsing.Columns
    job_id: uuid.UUID | None
    all_or_nothing: bool
    next_row: int


def _begin(db: Database, tenant_id: uuid.UUID, import_id: uuid.UUID) -> _Plan | None:
    """Marks the import running; None when there is nothing left to do."""
    system = Principal.system(tenant_id, via="import")
    with db.write_session() as session:
        imp = ImportRepository(session, system).get(import_id)
        if imp is None or imp.status in FINAL:
            return None
        if imp.status == "queued":
            imp.status = "running"
            imp.started_at = imp.updated_at = utcnow()
        plan = _Plan(
            imp.id,
            ids.render("imp", imp.id),
            imp.encoding,
            imp.delimiter,
            imp.header_row,
            parsing.Columns(dict(imp.columns)),
            imp.job_id,
            imp.all_or_nothing,
            imp.next_row,
        )
        session.commit()
        return plan


def _batches(
    stream: IO[bytes], plan: _Plan, start: int
) -> Iterator[tuple[int, list[tuple[int, dict[str, Any]]]]]:
    """``(next row after the batch, [(row, values)…])``, :data:`BATCH_ROWS` data rows each
    (blank rows move the marker and nothing else)."""
    batch: list[tuple[int, dict[str, Any]]] = []
    last, pending = start - 1, False
    for row, cells in parsing.data_rows(
        stream, plan.encoding, plan.delimiter, plan.header_row, start
    ):
        last, pending = row, True
        if cells is not None:
            batch.append((row, parsing.row_values(cells, plan.columns)))
        if len(batch) >= BATCH_ROWS:
            yield last + 1, batch
            batch, pending = [], False
    if pending:
        yield last + 1, batch


@dataclass(frozen=True)
class Snapshot:
    """How far an import is, for a progress bar."""

    total: int
    processed: int
    created: int
    skipped: int
    rejected: int


Progress = Callable[[Snapshot], None]


def run_import(
    db: Database,
    tenant_id: uuid.UUID,
    import_id: uuid.UUID,
    source: Callable[[], IO[bytes]],
    progress: Progress | None = None,
) -> CandidateImport | None:
    """Runs (or resumes) the import to its end; returns its final state (None: gone)."""
    plan = _begin(db, tenant_id, import_id)
    if plan is not None:
        with source() as stream:
            if plan.all_or_nothing:
                _all_or_nothing(db, tenant_id, plan, stream, progress)
            else:
                _in_batches(db, tenant_id, plan, stream, progress)
    with db.read_session() as session:
        imp = ImportRepository(session, Principal.system(tenant_id)).get(import_id)
        if imp is not None:
            session.expunge(imp)
        return imp


# What each batch looks up (who holds an e-mail, which rows created whom).
_LOOKED_UP = ("candidates", "candidate_import_rows")


def _keep_statistics(db: Database, batch_number: int, within: Session | None = None) -> None:
    """After batches 1, 2, 4, 8, …: the tables grow by the import itself, and the lookups of
    later batches must not plan as if they were still small (``Database.refresh_statistics``).
    A handful of ANALYZEs per import, each a bounded sample."""
    if batch_number & (batch_number - 1) == 0:
        db.refresh_statistics(_LOOKED_UP, within)


class Superseded(RuntimeError):
    """Another run moved the import's marker first: this one stops, having written nothing."""


def _in_batches(
    db: Database, tenant_id: uuid.UUID, plan: _Plan, stream: IO[bytes], progress: Progress | None
) -> None:
    marker = plan.next_row
    for number, (next_row, batch) in enumerate(_batches(stream, plan, marker), 1):
        with db.write_session() as session:
            imp, principal = _locked(session, tenant_id, plan.id)
            tally = apply_batch(session, principal, plan.id, plan.public_id, plan.job_id, batch)
            now = Snapshot(
                imp.total,
                imp.processed + len(batch),
                imp.created + tally.created,
                imp.skipped + tally.skipped,
                imp.rejected + tally.rejected,
            )
            moved = ImportRepository(session, principal).advance(
                plan.id,
                marker,
                next_row=next_row,
                processed=now.processed,
                created=now.created,
                skipped=now.skipped,
                rejected=now.rejected,
            )
            if not moved:
                session.rollback()
                raise Superseded(f"import {plan.public_id} was advanced by another run")
            session.commit()
        marker = next_row
        _keep_statistics(db, number)
        if progress is not None:
            progress(now)
    _finish(db, tenant_id, plan.id, error=None)


def _all_or_nothing(
    db: Database, tenant_id: uuid.UUID, plan: _Plan, stream: IO[bytes], progress: Progress | None
) -> None:
    """One transaction for every row; on any rejection it rolls back, and a second one keeps
    the rejected rows' report and the failure (together: a retry never writes them twice)."""
    tally = Tally()
    done = 0
    with db.write_session() as session:
        imp, principal = _locked(session, tenant_id, plan.id)
        for number, (_, batch) in enumerate(_batches(stream, plan, plan.next_row), 1):
            tally.add(apply_batch(session, principal, plan.id, plan.public_id, plan.job_id, batch))
            done += len(batch)
            _keep_statistics(db, number, within=session)
            if progress is not None:
                snap = Snapshot(imp.total, done, tally.created, tally.skipped, tally.rejected)
                progress(snap)
        if not tally.rejected:
            imp.processed, imp.created, imp.skipped = done, tally.created, tally.skipped
            finish(session, principal, imp, None)
            session.commit()
            return
        session.rollback()
    with db.write_session() as session:
        imp, principal = _locked(session, tenant_id, plan.id)
        if imp.status in FINAL:
            return
        ImportRowWrites(session, principal).add_many(plan.id, tally.rejected_lines)
        imp.processed, imp.rejected = done, tally.rejected
        error = (
            f"{tally.rejected} row(s) were rejected, so nothing was imported "
            "(all_or_nothing); the report lists them."
        )
        finish(session, principal, imp, error)
        session.commit()


def _locked(
    session: Session, tenant_id: uuid.UUID, import_id: uuid.UUID
) -> tuple[CandidateImport, Principal]:
    system = Principal.system(tenant_id, via="import")
    imp = ImportRepository(session, system).get_or_404(import_id)
    return imp, acting_principal(imp)


def _finish(db: Database, tenant_id: uuid.UUID, import_id: uuid.UUID, error: str | None) -> None:
    """The end: status, time, and one audit entry with the counts."""
    with db.write_session() as session:
        imp, principal = _locked(session, tenant_id, import_id)
        if imp.status in FINAL:
            return
        finish(session, principal, imp, error)
        session.commit()
