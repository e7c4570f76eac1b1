"""Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage…): the backend for several
machines.

boto3 ships no type information: its client is ``Any`` here and nowhere else; every call goes
through ``S3Storage._call``, which also turns botocore's errors into ours.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any, Final, Literal

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError

from peoplelens.kit.storage.base import (
    StorageError,
    StorageUnavailable,
    StoredFile,
    StoredFileMissing,
    check_key,
)

_MISSING_CODES: Final = frozenset({"NoSuchKey", "NotFound", "404"})
# Worth trying again later: the backend (or our credentials, or the bucket's existence) may be
# fixed by then. Anything else is a request the server will refuse every time.
_UNAVAILABLE_CODES: Final = frozenset(
    {
        "NoSuchBucket",
        "AccessDenied",
        "AllAccessDisabled",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "ExpiredToken",
        "InvalidToken",
        "RequestTimeTooSkewed",
        "RequestTimeout",
        "SlowDown",
        "Throttling",
    }
)
_DELETE_BATCH: Final = 1000  # DeleteObjects' limit

AddressingStyle = Literal["auto", "path", "virtual"]


def storage_error(exc: Exception, what: str) -> StorageError:
    """Ours for a botocore error: 404s are missing files; the network, credentials,
    permissions, throttling and 5xx are "unavailable"; the rest a plain StorageError."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))
        if code in _MISSING_CODES or (status == 404 and code not in _UNAVAILABLE_CODES):
            return StoredFileMissing(what)
        message = f"S3 storage: cannot {what}: {code or status} {error.get('Message', '')}"
        if code in _UNAVAILABLE_CODES or status >= 500 or status in (401, 403, 408, 429):
            return StorageUnavailable(message.rstrip())
        return StorageError(message.rstrip())
    return StorageUnavailable(f"S3 storage: cannot {what}: {exc}")


class S3Storage:
    """Keys are object names under ``prefix/`` in ``bucket``.

    A PUT is atomic on S3: an object appears whole or not at all. Timeouts are short and
    retries few: the request waiting on us is a person's, and a task that finds the bucket
    unavailable is retried later by the worker anyway.

    On a versioned bucket a delete leaves the earlier versions: use a bucket without
    versioning (or a lifecycle rule that expires noncurrent versions) so erasure erases.
    """

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        addressing_style: AddressingStyle = "auto",
        server_side_encryption: str | None = None,
        timeout_seconds: float = 5.0,
        max_attempts: int = 3,
    ) -> None:
        self.bucket = bucket
        self.prefix = check_key(prefix.strip("/")) if prefix.strip("/") else ""
        self._put_extra = (
            {"ServerSideEncryption": server_side_encryption} if server_side_encryption else {}
        )
        compatibility: dict[str, str] = {}
        if endpoint_url:
            # Many S3-compatible servers reject the checksum trailers botocore sends by default
            # since 1.36; checksums stay on where an operation requires one.
            compatibility = {
                "request_checksum_calculation": "when_required",
                "response_checksum_validation": "when_required",
            }
        config = Config(
            connect_timeout=timeout_seconds,
            read_timeout=timeout_seconds,
            retries={"max_attempts": max_attempts, "mode": "standard"},
            s3={"addressing_style": addressing_style},
            # One per thread of the API's pool and the worker, so downloads streaming to slow
            # clients do not make other requests open throwaway connections.
            max_pool_connections=48,
            **compatibility,
        )
        # A session of our own: boto3's default session is not safe to share between threads
        # while clients are created; the client itself is.
        self._client: Any = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            config=config,
        )

    def put(self, key: str, data: bytes | IO[bytes], content_type: str) -> None:
        name = self._name(key)
        body: bytes | IO[bytes] = data
        if isinstance(data, bytearray | memoryview):
            body = bytes(data)
        elif not isinstance(data, bytes) and not data.seekable():
            body = data.read()  # botocore needs the length up front and a way to retry
        self._call(
            f"write {key}",
            self._client.put_object,
            Bucket=self.bucket,
            Key=name,
            Body=body,
            ContentType=content_type,
            **self._put_extra,
        )

    def open(self, key: str) -> StoredFile:
        response = self._call(
            f"open {key}", self._client.get_object, Bucket=self.bucket, Key=self._name(key)
        )
        body = response["Body"]

        def read(n: int) -> bytes:
            chunk: bytes = self._call(f"read {key}", body.read, n)
            return chunk

        return StoredFile(read, int(response["ContentLength"]), body.close)

    def read(self, key: str) -> bytes:
        with self.open(key) as stored:
            return b"".join(stored)

    def exists(self, key: str) -> bool:
        # HEAD has no body, so a missing bucket is a bare 404 too: False here, while every
        # other operation reports it as StorageUnavailable (NoSuchBucket).
        try:
            self._call(
                f"look up {key}", self._client.head_object, Bucket=self.bucket, Key=self._name(key)
            )
        except StoredFileMissing:
            return False
        return True

    def delete(self, key: str) -> None:
        # S3 answers 204 for a key that is not there: idempotent as it is.
        self._call(
            f"delete {key}", self._client.delete_object, Bucket=self.bucket, Key=self._name(key)
        )

    def delete_prefix(self, prefix: str) -> int:
        what = f"delete {prefix}/"
        listing: dict[str, Any] = {"Bucket": self.bucket, "Prefix": self._name(prefix) + "/"}
        count = 0
        while True:
            page = self._call(what, self._client.list_objects_v2, **listing)
            names = [item["Key"] for item in page.get("Contents", [])]
            for start in range(0, len(names), _DELETE_BATCH):
                batch = [{"Key": name} for name in names[start : start + _DELETE_BATCH]]
                answer = self._call(
                    what,
                    self._client.delete_objects,
                    Bucket=self.bucket,
                    Delete={"Objects": batch, "Quiet": True},
                )
                if answer.get("Errors"):
                    first = answer["Errors"][0]
                    raise StorageUnavailable(
                        f"S3 storage: cannot {what}: {first.get('Code')} on {first.get('Key')}"
                    )
                count += len(batch)
            if not page.get("IsTruncated"):
                return count
            listing["ContinuationToken"] = page["NextContinuationToken"]

    def _name(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    @staticmethod
    def _call(what: str, operation: Callable[..., Any], *args: Any, **params: Any) -> Any:
        try:
            return operation(*args, **params)
        except ParamValidationError:
            raise  # our bug, not the backend's state
        except (ClientError, BotoCoreError, OSError) as exc:
            # OSError: a socket failing under a streamed body that botocore did not wrap.
            raise storage_error(exc, what) from exc
