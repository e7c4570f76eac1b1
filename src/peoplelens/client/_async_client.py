"""The async client. The sync client (``_sync_client.py``) is generated from this file by
``scripts/unasync_client.py`` (``async``/``await`` removed); a test keeps the two in step, so
each resource is written once. Add a resource: a class here, an attribute on the client."""

from __future__ import annotations

import asyncio
import builtins
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any, Generic, TypeVar

import httpx

from peoplelens.client import _core, errors, models
from peoplelens.client._core import Call, RetryPolicy, adapter, body, model
from peoplelens.client._pages import Page, page_of

T = TypeVar("T")
DEFAULT_TIMEOUT = 30.0


class AsyncTransport:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float,
        max_retries: int,
        http_client: httpx.AsyncClient | None,
    ) -> None:
        self.policy = RetryPolicy(max_retries=max_retries)
        self.http = http_client or httpx.AsyncClient(timeout=timeout)
        self.base_url = base_url.rstrip("/")
        self.auth = {"Authorization": f"Bearer {api_key}", "User-Agent": "peoplelens-client"}

    async def send(self, call: Call[T]) -> T:
        headers = {**self.auth, **call.request_headers()}
        url = self.base_url + call.path
        attempt = 0
        while True:
            try:
                response = await self.http.request(
                    call.method,
                    url,
                    params=call.clean_params(),
                    json=call.json,
                    files=call.files,
                    data=call.data,
                    headers=headers,
                )
            except httpx.TransportError as exc:
                if not self.policy.may_retry(call, headers, attempt):
                    raise errors.APIConnectionError(str(exc) or type(exc).__name__) from exc
                await asyncio.sleep(self.policy.delay(attempt, None))
                attempt += 1
                continue
            if _core.should_retry_status(response) and attempt < self.policy.max_retries:
                await asyncio.sleep(self.policy.delay(attempt, response))
                attempt += 1
                continue
            return _core.parse(call, response)

    async def close(self) -> None:
        await self.http.aclose()


class AsyncPager(Generic[T]):
    """Iterates every item, fetching the next page (by cursor) only when it is reached."""

    def __init__(
        self, transport: AsyncTransport, call: Call[Page[T]], cursor_param: str = "cursor"
    ) -> None:
        self._transport, self._call, self._cursor_param = transport, call, cursor_param

    async def page(self, cursor: str | None = None) -> Page[T]:
        params = {**(self._call.params or {}), self._cursor_param: cursor}
        return await self._transport.send(replace(self._call, params=params))

    async def __aiter__(self) -> AsyncIterator[T]:
        cursor: str | None = (self._call.params or {}).get(self._cursor_param)
        while True:
            page = await self.page(cursor)
            for item in page.data:
                yield item
            cursor = page.next_cursor
            # The event feed's cursor is never null (a poller keeps it): has_more ends it.
            if not cursor or not page.data or page.has_more is False:
                return


class AsyncResource:
    def __init__(self, transport: AsyncTransport) -> None:
        self._t = transport

    def _pager(
        self,
        path: str,
        item: type[T],
        params: dict[str, Any],
        key: str = "data",
        cursor_param: str = "cursor",
    ) -> AsyncPager[T]:
        call = Call("GET", path, page_of(item, key), params=params)
        return AsyncPager(self._t, call, cursor_param)


class AsyncDocuments(AsyncResource):
    async def list(self, candidate_id: str) -> builtins.list[models.Document]:
        path = f"/api/v1/candidates/{candidate_id}/documents"
        return await self._t.send(Call("GET", path, adapter(builtins.list[models.Document])))

    async def upload(
        self,
        candidate_id: str,
        file_name: str,
        content: bytes,
        content_type: str = "application/octet-stream",
        *,
        idempotency_key: str | None = None,
    ) -> models.DocumentUploaded:
        path = f"/api/v1/candidates/{candidate_id}/documents"
        files = {"file": (file_name, content, content_type)}
        return await self._t.send(
            Call(
                "POST",
                path,
                model(models.DocumentUploaded),
                files=files,
                headers=_key(idempotency_key),
            )
        )

    async def parsed(self, candidate_id: str) -> models.ParsedResume:
        path = f"/api/v1/candidates/{candidate_id}/documents/parsed"
        return await self._t.send(Call("GET", path, model(models.ParsedResume)))

    async def delete(self, candidate_id: str, document_id: str) -> models.Deleted:
        path = f"/api/v1/candidates/{candidate_id}/documents/{document_id}"
        return await self._t.send(Call("DELETE", path, model(models.Deleted)))


