"""What only the S3 backend has: object names, headers, and an unreachable or refusing backend
reported as StorageUnavailable, quickly."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)

from peoplelens.documents.storage import storage_from_settings
from peoplelens.kit.storage.base import (
    FileStorage,
    StorageError,
    StorageUnavailable,
    StoredFileMissing,
)
from peoplelens.kit.storage.s3 import S3Storage, storage_error
from tests.documents.conftest import S3_PREFIX, s3_settings
from tests.documents.helpers import PDF, new_key


def every_operation(storage: FileStorage) -> dict[str, Callable[[], object]]:
    key = new_key()
    return {
        "put": lambda: storage.put(key, b"x", PDF),
        "read": lambda: storage.read(key),
        "open": lambda: storage.open(key),
        "exists": lambda: storage.exists(key),
        "delete": lambda: storage.delete(key),
        "delete_prefix": lambda: storage.delete_prefix(key.rpartition("/")[0]),
    }


class TestObjects:
    def test_named_under_the_prefix_with_their_content_type(
        self, s3_storage: FileStorage, s3_admin: Any, bucket: str
    ) -> None:
        key = new_key()
        s3_storage.put(key, b"%PDF", PDF)
        head = s3_admin.head_object(Bucket=bucket, Key=f"{S3_PREFIX}/{key}")
        assert head["ContentType"] == PDF
        assert head["ContentLength"] == 4
        assert "ServerSideEncryption" not in head

    def test_server_side_encryption_when_asked(
        self, s3_endpoint: str, s3_admin: Any, bucket: str
    ) -> None:
        storage = storage_from_settings(s3_settings(s3_endpoint, bucket, s3_sse="AES256"))
        key = new_key()
        storage.put(key, b"x", PDF)
        head = s3_admin.head_object(Bucket=bucket, Key=f"{S3_PREFIX}/{key}")
        assert head["ServerSideEncryption"] == "AES256"

    def test_without_a_prefix(self, s3_endpoint: str, s3_admin: Any, bucket: str) -> None:
        settings = s3_settings(s3_endpoint, bucket, storage_url=f"s3://{bucket}")
        storage = storage_from_settings(settings)
        key = new_key()
        storage.put(key, b"x", PDF)
        assert s3_admin.get_object(Bucket=bucket, Key=key)["Body"].read() == b"x"
        storage.delete(key)

    def test_a_missing_bucket_is_unavailable(self, s3_endpoint: str) -> None:
        storage = storage_from_settings(s3_settings(s3_endpoint, "no-such-bucket-here"))
        operations = every_operation(storage)
        del operations["exists"]  # HEAD answers a bare 404: it cannot tell bucket from key
        for operation in operations.values():
            with pytest.raises(StorageUnavailable, match="NoSuchBucket"):
                operation()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # nothing listens on it now


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Accepts connections (the kernel does, from its backlog) and never answers."""
    with socket.create_server(("127.0.0.1", 0), backlog=16) as server:
        yield server.getsockname()[1]


class TestBackendDown:
    def test_nothing_listening(self, closed_port: int) -> None:
        storage = storage_from_settings(
            s3_settings(f"http://127.0.0.1:{closed_port}", "some-bucket", s3_max_attempts=1)
        )
        started = time.monotonic()
        for operation in every_operation(storage).values():
            with pytest.raises(StorageUnavailable, match="Could not connect"):
                operation()
        assert time.monotonic() - started < 3

    def test_a_server_that_never_answers_times_out(self, silent_server: int) -> None:
        settings = s3_settings(
            f"http://127.0.0.1:{silent_server}",
            "some-bucket",
            s3_timeout_seconds=0.3,
            s3_max_attempts=1,
        )
        storage = storage_from_settings(settings)
        started = time.monotonic()
        with pytest.raises(StorageUnavailable, match="timeout"):
            storage.read(new_key())
        assert time.monotonic() - started < 2


def client_error(code: str, status: int) -> ClientError:
    response: Any = {
        "Error": {"Code": code, "Message": "m"},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    return ClientError(response, "GetObject")


class TestErrorMapping:
    """Errors a real AWS account gives that moto's server does not (it checks no signature)."""

    @pytest.mark.parametrize(
        ("error", "expected"),
        [
            (client_error("NoSuchKey", 404), StoredFileMissing),
            (client_error("404", 404), StoredFileMissing),
            (client_error("NoSuchBucket", 404), StorageUnavailable),
            (client_error("AccessDenied", 403), StorageUnavailable),
            (client_error("InvalidAccessKeyId", 403), StorageUnavailable),
            (client_error("SignatureDoesNotMatch", 403), StorageUnavailable),
            (client_error("SlowDown", 503), StorageUnavailable),
            (client_error("InternalError", 500), StorageUnavailable),
            (client_error("EntityTooLarge", 400), StorageError),
            (NoCredentialsError(), StorageUnavailable),
            (EndpointConnectionError(endpoint_url="http://x"), StorageUnavailable),
            (ReadTimeoutError(endpoint_url="http://x"), StorageUnavailable),
        ],
    )
    def test_mapped(self, error: Exception, expected: type[StorageError]) -> None:
        assert type(storage_error(error, "read k")) is expected

    def test_the_client_is_built_without_any_network(self, closed_port: int) -> None:
        storage = S3Storage(
            "some-bucket", "p", endpoint_url=f"http://127.0.0.1:{closed_port}", region="eu-west-1"
        )
        assert storage.prefix == "p"
