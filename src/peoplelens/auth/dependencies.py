"""Typed dependency aliases: endpoints declare the scope they need and never read headers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.kit.db.reads import ReadLane
from peoplelens.kit.db.writes import WriteTx
from peoplelens.kit.errors import PermissionDenied
from peoplelens.kit.routing import read_lane, write_lane
from peoplelens.runtime import Runtime


def _scoped(scope: str) -> object:
    async def dependency(request: Request) -> Principal:
        principal: Principal = request.state.principal
        if not principal.allows(scope):
            raise PermissionDenied(
                f"This API key lacks the '{scope}' scope needed for this request.",
                code="insufficient_scope",
            )
        return principal

    dependency.__name__ = f"require_{scope}"
    return dependency


async def _session(request: Request) -> Session:
    session: Session = request.state.session
    return session


async def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


ReadPrincipal = Annotated[Principal, Depends(_scoped("read"))]
WritePrincipal = Annotated[Principal, Depends(_scoped("write"))]
AdminPrincipal = Annotated[Principal, Depends(_scoped("admin"))]
SessionDep = Annotated[Session, Depends(_session)]
# Routes taking the read lane get no ORM session and no transaction (kit/routing.py).
ReadLaneDep = Annotated[ReadLane, Depends(read_lane)]
# Routes taking the write lane get the request's one transaction on the raw driver instead.
WriteLaneDep = Annotated[WriteTx, Depends(write_lane)]
RuntimeDep = Annotated[Runtime, Depends(_runtime)]
