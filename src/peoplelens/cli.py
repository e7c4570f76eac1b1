"""The ``peoplelens`` command: the single entry point for operators."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import click

from peoplelens.console import settings_or_exit as _settings
from peoplelens.console import tenant_named as _tenant

if TYPE_CHECKING:
    pass


@click.group()
def main() -> None:
    """PeopleLens: AI-led interviews and candidate pipelines."""


@main.command()
def migrate() -> None:
    """Bring the database schema up to date (Alembic)."""
    from peoplelens.migrate import upgrade

    settings = _settings()
    upgrade(settings.database_url)
    click.echo("database is up to date", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes sharing the port (PostgreSQL only).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Run the API (migrating the database first).

    The links the service hands out (booking links) point at PEOPLELENS_PUBLIC_URL; when that
    is not set, at where this server listens (--host, --port). SIGTERM stops it gracefully:
    no new connections, in-flight requests and the embedded worker's round finish (within
    PEOPLELENS_SHUTDOWN_GRACE_SECONDS), then it exits.
    """
    import uvicorn

    from peoplelens.kit.db.single_process import SecondProcess, SingleProcessLocks, sqlite_file
    from peoplelens.kit.logs import configure_logging
    from peoplelens.migrate import upgrade

    follow_listen_address(host, port)
    settings = _settings()
    if workers > 1 and sqlite_file(settings.database_url) is not None:
        raise click.ClickException(
            "--workers needs PostgreSQL: SQLite has one writer, so one `serve` process is what "
            "it supports (set PEOPLELENS_DATABASE_URL=postgresql://… to run several)."
        )
    locks = SingleProcessLocks()
    try:
        locks.take(settings.database_url, "serve")
        if settings.embedded_worker:
            locks.take(settings.database_url, "worker")
    except SecondProcess as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"links point to {settings.public_url} (PEOPLELENS_PUBLIC_URL)", err=True)
    configure_logging(json_lines=settings.env == "production")
    upgrade(settings.database_url)
    from peoplelens.system.metrics import share_between_processes, start_listener

    share_between_processes(workers)  # before uvicorn starts the processes that count
    start_listener(settings)  # PEOPLELENS_METRICS_PORT: every process's metrics, here
    # uvicorn handles SIGTERM itself (the graceful part), then re-raises it under the handler
    # it found: with this one the process ends with status 0, "stopped as asked".
    signal.signal(signal.SIGTERM, _exit_cleanly)
    try:
        uvicorn.run(
            "peoplelens.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            access_log=False,
            proxy_headers=True,
            server_header=False,  # no software banner (SECURITY.md)
            timeout_graceful_shutdown=int(settings.shutdown_grace_seconds) or None,
        )
    finally:
        locks.close()


def _exit_cleanly(_signum: int, _frame: object) -> None:
    raise SystemExit(0)


def listen_url(host: str, port: int) -> str:
    """The URL a browser on this machine reaches a server listening on ``host:port`` at."""
    if host in {"", "0.0.0.0", "::"}:  # noqa: S104 — every interface: this machine is one
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def follow_listen_address(host: str, port: int) -> str:
    """Default PEOPLELENS_PUBLIC_URL to the listening address, and return the one in force.

    It goes into the environment before any app exists, so uvicorn's worker processes, which
    each build their app from the environment, hand out the same links.
    """
    return os.environ.setdefault("PEOPLELENS_PUBLIC_URL", listen_url(host, port))


