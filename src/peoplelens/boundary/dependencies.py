"""Typed dependency aliases: endpoints declare what they need and never read headers.

The principal aliases also *declare* the route's scope (``ReadPrincipal`` → ``read``): the
request boundary reads it when the route is built and checks it right after authentication,
before rate limits, idempotent replays or any query (``boundary/route.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.kit.db.reads import ReadLane
from peoplelens.kit.db.transaction import SessionTx
from peoplelens.kit.db.writes import WriteTx
from peoplelens.runtime import Runtime

SCOPE_ATTRIBUTE = "required_scope"


def _principal_with(scope: str) -> Callable[[Request], Awaitable[Principal]]:
    async def dependency(request: Request) -> Principal:
        principal: Principal = request.state.principal  # checked by the boundary already
        return principal

    dependency.__name__ = f"require_{scope}"
    setattr(dependency, SCOPE_ATTRIBUTE, scope)
    return dependency


async def session_of(request: Request) -> Session:
    tx = request.state.tx
    assert isinstance(tx, SessionTx), "this route runs on a session (see boundary/route.py)"
    return tx.session


async def read_lane(request: Request) -> ReadLane:
    """Routes taking the read lane get no ORM session and no transaction."""
    runtime: Runtime = request.app.state.runtime
    return runtime.db.reads


async def write_lane(request: Request) -> WriteTx:
    """Routes taking the write lane get the request's one raw-driver transaction."""
    tx = request.state.tx
    assert isinstance(tx, WriteTx), "this route runs on the write lane (see boundary/route.py)"
    return tx


async def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


ReadPrincipal = Annotated[Principal, Depends(_principal_with("read"))]
WritePrincipal = Annotated[Principal, Depends(_principal_with("write"))]
AdminPrincipal = Annotated[Principal, Depends(_principal_with("admin"))]
SessionDep = Annotated[Session, Depends(session_of)]
ReadLaneDep = Annotated[ReadLane, Depends(read_lane)]
WriteLaneDep = Annotated[WriteTx, Depends(write_lane)]
RuntimeDep = Annotated[Runtime, Depends(_runtime)]
