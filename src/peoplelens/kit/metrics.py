"""The service's Prometheus metrics (spec §11): one home for their names, labels and buckets.

Domains count through these objects; ``/metrics`` (``system/metrics.py``) exposes them. Labels
are bounded sets (a route *template*, a status class, an outcome word), never ids or addresses.
"""

from __future__ import annotations

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
    "E-mail send attempts by outcome (sent, retrying, failed).",
    ["outcome"],
)
RATE_LIMIT_STORE_ERRORS = Counter(
    "peoplelens_rate_limit_store_errors",
    "Rate-limit checks that could not reach the shared store (Redis) and were let through.",
)
