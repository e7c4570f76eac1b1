"""Settings, read once from the environment (prefix ``PEOPLELENS_``) and validated at start-up.

A bad value stops the process with a sentence naming the variable, instead of failing later
on the first request that happens to need it.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import string
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from peoplelens.kit.db.urls import normalize_database_url
from peoplelens.kit.mail.compose import BadAddress, checked_address
from peoplelens.kit.mail.smtp import SmtpServer, parse_smtp_url
from peoplelens.kit.shared_store import check_url as check_redis_url
from peoplelens.kit.storage.location import parse_storage_url

DEFAULT_PIPELINE_STAGES = ["applied", "screening", "interview", "offer", "hired", "rejected"]


class ConfigError(RuntimeError):
    """Raised when the environment holds a value the service cannot run with."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PEOPLELENS_", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    database_url: str = "sqlite:///./peoplelens.db"
    public_url: str = "http://127.0.0.1:8000"
    # Signs booking-link tokens and (later) document URLs. Required in production; in
    # development a random one is kept in ``secret_key_file`` so links survive restarts.
    secret_key: str | None = None
    secret_key_file: Path = Path("./.peoplelens-secret")
    # `peoplelens demo` keeps the demo tenant's API key here (0600), to print the same key on
    # every run while it still works. Unset: next to secret_key_file (./.peoplelens-demo-key).
    demo_key_file: Path | None = None

    max_json_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # The CSV import's upload (POST /api/v1/candidates/import): 100,000 rows are 8–15 MB.
    max_import_bytes: int = Field(default=32 * 1024 * 1024, ge=1024)

    # Documents (spec §2): where uploaded files live — a directory (relative to the working
    # directory, or file:///abs/path), or s3://bucket/prefix when several machines serve.
    storage_url: str = "file://./data/files"
    # s3:// only. Any S3-compatible server (MinIO, Ceph…) through the endpoint URL. Without
    # credentials here boto3 looks for them itself (AWS_* variables, ~/.aws, an instance role).
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    # "path" for servers without a bucket-per-host DNS name (most MinIO set-ups).
    s3_addressing_style: Literal["auto", "path", "virtual"] = "auto"
    s3_sse: Literal["AES256", "aws:kms"] | None = None
    # Short: a request (or a task) waits on it; the task is retried later anyway.
    s3_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    s3_max_attempts: int = Field(default=3, ge=1, le=10)

    # Rate limits: per API key, requests per minute; a tenant row may override it.
    rate_limit_per_minute: int = Field(default=1200, ge=1)
    # Where rate limits are counted when PEOPLELENS_REDIS_URL is unset: memory:// (this process),
    # or another storage of the `limits` library (memcached://…). A redis:// URL here is the
    # older spelling of PEOPLELENS_REDIS_URL and acts as it.
    rate_limit_storage_url: str = "memory://"
    # Redis (redis://, rediss:// for TLS, unix://): rate limits, and the key cache's revocation
    # signal, shared by every `serve` process (spec §11). Unset: each process on its own.
    redis_url: str | None = None
    # Candidate-side conversation API (no key): requests per minute per client address.
    link_rate_limit_per_minute: int = Field(default=120, ge=1)

    # How long an API-key lookup may be served from memory. A revocation through the API takes
    # effect at once in the process that made it, and in other processes within this bound
    # (0 = every request looks the key up).
    api_key_cache_seconds: float = Field(default=2.0, ge=0, le=5)

    # Documents (spec §2): how long a signedUrl works.
    document_link_seconds: int = Field(default=900, ge=30, le=7 * 24 * 3600)

    booking_link_default_hours: int = Field(default=168, ge=1, le=24 * 90)
    idempotency_ttl_hours: int = Field(default=24, ge=1)

    # Background work (scoring, later webhooks): `serve` runs a worker thread too, so one
    # process is a complete system; production runs `peoplelens worker` processes beside it.
    embedded_worker: bool = True
    # SIGTERM: how long in-flight requests and the worker's current round may take to finish
    # before the process exits anyway (leases then expire and another worker resumes).
    shutdown_grace_seconds: float = Field(default=30.0, ge=0, le=600)
    task_max_attempts: int = Field(default=5, ge=1, le=50)

    # AI (spec §10): "builtin" (offline, deterministic) or "openai" (any OpenAI-compatible
    # chat-completions server: OpenAI, Azure, vLLM, Ollama, llama.cpp).
    ai_provider: Literal["builtin", "openai"] = "builtin"
    # builtin: "auto" uses MiniLM sentence embeddings when their weights are installed
    # (requirements/model.lock, part of `make install`), else the lexical encoder.
    ai_encoder: Literal["auto", "lexical"] = "auto"
    openai_base_url: str = "https://api.openai.com/v1"
    openai_model: str = "gpt-4o-mini"
    openai_api_key: str | None = None
    openai_timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    openai_max_attempts: int = Field(default=3, ge=1, le=10)
    max_answer_chars: int = Field(default=5000, ge=100, le=100_000)

    # Human interview steps (spec §5). Meeting links: {room} is an unguessable room name made
    # per step, {step_id} the step; Jitsi Meet by default, a Zoom/Teams/Meet room URL template
    # (or one fixed URL) otherwise.
    meeting_url_template: str = "https://meet.jit.si/{room}"
    # Self-scheduling: free time kept around each booked interview; how soon the earliest
    # bookable slot is; until when before the start a candidate may move or cancel; how far
    # ahead slots are offered; and the grid slots start on.
    booking_buffer_minutes: int = Field(default=15, ge=0, le=240)
    booking_min_notice_hours: float = Field(default=4, ge=0, le=24 * 14)
    booking_change_cutoff_hours: float = Field(default=4, ge=0, le=24 * 14)
    booking_window_days: int = Field(default=14, ge=1, le=90)
    booking_slot_minutes: int = Field(default=30, ge=5, le=240)

    # Webhooks (spec §9).
    webhook_allow_private_urls: bool = False
    # The longest silence of a receiver (to connect, between bytes of its answer); the attempt
    # as a whole is bounded by webhook_deadline_seconds.
    webhook_timeout_seconds: float = Field(default=5.0, gt=0, le=30)
    # Requests in flight at once per worker process (coroutines: a slot is a socket, not a thread).
    webhook_concurrency: int = Field(default=128, ge=1, le=1024)
    # An endpoint failing without a single success for this long is disabled.
    webhook_disable_after_hours: float = Field(default=72, gt=0)
    # One attempt's total deadline: connect + send + the whole answer (spec §9, ours).
    webhook_deadline_seconds: float = Field(default=10.0, gt=0, le=60)
    # Deliveries of one endpoint in flight at once (sent, or sent and not yet recorded),
    # counted across every worker process: half a worker's slots, so one endpoint's backlog
    # leaves the rest to everyone else. A slot is held until its result is written, not only
    # while the request is on the wire: 8 held delivery to ~500/s here, 64 reaches ~1,250/s
    # with 2 workers (bench/webhook_throughput.py).
    webhook_per_endpoint_concurrency: int = Field(default=64, ge=1, le=256)

    # People (spec §6). Tenants by subdomain: with a base domain set, `<slug>.<base domain>`
    # names the tenant, and a key or session of another tenant on that host is refused (401).
    base_domain: str | None = None
    # Argon2id parameters of new password hashes (older hashes are upgraded at sign-in).
    argon2_memory_kib: int = Field(default=65536, ge=8, le=4 * 1024 * 1024)
    argon2_time_cost: int = Field(default=3, ge=1, le=20)
    argon2_parallelism: int = Field(default=2, ge=1, le=16)
    # Failed sign-ins allowed per window, per client address and per account.
    sign_in_failures_per_address: int = Field(default=20, ge=1)
    sign_in_failures_per_account: int = Field(default=5, ge=1)
    sign_in_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    # How long an invitation's (or reset's) set-password link works.
    set_password_link_hours: int = Field(default=72, ge=1, le=24 * 30)

    # E-mail (spec §13). Unset: messages are kept in the outbox (status queued), not sent.
    # smtp://user:pass@host:587 (STARTTLS when offered; ?starttls=required|off) or smtps://.
    smtp_url: SecretStr | None = None
    # The envelope and From address; unset: no-reply@<host of PEOPLELENS_PUBLIC_URL>.
    mail_from: str | None = None
    # One attempt, all of it (connect, TLS, AUTH, data): a hanging server costs this much.
    mail_timeout_seconds: float = Field(default=20.0, gt=0, le=300)
    mail_max_attempts: int = Field(default=8, ge=1, le=30)
    # Messages sent at once by one worker (each its own SMTP connection).
    mail_concurrency: int = Field(default=4, ge=1, le=64)

    # Operations (spec §11). /metrics answers only with PEOPLELENS_METRICS_TOKEN as its Bearer
    # token; PEOPLELENS_METRICS_PORT serves the metrics on their own listener instead (bound to
    # PEOPLELENS_METRICS_HOST, loopback by default). Neither set: no metrics are served (404).
    metrics_token: SecretStr | None = None
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_host: str = "127.0.0.1"

    # OpenTelemetry (optional: `pip install peoplelens[otel]`): requests become spans (FastAPI's
    # own tracing, exported by OTLP as the standard OTEL_* variables say) and log lines carry
    # trace_id/span_id. Also on when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_SERVICE_NAME is set.
    otel_enabled: bool = False

    # Retention (spec §11): the defaults of the sweep (`peoplelens purge`, and every worker);
    # a tenant row may set shorter or longer windows (`peoplelens tenants set-retention`).
    # Events (with their deliveries and attempts) go once every delivery is final; tasks once
    # done or failed; e-mails once sent or failed. Audit logs are kept.
    event_retention_days: int = Field(default=30, ge=1)
    task_retention_days: int = Field(default=30, ge=1)
    email_retention_days: int = Field(default=30, ge=1)
    retention_batch_size: int = Field(default=1000, ge=1, le=100_000)
    retention_every_seconds: float = Field(default=300, ge=1)

    @field_validator("smtp_url", "mail_from", mode="before")
    @classmethod
    def _blank_mail_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            parse_smtp_url(value.get_secret_value())  # a ValueError names no password
        return value

    @field_validator("mail_from")
    @classmethod
    def _mail_from(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return checked_address(value, local_domains=True)
        except BadAddress as exc:
            raise ValueError(f"must be an address such as no-reply@example.com ({exc})") from None

    @field_validator("base_domain")
    @classmethod
    def _bare_domain(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().lower().strip(".")
        if "/" in value or ":" in value:
            raise ValueError("a host name such as peoplelens.example.com, without scheme or port")
        return value

    @field_validator("metrics_token", "metrics_port", mode="before")
    @classmethod
    def _blank_ops_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token_is_long(cls, value: SecretStr | None) -> SecretStr | None:
        # /metrics is not rate-limited: a short token could be guessed.
        if value is not None and len(value.get_secret_value().strip()) < 32:
            raise ValueError("must be at least 32 characters (e.g. `openssl rand -hex 32`)")
        return value

    @field_validator(
        "s3_endpoint_url",
        "s3_region",
        "s3_access_key_id",
        "s3_secret_access_key",
        "s3_sse",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # `PEOPLELENS_S3_SSE=` in a compose file means "none", not an invalid value.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("redis_url", mode="before")
    @classmethod
    def _redis_url(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return check_redis_url(str(value))

    @field_validator("storage_url")
    @classmethod
    def _storage_location(cls, value: str) -> str:
        parse_storage_url(value)
        return value.strip()

    @field_validator("s3_endpoint_url")
    @classmethod
    def _endpoint(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as https://minio.internal:9000")
        return value

    @field_validator("database_url")
    @classmethod
    def _normalize_db(cls, value: str) -> str:
        return normalize_database_url(value)

    @field_validator("public_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("meeting_url_template")
    @classmethod
    def _meeting_template(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL, e.g. https://meet.jit.si/{room}")
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(value) if name}
        except ValueError:
            raise ValueError("has an unbalanced '{' or '}'") from None
        if not fields <= {"room", "step_id"}:
            raise ValueError("may only use the placeholders {room} and {step_id}")
        return value

    @model_validator(mode="after")
    def _production_guard(self) -> Settings:
        if self.ai_provider == "openai" and not self.openai_base_url.startswith("http"):
            raise ValueError("PEOPLELENS_OPENAI_BASE_URL must be an http(s) URL")
        if self.env == "production" and not self.secret_key:
            raise ValueError("PEOPLELENS_SECRET_KEY must be set when PEOPLELENS_ENV=production")
        if self.secret_key is not None and len(self.secret_key) < 32:
            raise ValueError("PEOPLELENS_SECRET_KEY must be at least 32 characters")
        older = self.rate_limit_storage_url
        if self.redis_url and older != "memory://" and older != self.redis_url:
            raise ValueError(
                "PEOPLELENS_RATE_LIMIT_STORAGE_URL and PEOPLELENS_REDIS_URL name different "
                "stores: set PEOPLELENS_REDIS_URL alone (rate limits are counted there)"
            )
        if (self.s3_access_key_id is None) != (self.s3_secret_access_key is None):
            raise ValueError(
                "PEOPLELENS_S3_ACCESS_KEY_ID and PEOPLELENS_S3_SECRET_ACCESS_KEY go together: "
                "set both, or neither (boto3 then finds credentials itself)"
            )
        return self

    def shared_redis_url(self) -> str | None:
        """The Redis every process shares: PEOPLELENS_REDIS_URL, or a redis:// rate-limit
        storage URL (the older setting), or None."""
        if self.redis_url:
            return self.redis_url
        if self.rate_limit_storage_url.startswith(("redis://", "rediss://", "unix://")):
            return check_redis_url(self.rate_limit_storage_url)
        return None

    def resolved_secret_key(self) -> bytes:
        """The signing secret; in development it is created once and kept in a 0600 file."""
        if self.secret_key:
            return self.secret_key.encode()
        path = self.secret_key_file
        if path.exists():
            return path.read_text().strip().encode()
        value = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(value)
        return value.encode()

    def smtp_server(self) -> SmtpServer | None:
        """Where mail goes, or None: not configured (messages wait in the outbox)."""
        if self.smtp_url is None:
            return None
        return parse_smtp_url(self.smtp_url.get_secret_value())

    def mail_sender(self) -> str:
        """The From and envelope address: PEOPLELENS_MAIL_FROM, else no-reply@ the public
        host (``localhost`` when that is an IP address, which cannot follow an @)."""
        if self.mail_from:
            return self.mail_from
        host = urlsplit(self.public_url).hostname or "localhost"
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return f"no-reply@{host}"
        return "no-reply@localhost"

    def resolved_demo_key_file(self) -> Path:
        return self.demo_key_file or self.secret_key_file.with_name(".peoplelens-demo-key")


def load_settings() -> Settings:
    """Read the environment; turn a validation error into one readable sentence per variable."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else ""
            name = f"PEOPLELENS_{field.upper()}" if field else "PEOPLELENS_*"
            problems.append(f"{name}: {err['msg']}")
        raise ConfigError("Invalid configuration — " + "; ".join(problems)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
