"""FastAPI's own tracing (outside every middleware) records each request's ``url.query``: the
``api_token`` must already be gone from it (``kit/query_token.py``, ``app.PeopleLensApp``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from fastapi import FastAPI
from fastapi.testclient import TestClient
from opentelemetry import trace
from opentelemetry.trace import INVALID_SPAN_CONTEXT, NonRecordingSpan

from tests.factories import Api, TenantHandle, unique_email
from tests.inbound.payloads import generic


class _Span(NonRecordingSpan):
    def __init__(self, seen: dict[str, Any]) -> None:
        super().__init__(INVALID_SPAN_CONTEXT)
        self.seen = seen

    def set_attribute(self, key: str, value: Any) -> None:
        self.seen[key] = value

    def set_attributes(self, attributes: Any) -> None:
        self.seen.update(attributes)


class _Tracer(trace.Tracer):
    def __init__(self, spans: list[dict[str, Any]]) -> None:
        self.spans = spans

    def start_span(self, name: str, *args: Any, attributes: Any = None, **kwargs: Any) -> Any:
        seen = {"name": name, **dict(attributes or {})}
        self.spans.append(seen)
        return _Span(seen)

    def start_as_current_span(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return trace.use_span(self.start_span(name, **kwargs), end_on_exit=True)


class Recorder(trace.TracerProvider):
    """A tracer provider that keeps every span's attributes (the SDK is an optional extra)."""

    def __init__(self) -> None:
        self.spans: list[dict[str, Any]] = []

    def get_tracer(self, *args: Any, **kwargs: Any) -> trace.Tracer:
        return _Tracer(self.spans)


@contextmanager
def traced(app: FastAPI) -> Iterator[Recorder]:
    """The session's app with FastAPI's tracing on, exporting to a :class:`Recorder`."""
    # What PEOPLELENS_OTEL_ENABLED turns on (app.py); the running app reads it per request.
    config = cast(dict[str, Any], app._telemetry)
    saved = dict(config)
    recorder = Recorder()
    config.update(tracing=True, tracer_provider=recorder)
    try:
        yield recorder
    finally:
        config.clear()
        config.update(saved)


def test_spans_never_carry_the_token(
    app: FastAPI, client: TestClient, tenant: TenantHandle, api: Api
) -> None:
    _, token = tenant.new_key(["inbound"])
    body = generic("span-1", first_name="A", last_name="B", email=unique_email())
    with traced(app) as recorder:
        ok = client.post(
            "/api/v1/inbound/generic", params={"api_token": token, "trace": "1"}, json=body
        )
        refused = client.post("/api/v1/inbound/generic", params={"api_token": token}, json={})
        elsewhere = client.get(
            "/api/v1/candidates",
            params={"limit": "5", "api_token": api.key},
            headers={"Authorization": f"Bearer {api.key}"},
        )
    assert (ok.status_code, refused.status_code, elsewhere.status_code) == (200, 422, 200)
    queries = [span.get("url.query") for span in recorder.spans if "url.path" in span]
    assert queries == ["trace=1", None, "limit=5"]  # the rest of the query is kept as sent
    assert not [s for s in recorder.spans if token in repr(s) or api.key in repr(s)]


def test_a_disguised_parameter_name_is_stripped_too(
    app: FastAPI, client: TestClient, tenant: TenantHandle
) -> None:
    """``api%5Ftoken`` and ``Api_Token`` decode to the same name a tracer shows: they are
    the parameter, taken out like it (and accepted like it on the inbound path)."""
    _, token = tenant.new_key(["inbound"])
    with traced(app) as recorder:
        answers = [
            client.post(
                f"/api/v1/inbound/generic?{name}={token}",
                json=generic(f"disguised-{n}", first_name="A", last_name="B", email=unique_email()),
            ).status_code
            for n, name in enumerate(("api%5Ftoken", "Api_Token", "API_TOKEN", "%61pi_token"))
        ]
        elsewhere = client.get(f"/api/v1/candidates?API%5FTOKEN={token}").status_code
    assert answers == [200, 200, 200, 200] and elsewhere == 401
    assert not [s for s in recorder.spans if token in repr(s)]
