"""The request boundary of every API route: auth, rate limit, one transaction, idempotency, ETag.

FastAPI calls :meth:`ApiRoute.get_route_handler` once per route; the handler it returns wraps
the endpoint so that, per request:

1. the API key is resolved once into a :class:`Principal` (``request.state.principal``);
2. the key's rate limit is applied (``RateLimit-*`` headers on every answer, 429 over it);
3. one session is opened — ``BEGIN IMMEDIATE`` on SQLite for writes — and committed only after
   the endpoint returned; any exception rolls everything back;
4. a POST with ``Idempotency-Key`` is answered from the stored first response, or has its
   response stored *in the same transaction* as its change (so a crash can neither lose the
   change nor let a retry apply it twice);
5. a 200 GET gets a strong ``ETag`` and a matching ``If-None-Match`` gets a bodyless 304.

Hot GET routes take the *read lane* (``ReadLaneDep``) instead of a session: no ORM session and
no transaction are opened for them — their repository reads one statement with the raw driver.
Hot write routes take the *write lane* (``WriteLaneDep``): steps 3–4 are the same, but the one
transaction is a raw-driver ``WriteTx`` on the event loop, not a session.
An ``async`` endpoint whose parameters are only ``str`` path parameters and dependencies that
take just the request is called directly, without FastAPI's per-request dependency solver; its
OpenAPI description is unchanged (FastAPI still builds it from the signature).
"""

from __future__ import annotations

import hashlib
import inspect
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from peoplelens.auth.principal import Principal
from peoplelens.kit import idempotency
from peoplelens.kit.db.errors import INTEGRITY_ERRORS, database_busy
from peoplelens.kit.errors import Conflict, DatabaseBusy, InvalidRequest, UnsupportedMediaType
from peoplelens.models import IdempotencyRecord

if TYPE_CHECKING:
    from peoplelens.kit.db.reads import ReadLane
    from peoplelens.kit.db.writes import WriteTx
    from peoplelens.runtime import Runtime

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    if length is not None:
        return length.strip() not in ("", "0")
    return "transfer-encoding" in request.headers


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    candidates = [part.strip() for part in if_none_match.split(",")]
    return any(c.removeprefix("W/") == etag for c in candidates)


async def read_lane(request: Request) -> ReadLane:
    """The dependency behind ``ReadLaneDep`` (auth/dependencies.py)."""
    runtime: Runtime = request.app.state.runtime
    return runtime.db.reads


async def write_lane(request: Request) -> WriteTx:
    """The dependency behind ``WriteLaneDep``: the transaction the route handler opened."""
    tx: WriteTx = request.state.write_tx
    return tx


def _takes_only_request(dependant: Dependant) -> bool:
    return (
        dependant.request_param_name is not None
        and inspect.iscoroutinefunction(dependant.call)
        and not (
            dependant.path_params
            or dependant.query_params
            or dependant.header_params
            or dependant.cookie_params
            or dependant.body_params
            or dependant.dependencies
            or dependant.response_param_name
            or dependant.background_tasks_param_name
            or dependant.security_scopes_param_name
        )
    )


def direct_call(
    endpoint: Callable[..., Any], dependant: Dependant
) -> Callable[[Request], Awaitable[Response]] | None:
    """A caller that binds the endpoint's arguments itself, or None when FastAPI must solve
    them (query, header or body parameters; typed path parameters; nested dependencies)."""
    if not inspect.iscoroutinefunction(endpoint) or not all(
        p.field_info.annotation is str for p in dependant.path_params
    ):
        return None
    if not all(_takes_only_request(sub) and sub.name for sub in dependant.dependencies):
        return None
    if (
        dependant.query_params
        or dependant.header_params
        or dependant.cookie_params
        or dependant.body_params
        or dependant.request_param_name
        or dependant.response_param_name
        or dependant.background_tasks_param_name
    ):
        return None
    path_names = [p.name for p in dependant.path_params]
    resolvers = [(str(sub.name), sub.call) for sub in dependant.dependencies]

    async def call(request: Request) -> Response:
        kwargs: dict[str, Any] = {name: request.path_params[name] for name in path_names}
        for name, resolve in resolvers:
            kwargs[name] = await resolve(request)  # type: ignore[misc]
        response = await endpoint(**kwargs)
        if not isinstance(response, Response):
            raise TypeError(f"{endpoint.__name__} must return a Response (json_response(...)).")
        return response

    return call


