"""Unauthenticated operational endpoints (spec §11): liveness, readiness, metrics.

None of them is rate-limited or needs an API key: load balancers and Prometheus call them.
/metrics has its own protection (a token, or not served here at all).
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from peoplelens.kit.errors import NotFound, Unauthenticated
from peoplelens.runtime import Runtime
from peoplelens.system.metrics import exposition
from peoplelens.system.readiness import Readiness

router = APIRouter(tags=["system"])


@router.get("/healthz")
async def health() -> dict[str, str]:
    """Liveness: the process answers. No database query — a database blip must not make a load
    balancer restart every process; that is what /readyz reports."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "A check failed; `checks` names it."}})
def ready(request: Request) -> JSONResponse:
    """Readiness: the database answers, its schema is at this code's migration head, and Redis
    answers when `PEOPLELENS_REDIS_URL` is set. 503 names the failing check."""
    readiness: Readiness = request.app.state.readiness
    checks = readiness.cached_check()
    if readiness.ready(checks):
        return JSONResponse({"status": "ready", "checks": checks})
    return JSONResponse({"status": "not_ready", "checks": checks}, status_code=503)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Prometheus metrics, for a Bearer `PEOPLELENS_METRICS_TOKEN` only; without a token set
    this path does not exist (404): metrics are never open to the world by default."""
    runtime: Runtime = request.app.state.runtime
    token = runtime.settings.metrics_token
    if token is None:
        raise NotFound("No such route. See /docs for the API reference.", code="route_not_found")
    given = request.headers.get("authorization", "")
    scheme, _, credential = given.partition(" ")
    expected = token.get_secret_value().encode()
    # Constant time: how far a guess matched must not show in the answer's timing.
    if scheme.lower() != "bearer" or not hmac.compare_digest(credential.strip().encode(), expected):
        raise Unauthenticated("A valid metrics token is required.", code="invalid_metrics_token")
    body, content_type = exposition()
    return Response(body, media_type=content_type, headers={"Cache-Control": "no-store"})
