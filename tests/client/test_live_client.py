"""The SDK against a live server: every call here crosses a real socket to `peoplelens serve`."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from peoplelens.client import (
    APIError,
    AsyncPeopleLens,
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PeopleLens,
    PermissionDeniedError,
    RateLimitError,
    models,
    webhooks,
)
from peoplelens.webhooks.signing import new_secret, signature_headers
from tests.client.conftest import Live
from tests.client.flaky_proxy import flaky_proxy

pytestmark = pytest.mark.slow

MISSING = "can-00000000-0000-0000-0000-000000000000"


def _people(client: PeopleLens, n: int, tag: str) -> list[models.Candidate]:
    return [
        client.candidates.create(first_name="Ada", last_name=f"{tag}{i}", email=f"{tag}{i}@x.io")
        for i in range(n)
    ]


class TestSync:
    def test_crud_and_nested_resources(self, live: Live) -> None:
        with PeopleLens(live.base, live.tenant()) as client:
            job = client.jobs.create(title="Go engineer", department="Eng")
            made = client.candidates.create(first_name="Ada", last_name="L", email="ada@x.io")
            assert isinstance(made, models.Candidate) and made.status == "active"
            applied = client.jobs.add_applicant(job.id, made.id)
            assert applied.job_id == job.id
            got = client.candidates.retrieve(made.id)
            assert got.job_searches is not None and got.job_searches.title == "Go engineer"
            assert client.candidates.update(made.id, stage="screening").stage == "screening"
            assert client.candidates.status(made.id).status == "not_invited"
            doc = client.candidates.documents.upload(made.id, "cv.txt", b"Ada L\nSkills: Go\n")
            assert [d.id for d in client.candidates.documents.list(made.id)] == [doc.id]
            bulk = client.candidates.bulk_create(
                [{"first_name": "B", "last_name": "C", "email": "b@x.io"}]
            )
            assert bulk.created == 1
            assert client.candidates.delete(made.id).deleted is True
            assert any(a.id.startswith("ava-") for a in client.avatars.list())
            assert [e.action for e in client.audit_logs.list(limit=100)]

    def test_list_pages_lazily_by_cursor(self, live: Live) -> None:
        with PeopleLens(live.base, live.tenant()) as client:
            made = _people(client, 5, "p")
            pager = client.candidates.list(limit=2)
            first = pager.page()
            assert len(first.data) == 2 and first.next_cursor
            second = pager.page(first.next_cursor)
            assert {c.id for c in first.data}.isdisjoint(c.id for c in second.data)
            assert [c.id for c in pager] == [c.id for c in reversed(made)]
            assert [c.id for c in client.candidates.list(limit=2, q="p4")] == [made[4].id]

    def test_errors_are_typed_and_carry_the_envelope(self, live: Live) -> None:
        key = live.tenant()
        with PeopleLens(live.base, key) as client:
            with pytest.raises(NotFoundError) as missing:
                client.candidates.retrieve(MISSING)
            err = missing.value
            assert err.status == 404 and err.type == "not_found_error"
            assert err.request_id and err.message
            client.candidates.create(first_name="A", last_name="B", email="dup@x.io")
            with pytest.raises(ConflictError) as dup:
                client.candidates.create(first_name="A", last_name="B", email="dup@x.io")
            assert dup.value.status == 409
            with pytest.raises(InvalidRequestError) as bad:
                client.candidates.create(first_name="A", last_name="B", email="not-an-email")
            assert bad.value.status == 422 and bad.value.param
            read_only = client.api_keys.create("ro", scopes=["read"]).key
        with PeopleLens(live.base, read_only) as client, pytest.raises(PermissionDeniedError):
            client.jobs.create(title="x")
        with PeopleLens(live.base, "pl_live_" + "x" * 40) as client:
            with pytest.raises(AuthenticationError) as denied:
                client.candidates.retrieve(MISSING)
            assert denied.value.status == 401

    def test_a_lost_answer_is_retried_with_the_same_key(self, live: Live) -> None:
        key = live.tenant()
        with (
            flaky_proxy(live.base, retry_after="1") as (proxy, rec),
            PeopleLens(proxy, key, max_retries=2) as client,
        ):
            started = time.monotonic()
            made = client.candidates.create(first_name="A", last_name="B", email="r@x.io")
            waited = time.monotonic() - started
        posts = [k for method, _, k in rec.seen if method == "POST"]
        assert len(posts) == 2 and posts[0] and posts[0] == posts[1]
        assert waited >= 1.0  # Retry-After: 1 was honoured
        with PeopleLens(live.base, key) as client:
            # The server acted on the first try; the retry replayed it: one candidate.
            assert [c.id for c in client.candidates.list()] == [made.id]

    def test_a_callers_key_is_sent_as_given(self, live: Live) -> None:
        with flaky_proxy(live.base) as (proxy, rec), PeopleLens(proxy, live.tenant()) as client:
            client.jobs.create(title="x", idempotency_key="my-key-1")
        assert [k for _, _, k in rec.seen] == ["my-key-1", "my-key-1"]

    def test_retries_are_bounded(self, live: Live) -> None:
        with (
            flaky_proxy(live.base) as (proxy, rec),
            PeopleLens(proxy, live.tenant(), max_retries=0) as client,
            pytest.raises(APIError) as failed,
        ):
            client.candidates.retrieve(MISSING)
        assert failed.value.status == 503 and len(rec.seen) == 1

    def test_rate_limited_tenant_429_then_success(self, live: Live) -> None:
        key = live.tenant(rate_limit=2)
        with PeopleLens(live.base, key, max_retries=0) as client:
            with pytest.raises(RateLimitError) as limited:
                for _ in range(5):
                    client.jobs.list().page()
            assert limited.value.status == 429 and limited.value.headers.get("retry-after")
        with PeopleLens(live.base, key, max_retries=3) as client:
            # Honouring Retry-After, the same call gets through once the window passes.
            assert client.jobs.list().page().data == []


class TestAsync:
    def test_same_surface(self, live: Live) -> None:
        key = live.tenant()

        async def scenario() -> None:
            async with AsyncPeopleLens(live.base, key) as client:
                made = [
                    await client.candidates.create(
                        first_name="A", last_name=str(i), email=f"as{i}@x.io"
                    )
                    for i in range(3)
                ]
                seen = [c.id async for c in client.candidates.list(limit=2)]
                assert seen == [c.id for c in reversed(made)]
                page = await client.candidates.list(limit=1).page()
                assert len(page.data) == 1 and page.next_cursor
                with pytest.raises(NotFoundError):
                    await client.candidates.retrieve(MISSING)
                hook = await client.webhooks.create("http://127.0.0.1:9/hook")
                assert hook.secret.startswith("whsec_")
                assert (await client.webhooks.test(hook.id)).queued >= 1
                deliveries = [d async for d in client.webhooks.deliveries(hook.id)]
                assert deliveries and deliveries[0].status
                # No worker runs here: the delivery is still pending, and a retry says so.
                with pytest.raises(ConflictError) as pending:
                    await client.webhooks.retry(hook.id, deliveries[0].id)
                assert pending.value.code == "delivery_pending"

        asyncio.run(scenario())

    def test_async_retry_keeps_the_key(self, live: Live) -> None:
        key = live.tenant()

        async def scenario() -> str:
            async with AsyncPeopleLens(proxy, key) as client:
                return (await client.jobs.create(title="x")).id

        with flaky_proxy(live.base) as (proxy, rec):
            job_id = asyncio.run(scenario())
        assert job_id and rec.seen[0][2] and rec.seen[0][2] == rec.seen[1][2]


def test_verify_checks_what_the_server_signs() -> None:
    secret = new_secret()
    payload = json.dumps({"id": "evt-1", "event": "job.created", "data": {}}).encode()
    headers = signature_headers([secret], "evt-1", int(time.time()), payload)
    assert webhooks.verify(payload, headers, secret)["event"] == "job.created"
    only_hex = {"X-PeopleLens-Signature": headers["X-PeopleLens-Signature"]}
    assert webhooks.verify(payload, only_hex, secret)["id"] == "evt-1"
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify(payload + b" ", headers, secret)
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify(payload, headers, new_secret())
