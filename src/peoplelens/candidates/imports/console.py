"""``peoplelens import candidates``: an import run in this process, with a progress bar.

The same code as the API's (``parsing.inspect``, ``service.create_import``,
``runner.run_import``): only the file comes from the disk instead of the storage, and no
worker is needed. The bar and the summary go to stderr (Rich); one JSON line with the counts
goes to stdout, for scripts.

Exit status: 0 when every row was imported or skipped as a duplicate, 3 when some rows were
rejected (the others are imported), 1 when the import failed as a whole (a file that is not
CSV, an unknown job, an all-or-nothing import with a rejected row).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from peoplelens.auth.principal import Principal
from peoplelens.candidates.imports import parsing, runner, service
from peoplelens.candidates.imports.repository import ImportRowRepository
from peoplelens.db import Database
from peoplelens.kit import ids
from peoplelens.models import CandidateImport

SHOWN_REJECTIONS = 10
EXIT_REJECTED_ROWS = 3


def import_file(
    db: Database,
    tenant_id: uuid.UUID,
    path: Path,
    *,
    job_id: uuid.UUID | None,
    all_or_nothing: bool,
    err: Console,
) -> tuple[int, dict[str, object]]:
    """Runs the import; returns the exit status and the summary (the stdout line)."""
    principal = Principal.system(tenant_id, via="cli")
    with path.open("rb") as stream:
        inspection = parsing.inspect(stream)
    with db.write_session() as session:
        imp = service.create_import(
            session,
            principal,
            inspection,
            file_name=path.name,
            file_size=path.stat().st_size,
            job_id=job_id,
            all_or_nothing=all_or_nothing,
            storage_key=None,
        )
        import_id = imp.id
        session.commit()
    err.print(
        f"importing {inspection.total} rows from {path.name} "
        f"({inspection.encoding}, {_delimiter_name(inspection.delimiter)}) as "
        f"{ids.render('imp', import_id)}"
    )
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "created {task.fields[created]} skipped {task.fields[skipped]} "
            "rejected {task.fields[rejected]}"
        ),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bar:
        task = bar.add_task("rows", total=inspection.total, created=0, skipped=0, rejected=0)

        def progress(now: runner.Snapshot) -> None:
            bar.update(
                task,
                completed=now.processed,
                created=now.created,
                skipped=now.skipped,
                rejected=now.rejected,
            )

        final = runner.run_import(db, tenant_id, import_id, lambda: path.open("rb"), progress)
    assert final is not None, "the import was made above"
    _summary(db, principal, final, err)
    summary: dict[str, object] = {
        "id": ids.render("imp", final.id),
        "status": final.status,
        "total": final.total,
        "created": final.created,
        "skipped": final.skipped,
        "rejected": final.rejected,
        "error": final.error,
    }
    if final.status == "failed":
        return 1, summary
    return (EXIT_REJECTED_ROWS if final.rejected else 0), summary


def _delimiter_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab"}.get(delimiter, repr(delimiter))


def _summary(db: Database, principal: Principal, imp: CandidateImport, err: Console) -> None:
    err.print(
        f"[bold]{imp.status}[/]: {imp.created} created, {imp.skipped} skipped "
        f"(duplicates), {imp.rejected} rejected"
    )
    if imp.error:
        err.print(imp.error, style="red", markup=False)
    if not imp.rejected:
        return
    with db.read_session() as session:
        lines = ImportRowRepository(session, principal).page(
            imp.id, ["rejected"], limit=SHOWN_REJECTIONS, offset=0, after_row=None
        )
        table = Table("row", "field", "why", title="first rejected rows")
        for line in lines:
            table.add_row(str(line.row), line.param or "", line.message or "")
    err.print(table)
    if imp.rejected > len(lines):
        err.print(
            f"… and {imp.rejected - len(lines)} more (GET /api/v1/candidates/imports/"
            f"{ids.render('imp', imp.id)}?outcome=rejected)"
        )


def summary_line(summary: dict[str, object]) -> str:
    return json.dumps(summary)