def _commit_and_close(session: Session) -> None:
    """One thread hop for the end of a request (each hop costs as much as a small query)."""
    try:
        session.commit()
    finally:
        session.close()


def _rollback_and_close(session: Session) -> None:
    try:
        session.rollback()
    finally:
        session.close()


class ApiRoute(APIRoute):
    """Route class of every authenticated ``/api`` router (see module docstring)."""

    accepts_multipart: bool = False
    # False for the candidate-side routes, where the link token in the path is the credential
    # (the endpoint resolves it); no API key, no per-key limit, no Idempotency-Key.
    authenticated: bool = True

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        methods = self.methods or set()
        writes = bool(methods & WRITE_METHODS)
        is_get = "GET" in methods
        endpoint_handler = direct_call(self.endpoint, self.dependant)
        lane_only = any(sub.call is read_lane for sub in self.dependant.dependencies)
        if lane_only and (writes or not inspect.iscoroutinefunction(self.endpoint)):
            raise TypeError(f"{self.path}: read-lane routes are GETs with an async endpoint.")
        # Read-lane routes called directly (no query parameters to solve) are also dispatched
        # straight from the outermost middleware (HotRoutes).
        self.hot = lane_only and endpoint_handler is not None
        lane_writes = any(sub.call is write_lane for sub in self.dependant.dependencies)
        if lane_writes and (not writes or not inspect.iscoroutinefunction(self.endpoint)):
            raise TypeError(f"{self.path}: write-lane routes are writes with an async endpoint.")
        if endpoint_handler is None:
            endpoint_handler = super().get_route_handler()
        self.lane_only = lane_only

        async def handle(request: Request) -> Response:
            runtime: Runtime = request.app.state.runtime
            if writes and _has_body(request):
                ctype = request.headers.get("content-type", "")
                if not _is_json(ctype) and not (
                    self.accepts_multipart and ctype.startswith("multipart/form-data")
                ):
                    raise UnsupportedMediaType(
                        "Send the body as JSON with 'Content-Type: application/json'."
                    )
            if b"%00" in request.scope["query_string"].lower():
                raise InvalidRequest(
                    "Query parameters must not contain the NUL character (%00).",
                    code="invalid_character",
                )
            principal: Principal | None = None
            if self.authenticated:
                authorization = request.headers.get("authorization")
                resolved = runtime.keys.from_cache(authorization)
                if resolved is None:
                    resolved = await run_in_threadpool(runtime.authenticate, authorization)
                principal = request.state.principal = resolved
                request.scope["state"]["ratelimit_headers"] = runtime.rate_limiter.hit(resolved)
            else:
                # Link-token routes: no key to count against, so count the client address
                # (slows token guessing and chat flooding; tokens are 256-bit anyway).
                client = request.client.host if request.client else "unknown"
                request.scope["state"]["ratelimit_headers"] = runtime.rate_limiter.hit_key(
                    "link-client",
                    client,
                    runtime.settings.link_rate_limit_per_minute,
                    "for this address",
                )

            idem_key = (
                request.headers.get("idempotency-key")
                if request.method == "POST" and principal is not None
                else None
            )
            request_hash = ""
            if idem_key is not None:
                body = await request.body()
                request_hash = idempotency.request_hash(request.method, request.url.path, body)
            elif writes:
                await request.body()  # read now, so the size limit applies before any work

            async def transact() -> Response:
                factory = runtime.db.write_session if writes else runtime.db.read_session
                session: Session = factory()
                request.state.session = session
                try:
                    placeholder: IdempotencyRecord | None = None
                    if idem_key is not None and principal is not None:
                        idempotency.validate_key(idem_key)
                        claimed = await run_in_threadpool(
                            idempotency.claim,
                            session,
                            principal,
                            idem_key,
                            request_hash,
                            runtime.settings.idempotency_ttl_hours,
                        )
                        if isinstance(claimed, Response):
                            await run_in_threadpool(_rollback_and_close, session)
                            return claimed
                        placeholder = claimed
                    response = await endpoint_handler(request)
                    if placeholder is not None:
                        if not 200 <= response.status_code < 300:
                            # Error answers changed nothing and are not kept: a retry runs again.
                            await run_in_threadpool(_rollback_and_close, session)
                            return response
                        await run_in_threadpool(
                            idempotency.complete, session, placeholder, response
                        )
                    info = dict(session.info)
                    await run_in_threadpool(_commit_and_close, session)
                    if info:
                        runtime.after_commit(info)
                    return response
                except IntegrityError:
                    # A concurrent request committed a conflicting row first (same e-mail, same
                    # Idempotency-Key…): nothing of ours was kept; answer as the winner did, or 409.
                    await run_in_threadpool(_rollback_and_close, session)
                    return await after_race()
                except BaseException:
                    await run_in_threadpool(_rollback_and_close, session)
                    raise

            async def transact_on_lane() -> Response:
                try:
                    async with runtime.db.writes.transaction() as tx:
                        request.state.write_tx = tx
                        placeholder: uuid.UUID | None = None
                        if idem_key is not None and principal is not None:
                            idempotency.validate_key(idem_key)
                            claimed = await idempotency.claim_on_lane(
                                tx,
                                principal,
                                idem_key,
                                request_hash,
                                runtime.settings.idempotency_ttl_hours,
                            )
                            if isinstance(claimed, Response):
                                tx.discard()
                                return claimed
                            placeholder = claimed
                        response = await endpoint_handler(request)
                        if placeholder is not None:
                            if not 200 <= response.status_code < 300:
                                tx.discard()  # as above: error answers are not kept
                            elif principal is not None:
                                idempotency.complete_on_lane(tx, principal, placeholder, response)
                    return response
                except INTEGRITY_ERRORS:
                    return await after_race()

            async def after_race() -> Response:
                if idem_key is None or principal is None:
                    raise Conflict(
                        "A conflicting change was committed at the same time; nothing was "
                        "changed. Retry the request.",
                        code="concurrent_conflict",
                    ) from None
                return await run_in_threadpool(
                    idempotency.replay_after_race,
                    runtime.db.read_session,
                    principal,
                    idem_key,
                    request_hash,
                )

            try:
                if lane_only:
                    response = await endpoint_handler(request)
                elif lane_writes and runtime.write_lock is not None:
                    async with runtime.write_lock:
                        response = await transact_on_lane()
                elif lane_writes:
                    response = await transact_on_lane()
                elif writes and runtime.write_lock is not None:
                    # SQLite has one writer: queue this process's writes here, in order, instead
                    # of in SQLite's busy handler, whose growing sleeps made p99 ≈ 1.4 s.
                    async with runtime.write_lock:
                        response = await transact()
                else:
                    response = await transact()
            except Exception as exc:
                if not database_busy(exc):
                    raise
                # Rolled back like any failure; unlike most, worth retrying: say so.
                raise DatabaseBusy(
                    "The database is busy; nothing was changed. Retry in a moment.",
                    headers={"Retry-After": "1"},
                ) from exc

            if is_get and response.status_code == 200:
                etag = etag_for(bytes(response.body))
                inm = request.headers.get("if-none-match")
                if inm and etag_matches(inm, etag):
                    return Response(status_code=304, headers={"ETag": etag})
                response.headers["ETag"] = etag
            return response

        self.handle_request = handle
        return handle


class TokenRoute(ApiRoute):
    """Candidate-side JSON routes: same transaction and error rules, no API key."""

    authenticated = False
