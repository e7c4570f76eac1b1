"""Storage fixtures: a directory under the test's tmp_path, and a bucket on moto's S3 server —
a real HTTP server speaking the S3 protocol on 127.0.0.1, so our boto3 client does real
requests (no in-process mocking of the client)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import boto3
import pytest
from moto.server import ThreadedMotoServer

from peoplelens.config import Settings
from peoplelens.documents.storage import storage_from_settings
from peoplelens.kit.storage.base import FileStorage

S3_PREFIX = "peoplelens/files"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    # werkzeug logs every request at INFO: keep failures' captured output readable.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture(scope="session")
def s3_admin(s3_endpoint: str) -> Any:
    """A plain client for what the service never does itself: buckets, inspecting objects."""
    return boto3.session.Session().client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test-secret",
    )


@pytest.fixture(scope="session")
def bucket(s3_admin: Any) -> Iterator[str]:
    """One bucket for the session (building a client costs ~0.2 s): tests keep apart by their
    keys, which start with fresh uuids."""
    name = f"pl-test-{uuid4().hex[:16]}"
    s3_admin.create_bucket(Bucket=name)
    yield name
    for page in s3_admin.get_paginator("list_objects_v2").paginate(Bucket=name):
        for item in page.get("Contents", []):
            s3_admin.delete_object(Bucket=name, Key=item["Key"])
    s3_admin.delete_bucket(Bucket=name)


def s3_settings(endpoint: str, bucket: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "storage_url": f"s3://{bucket}/{S3_PREFIX}",
        "s3_endpoint_url": endpoint,
        "s3_region": "us-east-1",
        "s3_access_key_id": "test",
        "s3_secret_access_key": "test-secret",
        "s3_addressing_style": "path",
        "s3_timeout_seconds": 2,
        "s3_max_attempts": 2,
    }
    return Settings(**(values | overrides))


@pytest.fixture
def directory_storage(tmp_path: Path) -> FileStorage:
    return storage_from_settings(Settings(storage_url=f"file://{tmp_path}/files"))


@pytest.fixture(scope="session")
def s3_storage(s3_endpoint: str, bucket: str) -> FileStorage:
    return storage_from_settings(s3_settings(s3_endpoint, bucket))


@pytest.fixture(params=["directory", "s3"])
def storage(request: pytest.FixtureRequest) -> FileStorage:
    """Each behavioural test runs against both backends, built from settings as the app does."""
    backend: FileStorage = request.getfixturevalue(f"{request.param}_storage")
    return backend
