"""The service's Prometheus metrics (spec §11): one home for their names, labels and buckets.

Domains count through these objects; ``/metrics`` (``system/metrics.py``) exposes them. Labels
are bounded sets (a route *template*, a status class, an outcome word), never ids or addresses.
"""

from __future__ import annotations

from typing import Any

from prometheus_client import Counter, Histogram

WEBHOOK_DELIVERIES = Counter(
    "peoplelens_webhook_deliveries",
    "Webhook delivery attempts by outcome (succeeded, retrying, failed, timeout, refused).",
    ["outcome"],
)
WEBHOOK_ATTEMPT_SECONDS = Histogram(
    "peoplelens_webhook_attempt_seconds",
    "How long one webhook attempt took, connect to the last byte kept.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
EMAILS = Counter(
    "peoplelens_emails",
    "E-mail send attempts by outcome (sent, retrying, failed, gone: erased while sending).",
    ["outcome"],
)
RATE_LIMIT_STORE_ERRORS = Counter(
    "peoplelens_rate_limit_store_errors",
    "Rate-limit checks that could not reach the shared store (Redis) and were let through.",
)

# HTTP (kit/middleware.py): by route *template*; a path no route matched is UNMATCHED.
UNMATCHED = "unmatched"
HTTP_REQUESTS = Counter(
    "peoplelens_http_requests",
    "HTTP requests by method, route template and status class (2xx, 4xx...).",
    ["method", "route", "status"],
)
HTTP_SECONDS = Histogram(
    "peoplelens_http_request_seconds",
    "HTTP request latency, first byte in to the last byte out, by method and route template.",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_STATUS_CLASSES = ("1xx", "2xx", "3xx", "4xx", "5xx")
# The labelled children, looked up once per label set: ``labels()`` takes a lock and builds a
# tuple on every call, the largest part of the per-request cost otherwise.
_request_children: dict[tuple[str, str, int], Any] = {}
_latency_children: dict[tuple[str, str], Any] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Counts one answered request (``route``: the template, or :data:`UNMATCHED`)."""
    if method not in _METHODS:
        method = "other"
    klass = status // 100 if 100 <= status < 600 else 5
    counter = _request_children.get((method, route, klass))
    if counter is None:
        counter = HTTP_REQUESTS.labels(method, route, _STATUS_CLASSES[klass - 1])
        _request_children[(method, route, klass)] = counter
    latency = _latency_children.get((method, route))
    if latency is None:
        latency = HTTP_SECONDS.labels(method, route)
        _latency_children[(method, route)] = latency
    counter.inc()
    latency.observe(seconds)


# Background tasks (worker/runner.py): by kind (a registered name) and outcome.
TASKS = Counter(
    "peoplelens_tasks",
    "Background task runs by kind and outcome (done, retrying, failed, gone).",
    ["kind", "outcome"],
)
TASK_SECONDS = Histogram(
    "peoplelens_task_seconds",
    "How long one background task run took (prepare and run), by kind.",
    ["kind"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
RETENTION_PURGED = Counter(
    "peoplelens_retention_purged",
    "Rows removed by the retention sweep, by kind.",
    ["kind"],
)
