"""create_app(): middleware, error handlers, routers — nothing else."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from peoplelens import __version__
from peoplelens.audit.endpoints import router as audit_router
from peoplelens.auth.endpoints import router as api_keys_router
from peoplelens.boundary.hot import HotRoutes
from peoplelens.candidates.endpoints import router as candidates_router
from peoplelens.candidates.imports.endpoints import IMPORT_PATH
from peoplelens.candidates.imports.endpoints import router as imports_router
from peoplelens.candidates.imports.endpoints import uploads as import_uploads_router
from peoplelens.config import Settings, get_settings
from peoplelens.documents.endpoints import downloads as document_downloads_router
from peoplelens.documents.endpoints import router as documents_router
from peoplelens.documents.endpoints import uploads as document_uploads_router
from peoplelens.documents.isolated import close_readers
from peoplelens.emails.endpoints import router as emails_router
from peoplelens.events.endpoints import router as events_router
from peoplelens.inbound.endpoints import QUERY_TOKEN_PATHS
from peoplelens.inbound.endpoints import router as inbound_router
from peoplelens.interviews.conversation.endpoints import router as sessions_router
from peoplelens.interviews.plans.endpoints import router as plans_router
from peoplelens.interviews.scheduling.endpoints import router as scheduling_router
from peoplelens.interviews.scorecards.endpoints import router as scorecards_router
from peoplelens.jobs.endpoints import router as jobs_router
from peoplelens.kit import query_token, telemetry
from peoplelens.kit.http_errors import install_error_handlers, use_error_style
from peoplelens.kit.logs import configure_logging
from peoplelens.kit.middleware import RequestContextMiddleware
from peoplelens.runtime import Runtime
from peoplelens.scim.endpoints import router as scim_router
from peoplelens.scim.errors import scim_error
from peoplelens.scim.route import SCIM_PREFIX
from peoplelens.sso.endpoints import pages as sso_pages
from peoplelens.sso.endpoints import router as sso_router
from peoplelens.system.docs import install_docs
from peoplelens.system.endpoints import router as system_router
from peoplelens.system.metrics import QUEUES
from peoplelens.system.readiness import Readiness
from peoplelens.templates.ai_endpoints import router as template_ai_router
from peoplelens.templates.endpoints import router as templates_router
from peoplelens.users.endpoints import router as users_router
from peoplelens.users.endpoints import unversioned as users_unversioned_router
from peoplelens.web.booking import router as booking_router
from peoplelens.web.candidates import router as candidate_pages
from peoplelens.web.endpoints import HERE as WEB_DIR
from peoplelens.web.endpoints import router as web_router
from peoplelens.web.interview_templates import router as template_pages
from peoplelens.web.jobs import router as job_pages
from peoplelens.web.my_interviews import router as my_interview_pages
from peoplelens.web.reviews import router as review_pages
from peoplelens.web.set_password import router as set_password_router
from peoplelens.web.settings import router as settings_pages
from peoplelens.web.signin import router as signin_router
from peoplelens.web.workspace import router as workspace_pages
from peoplelens.webhooks.endpoints import router as webhooks_router
from peoplelens.worker.runner import WorkerLoop

STATIC_DIR = WEB_DIR / "static"
# The recruiter workspace's pages (spec §12), every route a web/route.py WebRoute.
WORKSPACE_PAGES = (
    workspace_pages,
    candidate_pages,
    review_pages,
    my_interview_pages,
    job_pages,
    template_pages,
    settings_pages,
)

API_DESCRIPTION = """
PeopleLens: candidates, jobs, interview templates and AI-led interview plans, compatible with
the published PeopleLens developer API.

**Authentication**: `Authorization: Bearer <API key>`. **Errors**: always
`{"error": {type, code, message, param, request_id}}`. **Idempotency**: every POST accepts an
`Idempotency-Key` header. **Paging**: `limit`/`offset`, or `cursor` with
`pagination.next_cursor`. **Caching**: single-object GETs send a strong `ETag`.
**Text**: UTF-8; the NUL character (U+0000) is refused in every field and parameter (422).
"""


class PeopleLensApp(FastAPI):
    """FastAPI, with the query-string credential taken out before anything sees the request
    (FastAPI's own tracing, outside every middleware, records the query: kit/query_token.py)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query_token.take(scope, QUERY_TOKEN_PATHS)
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    otel = telemetry.wanted(settings.otel_enabled) and telemetry.configure_tracing()
    configure_logging(json_lines=settings.env == "production", trace_ids=otel)
    runtime = Runtime.build(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Everything loaded so far (modules, routes, compiled statements) lives for the whole
        # process: keep it out of the collector's full passes, the source of p99 spikes.
        gc.collect()
        gc.freeze()
        worker = None
        if settings.embedded_worker:
            worker = WorkerLoop(runtime.db, runtime.task_context())
            worker.start_thread()
        yield
        if worker is not None:
            worker.stop(settings.shutdown_grace_seconds)
        close_readers()
        readiness.close()
        await runtime.db.writes.close()
        await runtime.db.reads.close()
        runtime.db.dispose()

    app = PeopleLensApp(
        title="PeopleLens API",
        version=__version__,
        description=API_DESCRIPTION,
        lifespan=lifespan,
        # FastAPI's built-in OpenTelemetry hooks re-read their configuration on every request
        # (~5 µs); PeopleLens logs one JSON line per request instead (kit/logs.py).
        # PEOPLELENS_OTEL_ENABLED (kit/telemetry.py) turns its tracing on.
        telemetry={"tracing": otel, "metrics": False, "logs": False},
        # /docs and /redoc are served from local assets instead (system/docs.py): no CDN.
        docs_url=None,
        redoc_url=None,
    )
    install_docs(app)
    app.state.runtime = runtime
    # /readyz's checks and /metrics' queue statistics (spec §11).
    readiness = app.state.readiness = Readiness(
        runtime.db, settings.database_url, settings.shared_redis_url()
    )
    QUEUES.bind(runtime.db)
    install_error_handlers(app)
    use_error_style(app, SCIM_PREFIX, scim_error)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    routers = (
        candidates_router,
        imports_router,
        import_uploads_router,
        documents_router,
        document_uploads_router,
        document_downloads_router,
        jobs_router,
        template_ai_router,
        templates_router,
        plans_router,
        scorecards_router,
        scheduling_router,
        sessions_router,
        webhooks_router,
        inbound_router,
        emails_router,
        audit_router,
        events_router,
        api_keys_router,
        users_router,
        users_unversioned_router,
        sso_router,
        system_router,
        scim_router,
        web_router,
        booking_router,
        sso_pages,
        signin_router,
        set_password_router,
        *WORKSPACE_PAGES,
    )
    for router in routers:
        app.include_router(router)
    app.router.redirect_slashes = False  # spec §1: a trailing slash is never a redirect
    app.state.hot_routes = HotRoutes.of(app)
    app.add_middleware(
        RequestContextMiddleware,
        max_json_bytes=settings.max_json_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
        hot_routes=app.state.hot_routes,
        error_styles=app.state.error_styles,
        upload_limits={IMPORT_PATH: settings.max_import_bytes},
    )
    return app