@main.command()
def worker() -> None:
    """Run background work (webhook deliveries, scoring, resume parsing, e-mail) until stopped.

    SIGTERM or Ctrl-C stops it gracefully: the round in progress finishes (its deliveries are
    sent and recorded, its task committed), what it claimed but did not start is released for
    other workers, then it exits.
    """
    from peoplelens.kit.db.single_process import SecondProcess, SingleProcessLocks
    from peoplelens.kit.logs import configure_logging
    from peoplelens.migrate import upgrade
    from peoplelens.runtime import Runtime
    from peoplelens.worker.runner import WorkerLoop

    settings = _settings()
    locks = SingleProcessLocks()
    try:
        locks.take(settings.database_url, "worker")
    except SecondProcess as exc:
        raise click.ClickException(str(exc)) from None
    configure_logging(json_lines=settings.env == "production")
    upgrade(settings.database_url)
    runtime = Runtime.build(settings)
    from peoplelens.system.metrics import start_listener

    start_listener(settings, runtime.db)  # PEOPLELENS_METRICS_PORT: this worker's metrics
    loop = WorkerLoop(runtime.db, runtime.task_context())

    def stop(signum: int, _frame: object) -> None:
        loop.request_stop(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        loop.run_forever()
    finally:
        runtime.db.dispose()
        locks.close()


@main.group()
def tenants() -> None:
    """Manage tenants."""


@tenants.command("create")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--candidate-quota", type=int, default=None)
@click.option("--rate-limit", type=int, default=None, help="Requests per minute per key.")
def tenants_create(
    slug: str, name: str, candidate_quota: int | None, rate_limit: int | None
) -> None:
    """Create a tenant."""
    from peoplelens.db import Database
    from peoplelens.tenants.service import TenantExists, create_tenant

    db = Database.connect(_settings().database_url)
    try:
        with db.write_session() as session:
            try:
                tenant = create_tenant(
                    session,
                    slug,
                    name,
                    candidate_quota=candidate_quota,
                    rate_limit_per_minute=rate_limit,
                )
            except TenantExists:
                raise click.ClickException(f"tenant '{slug}' already exists") from None
            except ValueError as exc:
                raise click.ClickException(str(exc)) from None
            session.commit()
            click.echo(json.dumps({"id": str(tenant.id), "slug": tenant.slug, "name": tenant.name}))
    finally:
        db.dispose()


@tenants.command("set-retention")
@click.argument("slug")
@click.option("--idempotency-hours", type=str, default=None, help="N, or 'default'.")
@click.option("--events-days", type=str, default=None, help="Events, deliveries, attempts.")
@click.option("--tasks-days", type=str, default=None, help="Finished background tasks.")
@click.option("--emails-days", type=str, default=None, help="Sent or failed e-mails.")
def tenants_set_retention(
    slug: str,
    idempotency_hours: str | None,
    events_days: str | None,
    tasks_days: str | None,
    emails_days: str | None,
) -> None:
    """Set a tenant's retention windows ('default': the service-wide setting again)."""
    from peoplelens.db import Database
    from peoplelens.tenants.service import set_retention

    given = {
        "idempotency_retention_hours": idempotency_hours,
        "event_retention_days": events_days,
        "task_retention_days": tasks_days,
        "email_retention_days": emails_days,
    }
    windows: dict[str, int | None] = {}
    for column, raw in given.items():
        if raw is None:
            continue
        if raw == "default":
            windows[column] = None
        elif re.fullmatch(r"[0-9]{1,9}", raw) and int(raw) >= 1:
            windows[column] = int(raw)
        else:
            raise click.ClickException(f"{column}: a whole number of at least 1, or 'default'")
    db = Database.connect(_settings().database_url)
    try:
        with db.write_session() as session:
            tenant = _tenant(session, slug)
            try:
                set_retention(session, tenant, windows)
            except ValueError as exc:
                raise click.ClickException(str(exc)) from None
            session.commit()
            click.echo(json.dumps({column: getattr(tenant, column) for column in given}))
    finally:
        db.dispose()


@main.command()
def purge() -> None:
    """Run the retention sweep once and print what it removed, per kind (JSON)."""
    from peoplelens.db import Database
    from peoplelens.retention.tasks import sweep

    settings = _settings()
    db = Database.connect(settings.database_url)
    try:
        click.echo(json.dumps(sweep(db, settings)))
    finally:
        db.dispose()


@main.group("api-keys")
def api_keys() -> None:
    """Manage API keys."""


@api_keys.command("create")
@click.option("--tenant", "slug", required=True)
@click.option("--name", default="cli key", show_default=True)
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(["read", "write", "admin", "inbound"]),
    help="Repeatable; default read, write and admin. `inbound` alone: an ATS's webhook token.",
)
def api_keys_create(slug: str, name: str, scopes: tuple[str, ...]) -> None:
    """Create a key; the key alone is printed on the last line of stdout."""
    from peoplelens.auth.keys import create_key
    from peoplelens.auth.principal import Principal
    from peoplelens.db import Database

    db = Database.connect(_settings().database_url)
    try:
        with db.write_session() as session:
            tenant = _tenant(session, slug)
            row, secret = create_key(
                session, Principal.system(tenant.id), name=name, scopes=list(scopes) or None
            )
            session.commit()
            click.echo(f"created key-{row.id} ({', '.join(row.scopes)}) for tenant {slug}")
            click.echo(secret)
    finally:
        db.dispose()


