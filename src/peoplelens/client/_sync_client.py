"""Generated from _async_client.py by scripts/unasync_client.py: do not edit."""

from __future__ import annotations

import builtins
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Generic, TypeVar

import httpx

from peoplelens.client import _core, errors, models
from peoplelens.client._core import Call, RetryPolicy, adapter, body, model
from peoplelens.client._pages import Page, page_of

T = TypeVar("T")
DEFAULT_TIMEOUT = 30.0


class SyncTransport:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float,
        max_retries: int,
        http_client: httpx.Client | None,
    ) -> None:
        self.policy = RetryPolicy(max_retries=max_retries)
        self.http = http_client or httpx.Client(timeout=timeout)
        self.base_url = base_url.rstrip("/")
        self.auth = {"Authorization": f"Bearer {api_key}", "User-Agent": "peoplelens-client"}

    def send(self, call: Call[T]) -> T:
        headers = {**self.auth, **call.request_headers()}
        url = self.base_url + call.path
        attempt = 0
        while True:
            try:
                response = self.http.request(
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
                time.sleep(self.policy.delay(attempt, None))
                attempt += 1
                continue
            if _core.should_retry_status(response) and attempt < self.policy.max_retries:
                time.sleep(self.policy.delay(attempt, response))
                attempt += 1
                continue
            return _core.parse(call, response)

    def close(self) -> None:
        self.http.close()


class SyncPager(Generic[T]):
    """Iterates every item, fetching the next page (by cursor) only when it is reached."""

    def __init__(
        self, transport: SyncTransport, call: Call[Page[T]], cursor_param: str = "cursor"
    ) -> None:
        self._transport, self._call, self._cursor_param = transport, call, cursor_param

    def page(self, cursor: str | None = None) -> Page[T]:
        params = {**(self._call.params or {}), self._cursor_param: cursor}
        return self._transport.send(replace(self._call, params=params))

    def __iter__(self) -> Iterator[T]:
        cursor: str | None = (self._call.params or {}).get(self._cursor_param)
        while True:
            page = self.page(cursor)
            for item in page.data:
                yield item
            cursor = page.next_cursor
            # The event feed's cursor is never null (a poller keeps it): has_more ends it.
            if not cursor or not page.data or page.has_more is False:
                return


class SyncResource:
    def __init__(self, transport: SyncTransport) -> None:
        self._t = transport

    def _pager(
        self,
        path: str,
        item: type[T],
        params: dict[str, Any],
        key: str = "data",
        cursor_param: str = "cursor",
    ) -> SyncPager[T]:
        call = Call("GET", path, page_of(item, key), params=params)
        return SyncPager(self._t, call, cursor_param)


class SyncDocuments(SyncResource):
    def list(self, candidate_id: str) -> builtins.list[models.Document]:
        path = f"/api/v1/candidates/{candidate_id}/documents"
        return self._t.send(Call("GET", path, adapter(builtins.list[models.Document])))

    def upload(
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
        return self._t.send(
            Call(
                "POST",
                path,
                model(models.DocumentUploaded),
                files=files,
                headers=_key(idempotency_key),
            )
        )

    def parsed(self, candidate_id: str) -> models.ParsedResume:
        path = f"/api/v1/candidates/{candidate_id}/documents/parsed"
        return self._t.send(Call("GET", path, model(models.ParsedResume)))

    def delete(self, candidate_id: str, document_id: str) -> models.Deleted:
        path = f"/api/v1/candidates/{candidate_id}/documents/{document_id}"
        return self._t.send(Call("DELETE", path, model(models.Deleted)))


class SyncImports(SyncResource):
    """CSV imports (spec §14): upload a file, then follow its progress and per-row report."""

    def create(
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
        return self._t.send(
            Call(
                "POST",
                "/api/v1/candidates/import",
                model(models.Import),
                files=files,
                data=form,
                headers=_key(idempotency_key),
            )
        )

    def retrieve(self, import_id: str, **params: Any) -> models.ImportDetail:
        """Progress and one page of the report (``outcome``, ``limit``, ``offset``,
        ``cursor`` = ``rows.pagination.next_cursor``)."""
        path = f"/api/v1/candidates/imports/{import_id}"
        return self._t.send(Call("GET", path, model(models.ImportDetail), params=params))

    def wait(
        self, import_id: str, *, timeout: float = 600.0, every: float = 0.5
    ) -> models.ImportDetail:
        """Polls until the import has finished (``completed`` or ``failed``)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.retrieve(import_id)
            if found.status in ("completed", "failed"):
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"import {import_id} still {found.status} after {timeout} s")
            time.sleep(every)


class SyncCandidates(SyncResource):
    def __init__(self, transport: SyncTransport) -> None:
        super().__init__(transport)
        self.documents = SyncDocuments(transport)
        self.imports = SyncImports(transport)

    def list(self, **filters: Any) -> SyncPager[models.Candidate]:
        """Filters: status, job_id, stage, email, external_id, q, created_after, updated_after."""
        return self._pager("/api/v1/candidates", models.Candidate, filters)

    def retrieve(self, candidate_id: str) -> models.Candidate:
        return self._t.send(
            Call("GET", f"/api/v1/candidates/{candidate_id}", model(models.Candidate))
        )

    def create(self, *, idempotency_key: str | None = None, **fields: Any) -> models.Candidate:
        return self._t.send(
            Call(
                "POST",
                "/api/v1/candidates",
                model(models.Candidate),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    def update(self, candidate_id: str, **fields: Any) -> models.Candidate:
        return self._t.send(
            Call(
                "PATCH", f"/api/v1/candidates/{candidate_id}", model(models.Candidate), json=fields
            )
        )

    def delete(self, candidate_id: str) -> models.Deleted:
        return self._t.send(
            Call("DELETE", f"/api/v1/candidates/{candidate_id}", model(models.Deleted))
        )

    def status(self, candidate_id: str) -> models.CandidateStatus:
        return self._t.send(
            Call("GET", f"/api/v1/candidates/{candidate_id}/status", model(models.CandidateStatus))
        )

    def bulk_create(
        self, candidates: builtins.list[dict[str, Any]], *, idempotency_key: str | None = None
    ) -> models.BulkCreated:
        return self._t.send(
            Call(
                "POST",
                "/api/v1/candidates/bulk",
                model(models.BulkCreated),
                json={"candidates": candidates},
                headers=_key(idempotency_key),
            )
        )


class SyncJobs(SyncResource):
    def list(self, **filters: Any) -> SyncPager[models.Job]:
        return self._pager("/api/v1/jobs", models.Job, filters)

    def retrieve(self, job_id: str) -> models.Job:
        return self._t.send(Call("GET", f"/api/v1/jobs/{job_id}", model(models.Job)))

    def create(self, *, idempotency_key: str | None = None, **fields: Any) -> models.Job:
        return self._t.send(
            Call(
                "POST",
                "/api/v1/jobs",
                model(models.Job),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    def update(self, job_id: str, **fields: Any) -> models.Job:
        return self._t.send(Call("PUT", f"/api/v1/jobs/{job_id}", model(models.Job), json=fields))

    def delete(self, job_id: str) -> models.Deleted:
        return self._t.send(Call("DELETE", f"/api/v1/jobs/{job_id}", model(models.Deleted)))

    def bulk_create(
        self, jobs: builtins.list[dict[str, Any]], *, idempotency_key: str | None = None
    ) -> models.BulkJobsCreated:
        return self._t.send(
            Call(
                "POST",
                "/api/v1/jobs/bulk",
                model(models.BulkJobsCreated),
                json={"jobs": jobs},
                headers=_key(idempotency_key),
            )
        )

    def add_applicant(self, job_id: str, candidate_id: str) -> models.Applicant:
        return self._t.send(
            Call(
                "POST",
                f"/api/v1/jobs/{job_id}/applicants",
                model(models.Applicant),
                json={"candidate_id": candidate_id},
            )
        )


class SyncTemplates(SyncResource):
    def list(self, **filters: Any) -> SyncPager[models.Template]:
        return self._pager("/api/v1/templates", models.Template, filters)

    def retrieve(self, template_id: str) -> models.Template:
        return self._t.send(Call("GET", f"/api/v1/templates/{template_id}", model(models.Template)))

    def create(self, *, idempotency_key: str | None = None, **fields: Any) -> models.Template:
        return self._t.send(
            Call(
                "POST",
                "/api/v1/templates",
                model(models.Template),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    def update(self, template_id: str, **fields: Any) -> models.Template:
        return self._t.send(
            Call("PUT", f"/api/v1/templates/{template_id}", model(models.Template), json=fields)
        )

    def delete(self, template_id: str) -> models.Deleted:
        return self._t.send(
            Call("DELETE", f"/api/v1/templates/{template_id}", model(models.Deleted))
        )

    def generate(self, job_description: str, **fields: Any) -> models.Generate:
        return self._t.send(
            Call(
                "POST",
                "/api/v1/templates/generate",
                model(models.Generate),
                json={"job_description": job_description, **fields},
            )
        )


class SyncAvatars(SyncResource):
    def list(self) -> builtins.list[models.Avatar]:
        return self._t.send(
            Call(
                "GET", "/api/v1/avatars", lambda p: adapter(builtins.list[models.Avatar])(p["data"])
            )
        )


class SyncInterviews(SyncResource):
    def list(self, **filters: Any) -> SyncPager[models.Plan]:
        return self._pager("/api/v1/interviews", models.Plan, filters)

    def booking_links(self, **filters: Any) -> SyncPager[models.BookingLinkListItem]:
        return self._pager(
            "/api/v1/interviews/booking-links",
            models.BookingLinkListItem,
            filters,
            key="booking_links",
        )

    def invite(self, *, idempotency_key: str | None = None, **fields: Any) -> models.Invite:
        return self._t.send(
            Call(
                "POST",
                "/api/v1/interviews/invite",
                model(models.Invite),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    def retrieve(self, plan_id: str) -> models.Plan:
        return self._t.send(Call("GET", f"/api/v1/interviews/{plan_id}", model(models.Plan)))

    def cancel(self, plan_id: str) -> models.Plan:
        return self._t.send(
            Call("POST", f"/api/v1/interviews/{plan_id}/cancel", model(models.Plan))
        )

    def decision(self, plan_id: str, status: str, **fields: Any) -> models.Plan:
        return self._t.send(
            Call(
                "POST",
                f"/api/v1/interviews/{plan_id}/decision",
                model(models.Plan),
                json={"status": status, **fields},
            )
        )

    def scorecard(self, plan_id: str) -> models.PlanScorecard:
        return self._t.send(
            Call("GET", f"/api/v1/interviews/{plan_id}/scorecard", model(models.PlanScorecard))
        )

    def transcript(self, plan_id: str) -> models.Transcript:
        return self._t.send(
            Call("GET", f"/api/v1/interviews/{plan_id}/transcript", model(models.Transcript))
        )

    def schedule(self, plan_id: str, **fields: Any) -> models.Schedule:
        return self._t.send(
            Call(
                "POST",
                f"/api/v1/interviews/{plan_id}/schedule",
                model(models.Schedule),
                json=fields,
            )
        )

    def submit_scorecard(self, plan_id: str, step_id: str, **fields: Any) -> models.HumanScorecard:
        path = f"/api/v1/interviews/{plan_id}/steps/{step_id}/scorecard"
        return self._t.send(Call("POST", path, model(models.HumanScorecard), json=fields))

    def complete_step(self, plan_id: str, step_id: str, status: str | None = None) -> models.Plan:
        path = f"/api/v1/interviews/{plan_id}/steps/{step_id}/complete"
        return self._t.send(Call("POST", path, model(models.Plan), json=body(status=status)))

    def cancel_step(self, plan_id: str, step_id: str) -> models.Plan:
        return self._t.send(
            Call("POST", f"/api/v1/interviews/{plan_id}/steps/{step_id}/cancel", model(models.Plan))
        )


class SyncSessions(SyncResource):
    """The candidate's side, authorised by the booking token (the client's key is sent too)."""

    def retrieve(self, token: str) -> models.Session:
        return self._t.send(
            Call("GET", f"/api/v1/interview-sessions/{token}", model(models.Session))
        )

    def consent(self, token: str) -> models.Session:
        return self._t.send(
            Call(
                "POST",
                f"/api/v1/interview-sessions/{token}/consent",
                model(models.Session),
                json={"consent": True},
            )
        )

    def answer(self, token: str, text: str) -> models.Session:
        return self._t.send(
            Call(
                "POST",
                f"/api/v1/interview-sessions/{token}/messages",
                model(models.Session),
                json={"text": text},
            )
        )


class SyncUsers(SyncResource):
    def list(self, **filters: Any) -> SyncPager[models.User]:
        return self._pager("/api/v1/users", models.User, filters)

    def retrieve(self, user_id: str) -> models.User:
        return self._t.send(Call("GET", f"/api/v1/users/{user_id}", model(models.User)))

    def me(self) -> models.User:
        return self._t.send(Call("GET", "/api/v1/users/me", model(models.User)))

    def create(self, *, idempotency_key: str | None = None, **fields: Any) -> models.UserCreated:
        return self._t.send(
            Call(
                "POST",
                "/api/v1/users",
                model(models.UserCreated),
                json=fields,
                headers=_key(idempotency_key),
            )
        )

    def update(self, user_id: str, **fields: Any) -> models.User:
        return self._t.send(
            Call("PATCH", f"/api/v1/users/{user_id}", model(models.User), json=fields)
        )

    def deactivate(self, user_id: str) -> models.User:
        return self._t.send(Call("DELETE", f"/api/v1/users/{user_id}", model(models.User)))


class SyncApiKeys(SyncResource):
    def list(self) -> builtins.list[models.ApiKey]:
        return self._t.send(
            Call(
                "GET",
                "/api/v1/api-keys",
                lambda p: adapter(builtins.list[models.ApiKey])(p["data"]),
            )
        )

    def create(
        self,
        name: str,
        *,
        scopes: builtins.list[str] | None = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> models.ApiKeyCreated:
        json = body(name=name, scopes=scopes, **fields)
        return self._t.send(
            Call(
                "POST",
                "/api/v1/api-keys",
                model(models.ApiKeyCreated),
                json=json,
                headers=_key(idempotency_key),
            )
        )

    def revoke(self, key_id: str) -> models.ApiKey:
        return self._t.send(Call("DELETE", f"/api/v1/api-keys/{key_id}", model(models.ApiKey)))


class SyncAuditLogs(SyncResource):
    def list(self, **filters: Any) -> SyncPager[models.AuditEntry]:
        """Filters: action, since, limit."""
        return self._pager("/api/v1/audit-logs", models.AuditEntry, filters)


class SyncEvents(SyncResource):
    """The event feed (spec §14): ``starting_after=`` continues after an event id."""

    def list(self, **filters: Any) -> SyncPager[models.FeedEvent]:
        """Filters: ``types`` (a list or comma-separated; families such as ``candidate.*``),
        ``starting_after`` (an event id: where a previous sync stopped), ``limit`` (≤ 1000).
        Iterating stops once caught up; the last item's ``id`` is where to start next time."""
        return self._pager(
            "/api/v1/events", models.FeedEvent, filters, cursor_param="starting_after"
        )


class SyncWebhooks(SyncResource):
    def list(self) -> builtins.list[models.Endpoint]:
        return self._t.send(
            Call(
                "GET",
                "/api/v1/webhooks",
                lambda p: adapter(builtins.list[models.Endpoint])(p["data"]),
            )
        )

    def create(
        self,
        url: str,
        *,
        events: builtins.list[str] | None = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> models.EndpointWithSecret:
        json = body(url=url, events=events, **fields)
        return self._t.send(
            Call(
                "POST",
                "/api/v1/webhooks",
                model(models.EndpointWithSecret),
                json=json,
                headers=_key(idempotency_key),
            )
        )

    def retrieve(self, endpoint_id: str) -> models.Endpoint:
        return self._t.send(Call("GET", f"/api/v1/webhooks/{endpoint_id}", model(models.Endpoint)))

    def update(self, endpoint_id: str, **fields: Any) -> models.Endpoint:
        return self._t.send(
            Call("PATCH", f"/api/v1/webhooks/{endpoint_id}", model(models.Endpoint), json=fields)
        )

    def delete(self, endpoint_id: str) -> models.Deleted:
        return self._t.send(
            Call("DELETE", f"/api/v1/webhooks/{endpoint_id}", model(models.Deleted))
        )

    def rotate_secret(self, endpoint_id: str) -> models.EndpointWithSecret:
        return self._t.send(
            Call(
                "POST",
                f"/api/v1/webhooks/{endpoint_id}/rotate-secret",
                model(models.EndpointWithSecret),
            )
        )

    def test(self, endpoint_id: str) -> models.Queued:
        return self._t.send(
            Call("POST", f"/api/v1/webhooks/{endpoint_id}/test", model(models.Queued))
        )

    def deliveries(self, endpoint_id: str, **filters: Any) -> SyncPager[models.Delivery]:
        return self._pager(f"/api/v1/webhooks/{endpoint_id}/deliveries", models.Delivery, filters)

    def retry(self, endpoint_id: str, delivery_id: str) -> models.Queued:
        path = f"/api/v1/webhooks/{endpoint_id}/deliveries/{delivery_id}/retry"
        return self._t.send(Call("POST", path, model(models.Queued)))


def _key(idempotency_key: str | None) -> dict[str, str]:
    return {"Idempotency-Key": idempotency_key} if idempotency_key else {}


class PeopleLens:
    """``with PeopleLens(base_url, api_key) as client: client.candidates...``"""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.Client | None = None,
    ) -> None:
        t = SyncTransport(
            base_url, api_key, timeout=timeout, max_retries=max_retries, http_client=http_client
        )
        self._transport = t
        self.candidates = SyncCandidates(t)
        self.jobs = SyncJobs(t)
        self.templates = SyncTemplates(t)
        self.avatars = SyncAvatars(t)
        self.interviews = SyncInterviews(t)
        self.sessions = SyncSessions(t)
        self.users = SyncUsers(t)
        self.api_keys = SyncApiKeys(t)
        self.audit_logs = SyncAuditLogs(t)
        self.events = SyncEvents(t)
        self.webhooks = SyncWebhooks(t)

    def request(self, call: Call[T]) -> T:
        """Any endpoint the resources do not name yet."""
        return self._transport.send(call)

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> PeopleLens:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
