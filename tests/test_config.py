from __future__ import annotations

import pytest

from peoplelens.config import ConfigError, Settings, load_settings
from peoplelens.kit.db.urls import normalize_database_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
        ("postgresql://u@h/db?sslmode=require", "postgresql+psycopg://u@h/db?sslmode=require"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgres+psycopg2://u@h/db", "postgresql+psycopg2://u@h/db"),
        ("sqlite:///./x.db", "sqlite:///./x.db"),
    ],
)
def test_database_urls_users_paste(given: str, expected: str) -> None:
    assert normalize_database_url(given) == expected


@pytest.mark.parametrize("bad", ["mysql://h/db", "not a url"])
def test_unsupported_database(bad: str) -> None:
    with pytest.raises(ValueError):
        normalize_database_url(bad)


def test_bad_environment_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEOPLELENS_DATABASE_URL", "mysql://x/y")
    monkeypatch.setenv("PEOPLELENS_RATE_LIMIT_PER_MINUTE", "-3")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "PEOPLELENS_DATABASE_URL" in str(info.value)
    assert "PEOPLELENS_RATE_LIMIT_PER_MINUTE" in str(info.value)


def test_production_requires_a_secret() -> None:
    with pytest.raises(ValueError, match="PEOPLELENS_SECRET_KEY"):
        Settings(env="production", secret_key=None)
    with pytest.raises(ValueError, match="at least 32"):
        Settings(secret_key="short")


def test_development_secret_is_created_once(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "secret"
    first = Settings(secret_key_file=path).resolved_secret_key()
    assert path.stat().st_mode & 0o777 == 0o600
    assert Settings(secret_key_file=path).resolved_secret_key() == first