@api_keys.command("revoke")
@click.argument("key_id")
def api_keys_revoke(key_id: str) -> None:
    """Revoke a key by its id (key-<uuid>); with PEOPLELENS_REDIS_URL every `serve` process
    refuses it on its next request, else within PEOPLELENS_API_KEY_CACHE_SECONDS."""
    from peoplelens.auth.keys import announce_revocations, revoke_key_anywhere
    from peoplelens.db import Database
    from peoplelens.kit.ids import try_parse
    from peoplelens.kit.shared_store import SharedStore

    parsed = try_parse("key", key_id)
    if parsed is None:
        raise click.ClickException("KEY_ID must look like key-<uuid>")
    settings = _settings()
    db = Database.connect(settings.database_url)
    try:
        with db.write_session() as session:
            if not revoke_key_anywhere(session, uuid.UUID(str(parsed))):
                raise click.ClickException(f"no active key {key_id}")
            session.commit()
            redis_url = settings.shared_redis_url()
            announced = True
            if redis_url:
                shared = SharedStore(redis_url)
                announced = announce_revocations(session.info, shared)
                shared.close()
    finally:
        db.dispose()
    click.echo(f"revoked {key_id}")
    if not announced:
        click.echo(
            "warning: Redis did not take the revocation signal; other `serve` processes refuse "
            "the key within PEOPLELENS_API_KEY_CACHE_SECONDS "
            f"({settings.api_key_cache_seconds:g} s)",
            err=True,
        )


@main.group()
def users() -> None:
    """Manage people (the first admin, before e-mail is configured)."""


@users.command("create")
@click.option("--tenant", "slug", required=True)
@click.option("--email", required=True)
@click.option("--role", default="admin", show_default=True, help="admin, recruiter or interviewer")
@click.option("--first-name", default="")
@click.option("--last-name", default="")
def users_create(slug: str, email: str, role: str, first_name: str, last_name: str) -> None:
    """Create a person and print their one-time set-password link on the last line.

    For a person who already exists (same e-mail), nothing about them changes: a fresh link is
    printed instead (a password reset), and any earlier unused link stops working. The link
    works once, for PEOPLELENS_SET_PASSWORD_LINK_HOURS (72 h), and points at
    PEOPLELENS_PUBLIC_URL.
    """
    _print_link(
        slug, email, create={"role": role, "first_name": first_name, "last_name": last_name}
    )


@users.command("reset-password")
@click.option("--tenant", "slug", required=True)
@click.option("--email", required=True)
def users_reset_password(slug: str, email: str) -> None:
    """Print a fresh one-time set-password link for a person (their password keeps working
    until the link is used; earlier unused links stop working)."""
    _print_link(slug, email, create=None)


def _print_link(slug: str, email: str, *, create: dict[str, str] | None) -> None:
    from pydantic import ValidationError

    from peoplelens.auth.principal import Principal
    from peoplelens.db import Database
    from peoplelens.kit.errors import ApiError
    from peoplelens.users.repository import UserRepository
    from peoplelens.users.schemas import UserCreate
    from peoplelens.users.service import create_user, set_password_link

    settings = _settings()
    db = Database.connect(settings.database_url)
    try:
        with db.write_session() as session:
            tenant = _tenant(session, slug)
            principal = Principal.system(tenant.id, via="cli")
            user = UserRepository(session, principal).by_email(email)
            if user is None and create is None:
                raise click.ClickException(f"no user {email} in tenant '{slug}'")
            if user is None:
                assert create is not None
                try:
                    data = UserCreate.model_validate({"email": email, **create})
                    user = create_user(session, principal, data, via="cli")
                except ValidationError as exc:
                    problem = exc.errors()[0]
                    raise click.ClickException(
                        f"{'.'.join(map(str, problem['loc']))}: {problem['msg']}"
                    ) from None
                except ApiError as exc:
                    raise click.ClickException(exc.message) from None
                said = f"created {user.role} {user.email} (usr-{user.id}) in tenant {slug}"
            else:
                if not user.is_enabled or user.deleted_at is not None:
                    raise click.ClickException(
                        f"{user.email} is deactivated in tenant '{slug}': enable them first"
                    )
                said = (
                    f"{user.email} (usr-{user.id}, {user.role}) exists: "
                    "a new link replaces earlier ones"
                )
            link = set_password_link(
                session,
                principal,
                user,
                public_url=settings.public_url,
                hours=settings.set_password_link_hours,
            )
            session.commit()
    finally:
        db.dispose()
    click.echo(said, err=True)
    if sys.stdout.isatty():  # captured (`make run`), the link goes elsewhere: no label left
        click.echo(
            f"one-time link to set the password (valid {settings.set_password_link_hours} h):",
            err=True,
        )
    click.echo(link)


