from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from peoplelens.config import Settings
from tests.emails.smtp import SmtpServer, with_smtp


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    yield server
    server.close()


@pytest.fixture
def mail_settings(
    client: TestClient, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    """The running server, configured with SMTP (the test server) for this test."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    configured = with_smtp(runtime.settings, smtp.url, mail_timeout_seconds=2)
    monkeypatch.setattr(runtime, "settings", configured)
    return configured
