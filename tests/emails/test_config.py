"""SMTP settings: the URL's forms, a clear refusal at start-up, and a password never shown."""

from __future__ import annotations

import pytest

from peoplelens.config import ConfigError, Settings, load_settings
from peoplelens.kit.mail.smtp import SmtpServer, parse_smtp_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.com", SmtpServer("mail.example.com", 587)),
        (
            "smtp://u%40x.com:p%3Ass@mail.example.com:2525?starttls=required",
            SmtpServer("mail.example.com", 2525, "u@x.com", "p:ss", "starttls"),
        ),
        ("smtp://127.0.0.1:25?starttls=off", SmtpServer("127.0.0.1", 25, security="off")),
        ("smtps://u:p@mail.example.com", SmtpServer("mail.example.com", 465, "u", "p", "tls")),
    ],
)
def test_url_forms(url: str, expected: SmtpServer) -> None:
    assert parse_smtp_url(url) == expected


def test_the_password_is_never_in_a_repr() -> None:
    server = parse_smtp_url("smtp://user:hunter2secret@mail.example.com")
    assert "hunter2secret" not in repr(server) and "hunter2secret" not in server.describe()
    settings = Settings(smtp_url="smtp://user:hunter2secret@mail.example.com")
    assert "hunter2secret" not in repr(settings)


@pytest.mark.parametrize(
    "bad",
    [
        "http://mail.example.com",
        "smtp://:pw@",
        "smtp://user:hunter2secret@mail.example.com:99999",
        "smtp://mail.example.com?starttls=maybe",
        "smtps://mail.example.com?starttls=required",
        "smtp://mail.example.com?tls=1",
    ],
)
def test_a_bad_url_stops_the_start_naming_the_variable(
    bad: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEOPLELENS_SMTP_URL", bad)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "PEOPLELENS_SMTP_URL" in str(caught.value)
    assert "hunter2secret" not in str(caught.value)


def test_mail_from(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        Settings(public_url="https://jobs.acme.example").mail_sender()
        == "no-reply@jobs.acme.example"
    )
    assert Settings(public_url="http://127.0.0.1:8000").mail_sender() == "no-reply@localhost"
    assert Settings(mail_from="hr@acme.example").mail_sender() == "hr@acme.example"
    monkeypatch.setenv("PEOPLELENS_MAIL_FROM", "not an address")
    with pytest.raises(ConfigError, match="PEOPLELENS_MAIL_FROM"):
        load_settings()