@main.command()
def demo() -> None:
    """Create the demo tenant (once) and print its API key on the last line.

    The key is kept in PEOPLELENS_DEMO_KEY_FILE (default: next to the development secret,
    ./.peoplelens-demo-key, mode 0600) and printed again on later runs while it still works;
    otherwise a new key replaces it. With PEOPLELENS_ENV=production nothing is kept on disk (an
    admin key in a file is a liability there): every run prints a new key.
    """
    from peoplelens.demo import DEMO_ADMIN, read_key_file, seed_demo, settle_demo, write_key_file
    from peoplelens.migrate import upgrade
    from peoplelens.runtime import Runtime

    settings = _settings()
    upgrade(settings.database_url)
    key_file = None if settings.env == "production" else settings.resolved_demo_key_file()
    runtime = Runtime.build(settings)
    try:
        with runtime.db.write_session() as session:
            seeded = seed_demo(
                session, runtime, known_key=read_key_file(key_file) if key_file else None
            )
            kept = ""
            if key_file is not None and not seeded.key_reused:
                try:  # before the commit: a key that was never kept leaves no row behind
                    write_key_file(key_file, seeded.key)
                    kept = f" (kept in {key_file})"
                except OSError as exc:
                    kept = f" (could not keep it in {key_file}: {exc.strerror})"
            session.commit()
        settled = settle_demo(runtime, seeded.tenant_id) if seeded.tenant_created else 0
    finally:
        runtime.db.dispose()
    tenant = "created" if seeded.tenant_created else "reusing"
    click.echo(f"{tenant} demo tenant 'demo' (admin: {DEMO_ADMIN})", err=True)
    if settled:
        click.echo(
            f"ran the demo's {settled} background tasks (its interview scored, a resume parsed)",
            err=True,
        )
    if seeded.key_reused:
        click.echo(f"reusing the demo key kept in {key_file}", err=True)
    else:
        click.echo(f"new demo key{kept}", err=True)
    click.echo(seeded.key)


@main.group("import")
def import_() -> None:
    """Import data from files."""


@import_.command("candidates")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tenant", "slug", required=True)
@click.option("--job", "job", default=None, help="job-<uuid>: the job of rows naming none.")
@click.option("--all-or-nothing", is_flag=True, help="One rejected row rejects the file.")
def import_candidates(file: Path, slug: str, job: str | None, all_or_nothing: bool) -> None:
    """Import candidates from a CSV file, in this process (no worker needed).

    The same rules as POST /api/v1/candidates/import. A progress bar and a summary go to
    stderr, one JSON line with the counts to stdout. Exit status: 0 all rows imported or
    skipped as duplicates, 3 some rows rejected (the others imported), 1 the import failed.
    """
    from rich.console import Console

    from peoplelens.candidates.imports.console import import_file, summary_line
    from peoplelens.db import Database
    from peoplelens.kit.errors import ApiError
    from peoplelens.kit.ids import try_parse

    job_id = None
    if job is not None:
        job_id = try_parse("job", job)
        if job_id is None:
            raise click.ClickException("--job must look like job-<uuid>")
    db = Database.connect(_settings().database_url)
    try:
        with db.read_session() as session:
            tenant_id = _tenant(session, slug).id
        try:
            status, summary = import_file(
                db,
                tenant_id,
                file,
                job_id=job_id,
                all_or_nothing=all_or_nothing,
                err=Console(stderr=True),
            )
        except ApiError as exc:
            raise click.ClickException(exc.message) from None
    finally:
        db.dispose()
    click.echo(summary_line(summary))
    sys.exit(status)


@main.group("export")
def export() -> None:
    """Export data to files."""


@export.command("candidates")
@click.option("--tenant", "slug", required=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def export_candidates(slug: str, fmt: str, output: Path | None) -> None:
    """Export every candidate, oldest first, to stdout or --output: CSV (UTF-8 with BOM for
    Excel, formula-safe: cells a spreadsheet would run start with ') or JSON Lines (one
    candidate per line, as the API shows it). Streamed: memory stays flat at any size."""
    from peoplelens.auth.principal import Principal
    from peoplelens.candidates.export import lines
    from peoplelens.db import Database

    db = Database.connect(_settings().database_url)
    try:
        with db.read_session() as session:
            principal = Principal.system(_tenant(session, slug).id)
        chunks = lines(db, principal, "jsonl" if fmt == "jsonl" else "csv")
        if output is None:
            for chunk in chunks:
                sys.stdout.buffer.write(chunk.encode("utf-8"))
            sys.stdout.flush()
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                for chunk in chunks:
                    out.write(chunk)
    finally:
        db.dispose()


@main.command()
def openapi() -> None:
    """Print the OpenAPI document."""
    from peoplelens.app import create_app

    sys.stdout.write(json.dumps(create_app(_settings()).openapi(), indent=2) + "\n")


def _register_data_commands() -> None:
    """The operator's reads (``cli_data.py``), kept apart from the set-up commands."""
    from peoplelens import cli_data

    main.add_command(cli_data.candidates)
    main.add_command(cli_data.jobs)


_register_data_commands()
