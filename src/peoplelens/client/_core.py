"""What the sync and async clients share: building a request, deciding a retry, parsing.

The transports (``_client.py``) only send; every rule is here, once.
"""

from __future__ import annotations

import email.utils
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter

from peoplelens.client import errors

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

RETRY_STATUSES = frozenset({429, 503})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class Call(Generic[T]):
    """One logical API call: the request and how to read its answer."""

    method: str
    path: str
    parse: Callable[[Any], T]
    params: Mapping[str, Any] | None = None
    json: Any = None
    files: Any = None
    data: Mapping[str, Any] | None = None  # form fields beside ``files`` (multipart)
    headers: dict[str, str] = field(default_factory=dict)

    def request_headers(self) -> dict[str, str]:
        """A POST gets one Idempotency-Key per logical call, re-sent on each retry."""
        headers = dict(self.headers)
        if self.method == "POST" and not any(k.lower() == "idempotency-key" for k in headers):
            headers["Idempotency-Key"] = str(uuid.uuid4())
        return headers

    def clean_params(self) -> dict[str, Any] | None:
        if not self.params:
            return None
        return {k: _param(v) for k, v in self.params.items() if v is not None}


def _param(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def model(cls: type[M]) -> Callable[[Any], M]:
    return cls.model_validate


def adapter(annotation: Any) -> Callable[[Any], Any]:
    return TypeAdapter(annotation).validate_python


def body(**fields: Any) -> dict[str, Any]:
    """A JSON body of the arguments given (None = not sent)."""
    return {k: v for k, v in fields.items() if v is not None}


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0

    def may_retry(self, call: Call[Any], headers: Mapping[str, str], attempt: int) -> bool:
        """A connection error is retried only when resending cannot act twice."""
        if attempt >= self.max_retries:
            return False
        return call.method in IDEMPOTENT_METHODS or "Idempotency-Key" in headers

    def delay(self, attempt: int, response: httpx.Response | None) -> float:
        """``Retry-After`` (seconds or an HTTP date) wins; else exponential backoff, full jitter."""
        if response is not None:
            after = retry_after(response.headers.get("retry-after"))
            if after is not None:
                return min(after, 60.0)
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        return random.uniform(ceiling / 2, ceiling)  # noqa: S311 — jitter, not a secret


def retry_after(value: str | None, now: float | None = None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def should_retry_status(response: httpx.Response) -> bool:
    return response.status_code in RETRY_STATUSES


def parse(call: Call[T], response: httpx.Response) -> T:
    """The typed result, or the typed error carrying the envelope."""
    try:
        payload: Any = response.json() if response.content else None
    except ValueError:
        payload = response.text
    if response.status_code >= 400:
        raise errors.from_response(response.status_code, payload, dict(response.headers))
    return call.parse(payload)
