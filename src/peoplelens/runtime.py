"""What a running service holds: settings, database, key resolver, rate limiter and (with
``PEOPLELENS_REDIS_URL``) the state shared with the other processes."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from argon2 import PasswordHasher

from peoplelens.ai.base import AIProvider
from peoplelens.ai.factory import provider_from_settings
from peoplelens.auth.keys import KeyResolver, announce_revocations, revoked_in
from peoplelens.auth.principal import Principal
from peoplelens.candidates.imports import tasks as _import_tasks  # noqa: F401
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.documents import files

# The domains' background work registers with the worker on import (worker/registry.py).
from peoplelens.documents import tasks as _document_tasks  # noqa: F401
from peoplelens.documents.storage import storage_from_settings
from peoplelens.emails import tasks as _email_tasks  # noqa: F401
from peoplelens.interviews.scheduling.service import Setup
from peoplelens.interviews.scorecards import tasks as _scorecard_tasks  # noqa: F401
from peoplelens.kit.db.urls import is_sqlite
from peoplelens.kit.ratelimit import RateLimiter
from peoplelens.kit.sealing import Sealer, idempotent_answers
from peoplelens.kit.shared_store import SharedStore
from peoplelens.kit.storage.base import FileStorage
from peoplelens.retention import tasks as _retention_tasks  # noqa: F401
from peoplelens.users import passwords, sessions
from peoplelens.webhooks import tasks as _webhook_tasks  # noqa: F401
from peoplelens.worker.registry import TaskContext


@dataclass
class Runtime:
    settings: Settings
    db: Database
    keys: KeyResolver
    rate_limiter: RateLimiter
    secret_key: bytes
    provider: AIProvider
    # Seals the stored answers of idempotent POSTs (they may carry a secret shown once).
    idempotent_answers: Sealer
    # Uploaded documents' bytes (a directory, or an S3-compatible bucket).
    storage: FileStorage
    # SQLite only: serialises this process's API write transactions (see boundary/transaction.py).
    write_lock: asyncio.Lock | None = None
    # Redis, when configured: rate-limit windows and the key-revocation signal.
    shared: SharedStore | None = None

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        secret_key = settings.resolved_secret_key()
        redis_url = settings.shared_redis_url()
        shared = SharedStore(redis_url) if redis_url else None
        return cls(
            settings=settings,
            db=Database.connect(settings.database_url),
            keys=KeyResolver(settings.rate_limit_per_minute, settings.api_key_cache_seconds),
            rate_limiter=RateLimiter(settings.rate_limit_storage_url, shared),
            secret_key=secret_key,
            provider=provider_from_settings(settings),
            idempotent_answers=idempotent_answers(secret_key),
            storage=storage_from_settings(settings),
            write_lock=asyncio.Lock() if is_sqlite(settings.database_url) else None,
            shared=shared,
        )

    @property
    def scheduling(self) -> Setup:
        """What booking human steps needs: the settings and the secret sealing its mail."""
        return Setup(self.settings, self.secret_key)

    def task_context(self) -> TaskContext:
        return TaskContext(
            settings=self.settings,
            provider=self.provider,
            server_secret=self.secret_key,
            storage=self.storage,
        )

    def after_commit(self, info: dict[str, object]) -> None:
        """Effects that must follow a commit in this process, cheap enough for the event loop
        (key cache invalidation); :meth:`after_commit_io` has the rest."""
        for key_hash, _ in revoked_in(info):
            self.keys.forget(key_hash)

    def needs_io_after_commit(self, info: dict[str, object]) -> bool:
        revoked = self.shared is not None and bool(revoked_in(info))
        return bool(info.get(files.INFO_KEY) or info.get("erased") or revoked)

    def after_commit_io(self, info: dict[str, object]) -> None:
        """In a worker thread, before the answer leaves: the stored files of deleted rows
        removed at once (the queued task retries what fails here) and, after an erasure on
        SQLite, the WAL checkpoint that takes the erased rows' old pages off the disk; and the
        revoked keys announced to the other processes (Redis)."""
        if self.shared is not None:
            announce_revocations(info, self.shared)
        removal = info.get(files.INFO_KEY)
        if isinstance(removal, files.FileRemoval):
            removal.try_now(self.storage)
        if info.get("erased"):
            self.db.checkpoint_after_erasure()

    def authenticate(self, authorization: str | None) -> Principal:
        """Runs in a worker thread: one short read transaction for the key lookup."""
        with self.db.read_session() as session:
            return self.keys.resolve(session, authorization)

    def authenticate_session(self, cookie: str) -> Principal:
        """Runs in a worker thread: the session lookup (and, once a minute, its touch)."""
        with self.db.read_session() as session:
            return sessions.resolve_session(session, cookie, self.settings.rate_limit_per_minute)

    @property
    def password_hasher(self) -> PasswordHasher:
        s = self.settings
        return passwords.hasher(s.argon2_memory_kib, s.argon2_time_cost, s.argon2_parallelism)
