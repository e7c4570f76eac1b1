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
# Set on the dependency of routes an interviewer may call for the plans assigned to them.
INTERVIEWER_ATTRIBUTE = "admits_interviewer"


def _principal_with(
    scope: str, *, admits_interviewer: bool = False
) -> Callable[[Request], Awaitable[Principal]]:
    async def dependency(request: Request) -> Principal:
        principal: Principal = request.state.principal  # checked by the boundary already
        return principal

    dependency.__name__ = f"require_{scope}" + ("_or_assigned" if admits_interviewer else "")
    setattr(dependency, SCOPE_ATTRIBUTE, scope)
    setattr(dependency, INTERVIEWER_ATTRIBUTE, admits_interviewer)
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
# An ATS's inbound webhook: only a key with the separate `inbound` scope (auth/principal.py).
InboundPrincipal = Annotated[Principal, Depends(_principal_with("inbound"))]
# A read an interviewer may also make, for what is assigned to them: the endpoint narrows it
# (``interviews/access.py``); keys need ``read``, other people their role.
AssignedReadPrincipal = Annotated[
    Principal, Depends(_principal_with("read", admits_interviewer=True))
]
# A write an interviewer may also make on their own step (their human scorecard).
AssignedWritePrincipal = Annotated[
    Principal, Depends(_principal_with("write", admits_interviewer=True))
]
SessionDep = Annotated[Session, Depends(session_of)]
ReadLaneDep = Annotated[ReadLane, Depends(read_lane)]
WriteLaneDep = Annotated[WriteTx, Depends(write_lane)]
RuntimeDep = Annotated[Runtime, Depends(_runtime)]