class AsyncImports(AsyncResource):
    """CSV imports (spec §14): upload a file, then follow its progress and per-row report."""

    async def create(
        self,
        file_name: str,
        content: bytes,
        *,
        job_id: str | None = None,
        all_or_nothing: bool = False,
        idempotency_key: str | None = None,
    ) -> models.Import:
        files = {"file": (file_name, content, "text/csv")}
        form = {"all_or_nothing": "true"} if all_or_nothing else {}
        if job_id is not None:
            form["job_id"] = job_id
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/candidates/import",
                model(models.Import),
                files=files,
                data=form,
                headers=_key(idempotency_key),
            )
        )

    async def retrieve(self, import_id: str, **params: Any) -> models.ImportDetail:
        """Progress and one page of the report (``outcome``, ``limit``, ``offset``,
        ``cursor`` = ``rows.pagination.next_cursor``)."""
        path = f"/api/v1/candidates/imports/{import_id}"
        return await self._t.send(Call("GET", path, model(models.ImportDetail), params=params))

    async def wait(
        self, import_id: str, *, timeout: float = 600.0, every: float = 0.5
    ) -> models.ImportDetail:
        """Polls until the import has finished (``completed`` or ``failed``)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = await self.retrieve(import_id)
            if found.status in ("completed", "failed"):
                return found
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"import {import_id} still {found.status} after {timeout} s")
            await asyncio.sleep(every)


class AsyncCandidates(AsyncResource):
    def __init__(self, transport: AsyncTransport) -> None:
        super().__init__(transport)
        self.documents = AsyncDocuments(transport)
        self.imports = AsyncImports(transport)

    def list(self, **filters: Any) -> AsyncPager[models.Candidate]:
        """Filters: status, job_id, stage, email, external_id, q, created_after, updated_after."""
        return self._pager("/api/v1/candidates", models.Candidate, filters)

    async def retrieve(self, candidate_id: str) -> models.Candidate:
        return await self._t.send(
            Call("GET", f"/api/v1/candidates/{candidate_id}", model(models.Candidate))
        )

    async def create(
        self, *, idempotency_key: str | None = None, **fields: Any
    ) -> models.Candidate:
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/candidates",
                model(models.Candidate),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    async def update(self, candidate_id: str, **fields: Any) -> models.Candidate:
        return await self._t.send(
            Call(
                "PATCH", f"/api/v1/candidates/{candidate_id}", model(models.Candidate), json=fields
            )
        )

    async def delete(self, candidate_id: str) -> models.Deleted:
        return await self._t.send(
            Call("DELETE", f"/api/v1/candidates/{candidate_id}", model(models.Deleted))
        )

    async def status(self, candidate_id: str) -> models.CandidateStatus:
        return await self._t.send(
            Call("GET", f"/api/v1/candidates/{candidate_id}/status", model(models.CandidateStatus))
        )

    async def bulk_create(
        self, candidates: builtins.list[dict[str, Any]], *, idempotency_key: str | None = None
    ) -> models.BulkCreated:
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/candidates/bulk",
                model(models.BulkCreated),
                json={"candidates": candidates},
                headers=_key(idempotency_key),
            )
        )


class AsyncJobs(AsyncResource):
    def list(self, **filters: Any) -> AsyncPager[models.Job]:
        return self._pager("/api/v1/jobs", models.Job, filters)

    async def retrieve(self, job_id: str) -> models.Job:
        return await self._t.send(Call("GET", f"/api/v1/jobs/{job_id}", model(models.Job)))

    async def create(self, *, idempotency_key: str | None = None, **fields: Any) -> models.Job:
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/jobs",
                model(models.Job),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    async def update(self, job_id: str, **fields: Any) -> models.Job:
        return await self._t.send(
            Call("PUT", f"/api/v1/jobs/{job_id}", model(models.Job), json=fields)
        )

    async def delete(self, job_id: str) -> models.Deleted:
        return await self._t.send(Call("DELETE", f"/api/v1/jobs/{job_id}", model(models.Deleted)))

    async def bulk_create(
        self, jobs: builtins.list[dict[str, Any]], *, idempotency_key: str | None = None
    ) -> models.BulkJobsCreated:
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/jobs/bulk",
                model(models.BulkJobsCreated),
                json={"jobs": jobs},
                headers=_key(idempotency_key),
            )
        )

    async def add_applicant(self, job_id: str, candidate_id: str) -> models.Applicant:
        return await self._t.send(
            Call(
                "POST",
                f"/api/v1/jobs/{job_id}/applicants",
                model(models.Applicant),
                json={"candidate_id": candidate_id},
            )
        )


class AsyncTemplates(AsyncResource):
    def list(self, **filters: Any) -> AsyncPager[models.Template]:
        return self._pager("/api/v1/templates", models.Template, filters)

    async def retrieve(self, template_id: str) -> models.Template:
        return await self._t.send(
            Call("GET", f"/api/v1/templates/{template_id}", model(models.Template))
        )

    async def create(self, *, idempotency_key: str | None = None, **fields: Any) -> models.Template:
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/templates",
                model(models.Template),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    async def update(self, template_id: str, **fields: Any) -> models.Template:
        return await self._t.send(
            Call("PUT", f"/api/v1/templates/{template_id}", model(models.Template), json=fields)
        )

    async def delete(self, template_id: str) -> models.Deleted:
        return await self._t.send(
            Call("DELETE", f"/api/v1/templates/{template_id}", model(models.Deleted))
        )

    async def generate(self, job_description: str, **fields: Any) -> models.Generate:
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/templates/generate",
                model(models.Generate),
                json={"job_description": job_description, **fields},
            )
        )


class AsyncAvatars(AsyncResource):
    async def list(self) -> builtins.list[models.Avatar]:
        return await self._t.send(
            Call(
                "GET", "/api/v1/avatars", lambda p: adapter(builtins.list[models.Avatar])(p["data"])
            )
        )


class AsyncInterviews(AsyncResource):
    def list(self, **filters: Any) -> AsyncPager[models.Plan]:
        return self._pager("/api/v1/interviews", models.Plan, filters)

    def booking_links(self, **filters: Any) -> AsyncPager[models.BookingLinkListItem]:
        return self._pager(
            "/api/v1/interviews/booking-links",
            models.BookingLinkListItem,
            filters,
            key="booking_links",
        )

    async def invite(self, *, idempotency_key: str | None = None, **fields: Any) -> models.Invite:
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/interviews/invite",
                model(models.Invite),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    async def retrieve(self, plan_id: str) -> models.Plan:
        return await self._t.send(Call("GET", f"/api/v1/interviews/{plan_id}", model(models.Plan)))

    async def cancel(self, plan_id: str) -> models.Plan:
        return await self._t.send(
            Call("POST", f"/api/v1/interviews/{plan_id}/cancel", model(models.Plan))
        )

    async def decision(self, plan_id: str, status: str, **fields: Any) -> models.Plan:
        return await self._t.send(
            Call(
                "POST",
                f"/api/v1/interviews/{plan_id}/decision",
                model(models.Plan),
                json={"status": status, **fields},
            )
        )

    async def scorecard(self, plan_id: str) -> models.PlanScorecard:
        return await self._t.send(
            Call("GET", f"/api/v1/interviews/{plan_id}/scorecard", model(models.PlanScorecard))
        )

    async def transcript(self, plan_id: str) -> models.Transcript:
        return await self._t.send(
            Call("GET", f"/api/v1/interviews/{plan_id}/transcript", model(models.Transcript))
        )

    async def schedule(self, plan_id: str, **fields: Any) -> models.Schedule:
        return await self._t.send(
            Call(
                "POST",
                f"/api/v1/interviews/{plan_id}/schedule",
                model(models.Schedule),
                json=fields,
            )
        )

    async def submit_scorecard(
        self, plan_id: str, step_id: str, **fields: Any
    ) -> models.HumanScorecard:
        path = f"/api/v1/interviews/{plan_id}/steps/{step_id}/scorecard"
        return await self._t.send(Call("POST", path, model(models.HumanScorecard), json=fields))

    async def complete_step(
        self, plan_id: str, step_id: str, status: str | None = None
    ) -> models.Plan:
        path = f"/api/v1/interviews/{plan_id}/steps/{step_id}/complete"
        return await self._t.send(Call("POST", path, model(models.Plan), json=body(status=status)))

    async def cancel_step(self, plan_id: str, step_id: str) -> models.Plan:
        return await self._t.send(
            Call("POST", f"/api/v1/interviews/{plan_id}/steps/{step_id}/cancel", model(models.Plan))
        )


class AsyncSessions(AsyncResource):
    """The candidate's side, authorised by the booking token (the client's key is sent too)."""

    async def retrieve(self, token: str) -> models.Session:
        return await self._t.send(
            Call("GET", f"/api/v1/interview-sessions/{token}", model(models.Session))
        )

    async def consent(self, token: str) -> models.Session:
        return await self._t.send(
            Call(
                "POST",
                f"/api/v1/interview-sessions/{token}/consent",
                model(models.Session),
                json={"consent": True},
            )
        )

    async def answer(self, token: str, text: str) -> models.Session:
        return await self._t.send(
            Call(
                "POST",
                f"/api/v1/interview-sessions/{token}/messages",
                model(models.Session),
                json={"text": text},
            )
        )


class AsyncUsers(AsyncResource):
    def list(self, **filters: Any) -> AsyncPager[models.User]:
        return self._pager("/api/v1/users", models.User, filters)

    async def retrieve(self, user_id: str) -> models.User:
        return await self._t.send(Call("GET", f"/api/v1/users/{user_id}", model(models.User)))

    async def me(self) -> models.User:
        return await self._t.send(Call("GET", "/api/v1/users/me", model(models.User)))

    async def create(
        self, *, idempotency_key: str | None = None, **fields: Any
    ) -> models.UserCreated:
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/users",
                model(models.UserCreated),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    async def update(self, user_id: str, **fields: Any) -> models.User:
        return await self._t.send(
            Call("PATCH", f"/api/v1/users/{user_id}", model(models.User), json=fields)
        )

    async def deactivate(self, user_id: str) -> models.User:
        return await self._t.send(Call("DELETE", f"/api/v1/users/{user_id}", model(models.User)))


class AsyncApiKeys(AsyncResource):
    async def list(self) -> builtins.list[models.ApiKey]:
        return await self._t.send(
            Call(
                "GET",
                "/api/v1/api-keys",
                lambda p: adapter(builtins.list[models.ApiKey])(p["data"]),
            )
        )

    async def create(
        self,
        name: str,
        *,
        scopes: builtins.list[str] | None = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> models.ApiKeyCreated:
        json = body(name=name, scopes=scopes, **fields)
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/api-keys",
                model(models.ApiKeyCreated),
                json=json,
                headers=_key(idempotency_key),
            )
        )

    async def revoke(self, key_id: str) -> models.ApiKey:
        return await self._t.send(
            Call("DELETE", f"/api/v1/api-keys/{key_id}", model(models.ApiKey))
        )


class AsyncAuditLogs(AsyncResource):
    def list(self, **filters: Any) -> AsyncPager[models.AuditEntry]:
        """Filters: action, since, limit."""
        return self._pager("/api/v1/audit-logs", models.AuditEntry, filters)


class AsyncEvents(AsyncResource):
    """The event feed (spec §14): ``starting_after=`` continues after an event id."""

    def list(self, **filters: Any) -> AsyncPager[models.FeedEvent]:
        """Filters: ``types`` (a list or comma-separated; families such as ``candidate.*``),
        ``starting_after`` (an event id: where a previous sync stopped), ``limit`` (≤ 1000).
        Iterating stops once caught up; the last item's ``id`` is where to start next time."""
        return self._pager(
            "/api/v1/events", models.FeedEvent, filters, cursor_param="starting_after"
        )


