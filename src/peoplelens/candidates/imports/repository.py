"""All SQL of candidate imports, tenant-scoped."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update

from peoplelens.kit.db.prepared import PreparedInsert
from peoplelens.kit.repository import TenantRepository, TenantWrites
from peoplelens.kit.time import utcnow
from peoplelens.models import CandidateImport, CandidateImportRow


class ImportRepository(TenantRepository[CandidateImport]):
    model = CandidateImport
    kind = "imp"

    def advance(self, import_id: uuid.UUID, expected_row: int, **values: Any) -> bool:
        """Moves the progress marker from ``expected_row`` (and sets ``values``); False when
        another run moved it first (two workers on one import after a lease ran out): the
        caller rolls back, and nothing is written twice."""
        result = self.session.execute(
            update(CandidateImport)
            .where(
                self.in_tenant(),
                CandidateImport.id == import_id,
                CandidateImport.next_row == expected_row,
            )
            .values(updated_at=utcnow(), **values)
        )
        return bool(getattr(result, "rowcount", 0))


class ImportRowRepository(TenantRepository[CandidateImportRow]):
    model = CandidateImportRow

    def rows_creating(
        self, import_id: uuid.UUID, candidate_ids: set[uuid.UUID]
    ) -> dict[uuid.UUID, int]:
        """Which of ``candidate_ids`` this import created, and from which row."""
        found: dict[uuid.UUID, int] = {}
        wanted = list(candidate_ids)
        for start in range(0, len(wanted), 500):
            rows = self.session.execute(
                select(CandidateImportRow.candidate_id, CandidateImportRow.row).where(
                    self.in_tenant(),
                    CandidateImportRow.import_id == import_id,
                    CandidateImportRow.outcome == "created",
                    CandidateImportRow.candidate_id.in_(wanted[start : start + 500]),
                )
            )
            found.update({id_: row for id_, row in rows if id_ is not None})
        return found

    def _of(self, import_id: uuid.UUID, outcomes: Sequence[str]) -> Any:
        stmt = select(CandidateImportRow).where(
            self.in_tenant(), CandidateImportRow.import_id == import_id
        )
        return stmt.where(CandidateImportRow.outcome.in_(outcomes)) if outcomes else stmt

    def page(
        self,
        import_id: uuid.UUID,
        outcomes: Sequence[str],
        *,
        limit: int,
        offset: int,
        after_row: int | None,
    ) -> list[CandidateImportRow]:
        """Report lines in row order; ``after_row`` (keyset) stays fast at any depth."""
        stmt = self._of(import_id, outcomes)
        if after_row is not None:
            stmt = stmt.where(CandidateImportRow.row > after_row)
            offset = 0
        return list(
            self.session.scalars(stmt.order_by(CandidateImportRow.row).offset(offset).limit(limit))
        )

    def count_of(self, import_id: uuid.UUID, outcomes: Sequence[str]) -> int:
        stmt = self._of(import_id, outcomes).with_only_columns(func.count()).order_by(None)
        return int(self.session.scalar(stmt) or 0)


_INSERT_LINE = PreparedInsert(CandidateImportRow)


class ImportRowWrites(TenantWrites):
    """Report lines on the transaction's raw-driver lane: one executemany per batch (as the
    events and audit entries of the same batch)."""

    def add_many(self, import_id: uuid.UUID, lines: Sequence[dict[str, Any]]) -> None:
        for line in lines:
            self.insert(_INSERT_LINE, {**line, "import_id": import_id})
