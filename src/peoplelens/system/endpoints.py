"""Unauthenticated operational endpoints."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text

from peoplelens.runtime import Runtime

router = APIRouter(tags=["system"])


@router.get("/healthz")
def health(request: Request) -> dict[str, str]:
    """Liveness and database reachability, for load balancers."""
    runtime: Runtime = request.app.state.runtime
    with runtime.db.read_session() as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok"}
