"""Verifying a delivery on the receiving side: the rule lives in the SDK
(:mod:`peoplelens.client.webhooks`, stdlib only); this name stays for existing receivers."""

from peoplelens.client.webhooks import WebhookVerificationError, verify

__all__ = ["WebhookVerificationError", "verify"]
