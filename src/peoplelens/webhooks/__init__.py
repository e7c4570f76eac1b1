"""Webhooks: signed, at-least-once delivery of every event.

Receivers can verify deliveries with :func:`verify` (``from peoplelens.webhooks import
verify``) — it needs nothing else from this package.
"""

from peoplelens.webhooks.verify import WebhookVerificationError, verify

__all__ = ["WebhookVerificationError", "verify"]
