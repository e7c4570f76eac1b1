"""The transaction step: one transaction around the endpoint, committed only after it returned.

Which transaction is the route's declaration (``boundary/route.py``): none for a read-lane
route, the write lane's raw-driver transaction for a route taking ``WriteLaneDep``, else an ORM
session (``BEGIN IMMEDIATE`` on SQLite for writes). Both are a
:class:`~peoplelens.kit.db.transaction.Transaction`, so the idempotency step inside runs the
same code on either. An exception rolls everything back; a constraint violation means a
concurrent request won a race (answered as it was, or 409); a lock or statement timeout is a
503 the client may retry.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Literal

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from peoplelens.auth.principal import Principal
from peoplelens.boundary import idempotency
from peoplelens.kit.db.errors import INTEGRITY_ERRORS, database_busy
from peoplelens.kit.db.transaction import Transaction, session_transaction
from peoplelens.kit.errors import DatabaseBusy
from peoplelens.runtime import Runtime

TxKind = Literal["read_lane", "write_lane", "read_session", "write_session"]


@contextlib.asynccontextmanager
async def opened(runtime: Runtime, kind: TxKind) -> AsyncIterator[Transaction]:
    if kind == "write_lane":
        async with runtime.db.writes.transaction() as lane_tx:
            yield lane_tx
        return
    factory = runtime.db.write_session if kind == "write_session" else runtime.db.read_session
    async with session_transaction(factory) as session_tx:
        yield session_tx


async def run(
    request: Request,
    runtime: Runtime,
    kind: TxKind,
    principal: Principal | None,
    endpoint: Callable[[Request], Awaitable[Response]],
) -> Response:
    """The endpoint's answer, its changes committed (see the module docstring)."""
    if kind == "read_lane":
        return await endpoint(request)
    keyed = await idempotency.keyed(request, principal)
    if kind.startswith("write"):
        await request.body()  # read now, so the size limit applies before any work
    # SQLite has one writer: this process's writes queue here, in order, rather than in
    # SQLite's busy handler, whose growing sleeps made p99 ≈ 1.4 s.
    lock = runtime.write_lock if kind.startswith("write") else None
    try:
        async with lock or contextlib.nullcontext(), opened(runtime, kind) as tx:
            request.state.tx = tx
            if keyed is None or principal is None:
                response = await endpoint(request)
            else:
                response = await idempotency.run_once(
                    tx,
                    principal,
                    keyed,
                    lambda: endpoint(request),
                    ttl_hours=runtime.settings.idempotency_ttl_hours,
                    sealer=runtime.idempotent_answers,
                )
        runtime.after_commit(tx.info)
        if runtime.needs_io_after_commit(tx.info):
            await run_in_threadpool(runtime.after_commit_io, tx.info)
        return response
    except INTEGRITY_ERRORS:
        return await idempotency.after_race(
            runtime.db.reads,
            principal,
            keyed,
            runtime.idempotent_answers,
            runtime.settings.idempotency_ttl_hours,
        )
    except Exception as exc:
        if not database_busy(exc):
            raise
        # Rolled back like any failure; unlike most, worth retrying: say so.
        raise DatabaseBusy(
            "The database is busy; nothing was changed. Retry in a moment.",
            headers={"Retry-After": "1"},
        ) from exc
