"""The operator's data commands (``peoplelens candidates list|get``, ``peoplelens jobs list``):
the API's reads, for a person at the server's console, through the same services.

They act as the tenant's console (``Principal.system``, no key) and print either aligned
columns for a person or, with ``--json``, one JSON object a line — the API's shapes exactly —
for a pipe. Only reads: a change through the console would bypass nothing (the services emit
and audit), but an operator has the API for that.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from peoplelens.auth.principal import Principal
    from peoplelens.db import Database

CANDIDATE_COLUMNS = ("id", "first_name", "last_name", "email", "status", "stage", "job_id")
JOB_COLUMNS = ("id", "title", "department", "status", "created_at")
PAGE = 100


def _database() -> Database:
    from peoplelens.console import settings_or_exit
    from peoplelens.db import Database

    return Database.connect(settings_or_exit().database_url)


def _principal(db: Database, slug: str) -> Principal:
    from peoplelens.auth.principal import Principal
    from peoplelens.console import tenant_named

    with db.read_session() as session:
        return Principal.system(tenant_named(session, slug).id)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split())  # one line a row, whatever a field holds


def emit_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str], as_json: bool) -> int:
    """Prints rows as JSON lines or as aligned columns; returns how many."""
    if as_json:
        count = 0
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
            count += 1
        return count
    table = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in table)]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    return len(table)


def _parsed(prefix: str, raw: str | None, param: str) -> uuid.UUID | None:
    from peoplelens.kit.ids import try_parse

    if raw is None:
        return None
    value = try_parse(prefix, raw)
    if value is None:
        raise click.BadParameter(f"'{raw}' is not a {prefix}-<uuid> id", param_hint=param)
    return value


@click.group("candidates")
def candidates() -> None:
    """Read a tenant's candidates."""


@candidates.command("list")
@click.option("--tenant", "slug", required=True)
@click.option(
    "--status", type=click.Choice(["active", "hired", "rejected", "archived"]), default=None
)
@click.option("--job", "job", default=None, help="job-<uuid>")
@click.option("--stage", default=None)
@click.option("--q", default=None, help="Name or e-mail contains.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (the API's shape).")
def candidates_list(
    slug: str,
    status: str | None,
    job: str | None,
    stage: str | None,
    q: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Newest first, as GET /api/v1/candidates (paged by cursor: any --limit)."""
    from peoplelens.candidates.schemas import CandidateFilters

    filters = CandidateFilters(
        status=status,
        job_id=_parsed("job", job, "--job"),
        stage=stage,
        q=q,
    )
    db = _database()
    try:
        principal = _principal(db, slug)
        rows = asyncio.run(_candidate_rows(db, principal, filters, limit))
    finally:
        db.dispose()
    emit_rows(rows, CANDIDATE_COLUMNS, as_json)


async def _candidate_rows(
    db: Database, principal: Principal, filters: Any, limit: int
) -> list[dict[str, Any]]:
    from peoplelens.candidates import service
    from peoplelens.kit.db.reads import ReadLane
    from peoplelens.kit.pagination import PageRequest

    lane = ReadLane.for_engine(db.engine)
    rows: list[dict[str, Any]] = []
    cursor = None
    try:
        while len(rows) < limit:
            page = PageRequest(limit=min(PAGE, limit - len(rows)), cursor=cursor)
            data, result = await service.list_candidates(lane, principal, filters, page)
            rows += [c.model_dump(mode="json") for c in data]
            cursor = result.next_cursor
            if cursor is None:
                break
    finally:
        await lane.close()
    return rows


@candidates.command("get")
@click.argument("candidate_id")
@click.option("--tenant", "slug", required=True)
def candidates_get(candidate_id: str, slug: str) -> None:
    """One candidate as GET /api/v1/candidates/{id} answers it (JSON)."""
    from peoplelens.candidates import service
    from peoplelens.kit.db.reads import ReadLane
    from peoplelens.kit.errors import NotFound

    parsed = _parsed("can", candidate_id, "CANDIDATE_ID")
    assert parsed is not None
    db = _database()

    async def read() -> dict[str, Any]:
        lane = ReadLane.for_engine(db.engine)
        try:
            found = await service.read_candidate(lane, principal, parsed)
            return found.model_dump(mode="json")
        finally:
            await lane.close()

    try:
        principal = _principal(db, slug)
        try:
            shown = asyncio.run(read())
        except NotFound as exc:
            raise click.ClickException(str(exc)) from None
    finally:
        db.dispose()
    click.echo(json.dumps(shown, indent=2, ensure_ascii=False))


@click.group("jobs")
def jobs() -> None:
    """Read a tenant's jobs."""


@jobs.command("list")
@click.option("--tenant", "slug", required=True)
@click.option("--status", type=click.Choice(["draft", "active", "paused", "closed"]), default=None)
@click.option("--department", default=None)
@click.option("--q", default=None, help="Title contains.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (the API's shape).")
def jobs_list(
    slug: str,
    status: str | None,
    department: str | None,
    q: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Newest first, as GET /api/v1/jobs (paged by cursor: any --limit)."""
    from peoplelens.jobs.service import list_jobs
    from peoplelens.kit.pagination import PageRequest

    db = _database()
    rows: list[dict[str, Any]] = []
    try:
        principal = _principal(db, slug)
        cursor = None
        with db.read_session() as session:
            while len(rows) < limit:
                page = PageRequest(limit=min(PAGE, limit - len(rows)), cursor=cursor)
                data, result = list_jobs(session, principal, page, status, department, q)
                rows += [j.model_dump(mode="json") for j in data]
                cursor = result.next_cursor
                if cursor is None:
                    break
    finally:
        db.dispose()
    emit_rows(rows, JOB_COLUMNS, as_json)
