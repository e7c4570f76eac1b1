"""The transactions a page handler opens: the API's (``boundary/transaction.py``), so a page
and an endpoint that call the same service commit, refuse and retry the same way.

* :func:`reading` — a read-only session, in a worker thread;
* :func:`writing` — one write session around ``work`` (in a worker thread), committed after
  it returned, with the same after-commit effects as an API request;
* :func:`writing_lane` — the write lane's raw-driver transaction, for the services that run
  there (candidate create and update);
* the read lane needs no transaction: pass ``runtime.db.reads`` to the service.

A constraint violation (a concurrent change won the race) is a 409 and a lock timeout a 503,
each with a sentence; nothing is committed then.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from peoplelens.boundary.transaction import opened
from peoplelens.kit.db.errors import INTEGRITY_ERRORS, database_busy
from peoplelens.kit.db.transaction import SessionTx
from peoplelens.kit.db.writes import WriteTx
from peoplelens.kit.errors import Conflict, DatabaseBusy
from peoplelens.runtime import Runtime

T = TypeVar("T")


def _read(runtime: Runtime, work: Callable[[Session], T]) -> T:
    with runtime.db.read_session() as session:
        return work(session)


async def reading(runtime: Runtime, work: Callable[[Session], T]) -> T:
    return await run_in_threadpool(_read, runtime, work)


async def _after(runtime: Runtime, info: dict[str, Any]) -> None:
    runtime.after_commit(info)
    if runtime.needs_io_after_commit(info):
        await run_in_threadpool(runtime.after_commit_io, info)


@contextlib.contextmanager
def _refusals() -> Any:
    try:
        yield
    except INTEGRITY_ERRORS:
        raise Conflict(
            "Someone else changed this at the same moment; reload the page and try again.",
            code="concurrent_change",
        ) from None
    except Exception as exc:
        if not database_busy(exc):
            raise
        raise DatabaseBusy(
            "The database is busy; nothing was changed. Try again in a moment."
        ) from exc


async def writing(runtime: Runtime, work: Callable[[Session], T]) -> T:
    """``work`` in one write session, committed when it returns (rolled back if it raises)."""
    with _refusals():
        lock = runtime.write_lock or contextlib.nullcontext()
        async with lock, opened(runtime, "write_session") as tx:
            assert isinstance(tx, SessionTx)
            result = await run_in_threadpool(work, tx.session)
        await _after(runtime, tx.info)
        return result


async def writing_lane(runtime: Runtime, work: Callable[[WriteTx], Awaitable[T]]) -> T:
    """``work`` in the write lane's transaction (the services written for it)."""
    with _refusals():
        lock = runtime.write_lock or contextlib.nullcontext()
        async with lock, opened(runtime, "write_lane") as tx:
            assert isinstance(tx, WriteTx)
            result = await work(tx)
        await _after(runtime, tx.info)
        return result
