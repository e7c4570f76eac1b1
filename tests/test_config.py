from __future__ import annotations

from pathlib import Path

import pytest

from peoplelens.config import ConfigError, Settings, load_settings
from peoplelens.documents.storage import storage_from_settings
from peoplelens.kit.db.urls import normalize_database_url
from peoplelens.kit.storage.directory import DirectoryStorage
from peoplelens.kit.storage.location import (
    BucketLocation,
    DirectoryLocation,
    parse_storage_url,
)
from peoplelens.kit.storage.s3 import S3Storage


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
    path = Path(str(tmp_path)) / "secret"
    first = Settings(secret_key_file=path).resolved_secret_key()
    assert path.stat().st_mode & 0o777 == 0o600
    assert Settings(secret_key_file=path).resolved_secret_key() == first


# -- file storage (PEOPLELENS_STORAGE_URL, PEOPLELENS_S3_*) -----------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("file://./data/files", DirectoryLocation(Path("./data/files"))),
        ("file://../shared/files", DirectoryLocation(Path("../shared/files"))),
        ("file:///srv/peoplelens/files", DirectoryLocation(Path("/srv/peoplelens/files"))),
        ("s3://peoplelens-files", BucketLocation("peoplelens-files", "")),
        ("s3://peoplelens-files/", BucketLocation("peoplelens-files", "")),
        ("s3://my.bucket-1/prod/files/", BucketLocation("my.bucket-1", "prod/files")),
    ],
)
def test_storage_urls(url: str, expected: object) -> None:
    assert parse_storage_url(url) == expected
    assert Settings(storage_url=url).storage_url == url


@pytest.mark.parametrize(
    "bad",
    [
        "./data/files",  # no scheme
        "ftp://host/files",
        "gs://bucket",
        "file://data/files",  # a host, not a path
        "file:///",
        "s3://",
        "s3://Upper-Case",
        "s3://ab",
        "s3://192.168.1.1",
        "s3://bucket/../escape",
        "s3://bucket/has space",
    ],
)
def test_bad_storage_url_names_the_variable(bad: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEOPLELENS_STORAGE_URL", bad)
    with pytest.raises(ConfigError, match="PEOPLELENS_STORAGE_URL"):
        load_settings()


def test_credentials_in_the_url_are_refused_without_echoing_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PEOPLELENS_STORAGE_URL", "s3://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/files")
    with pytest.raises(ConfigError, match="PEOPLELENS_S3_ACCESS_KEY_ID") as info:
        load_settings()
    assert "wJalrXUtnFEMI" not in str(info.value)


def test_s3_credentials_come_in_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEOPLELENS_STORAGE_URL", "s3://peoplelens-files")
    monkeypatch.setenv("PEOPLELENS_S3_ACCESS_KEY_ID", "AKIAEXAMPLE")
    with pytest.raises(ConfigError, match="PEOPLELENS_S3_SECRET_ACCESS_KEY"):
        load_settings()
    monkeypatch.setenv("PEOPLELENS_S3_SECRET_ACCESS_KEY", "wJalrXUtnFEMI")
    settings = load_settings()
    assert settings.s3_secret_access_key is not None
    assert settings.s3_secret_access_key.get_secret_value() == "wJalrXUtnFEMI"
    assert "wJalrXUtnFEMI" not in repr(settings)  # never in a log line or a traceback


def test_s3_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEOPLELENS_STORAGE_URL", "s3://peoplelens-files/prod")
    monkeypatch.setenv("PEOPLELENS_S3_ENDPOINT_URL", "http://minio.internal:9000")
    monkeypatch.setenv("PEOPLELENS_S3_ADDRESSING_STYLE", "path")
    monkeypatch.setenv("PEOPLELENS_S3_SSE", "")  # blank in a compose file: unset
    monkeypatch.setenv("PEOPLELENS_S3_REGION", "")
    settings = load_settings()
    assert settings.s3_sse is None
    assert settings.s3_region is None
    storage = storage_from_settings(settings)
    assert isinstance(storage, S3Storage)
    assert (storage.bucket, storage.prefix) == ("peoplelens-files", "prod")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PEOPLELENS_S3_ENDPOINT_URL", "minio.internal:9000"),
        ("PEOPLELENS_S3_SSE", "rot13"),
        ("PEOPLELENS_S3_ADDRESSING_STYLE", "sideways"),
        ("PEOPLELENS_S3_TIMEOUT_SECONDS", "0"),
        ("PEOPLELENS_S3_MAX_ATTEMPTS", "0"),
    ],
)
def test_bad_s3_setting_names_the_variable(
    variable: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        load_settings()


def test_the_default_storage_is_a_directory_under_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    storage = storage_from_settings(Settings())
    assert isinstance(storage, DirectoryStorage)
    assert storage.root == tmp_path / "data" / "files"
    assert not storage.root.exists()  # made on first use, not at start


def test_a_short_metrics_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """/metrics is not rate-limited: a guessable token stops the start, naming the variable."""
    monkeypatch.setenv("PEOPLELENS_METRICS_TOKEN", "short-token")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "PEOPLELENS_METRICS_TOKEN" in str(info.value) and "32 characters" in str(info.value)
    monkeypatch.setenv("PEOPLELENS_METRICS_TOKEN", "m" * 32)
    assert load_settings().metrics_token is not None