class AsyncWebhooks(AsyncResource):
    async def list(self) -> builtins.list[models.Endpoint]:
        return await self._t.send(
            Call(
                "GET",
                "/api/v1/webhooks",
                lambda p: adapter(builtins.list[models.Endpoint])(p["data"]),
            )
        )

    async def create(
        self,
        url: str,
        *,
        events: builtins.list[str] | None = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> models.EndpointWithSecret:
        json = body(url=url, events=events, **fields)
        return await self._t.send(
            Call(
                "POST",
                "/api/v1/webhooks",
                model(models.EndpointWithSecret),
                json=json,
                headers=_key(idempotency_key),
            )
        )

    async def retrieve(self, endpoint_id: str) -> models.Endpoint:
        return await self._t.send(
            Call("GET", f"/api/v1/webhooks/{endpoint_id}", model(models.Endpoint))
        )

    async def update(self, endpoint_id: str, **fields: Any) -> models.Endpoint:
        return await self._t.send(
            Call("PATCH", f"/api/v1/webhooks/{endpoint_id}", model(models.Endpoint), json=fields)
        )

    async def delete(self, endpoint_id: str) -> models.Deleted:
        return await self._t.send(
            Call("DELETE", f"/api/v1/webhooks/{endpoint_id}", model(models.Deleted))
        )

    async def rotate_secret(self, endpoint_id: str) -> models.EndpointWithSecret:
        return await self._t.send(
            Call(
                "POST",
                f"/api/v1/webhooks/{endpoint_id}/rotate-secret",
                model(models.EndpointWithSecret),
            )
        )

    async def test(self, endpoint_id: str) -> models.Queued:
        return await self._t.send(
            Call("POST", f"/api/v1/webhooks/{endpoint_id}/test", model(models.Queued))
        )

    def deliveries(self, endpoint_id: str, **filters: Any) -> AsyncPager[models.Delivery]:
        return self._pager(f"/api/v1/webhooks/{endpoint_id}/deliveries", models.Delivery, filters)

    async def retry(self, endpoint_id: str, delivery_id: str) -> models.Queued:
        path = f"/api/v1/webhooks/{endpoint_id}/deliveries/{delivery_id}/retry"
        return await self._t.send(Call("POST", path, model(models.Queued)))


def _key(idempotency_key: str | None) -> dict[str, str]:
    return {"Idempotency-Key": idempotency_key} if idempotency_key else {}


class AsyncPeopleLens:
    """``async with AsyncPeopleLens(base_url, api_key) as client: await client.candidates...``"""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        t = AsyncTransport(
            base_url, api_key, timeout=timeout, max_retries=max_retries, http_client=http_client
        )
        self._transport = t
        self.candidates = AsyncCandidates(t)
        self.jobs = AsyncJobs(t)
        self.templates = AsyncTemplates(t)
        self.avatars = AsyncAvatars(t)
        self.interviews = AsyncInterviews(t)
        self.sessions = AsyncSessions(t)
        self.users = AsyncUsers(t)
        self.api_keys = AsyncApiKeys(t)
        self.audit_logs = AsyncAuditLogs(t)
        self.events = AsyncEvents(t)
        self.webhooks = AsyncWebhooks(t)

    async def request(self, call: Call[T]) -> T:
        """Any endpoint the resources do not name yet."""
        return await self._transport.send(call)

    async def close(self) -> None:
        await self._transport.close()

    async def __aenter__(self) -> AsyncPeopleLens:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
