"""E-mail (spec §13): messages written to an outbox in the transaction that causes them, sent
by the worker with retries, logged for the API without their bodies."""
