"""The storage interface the endpoints, the parser and the erasure task use, and its errors.

All of it is synchronous: callers run in worker threads (the API's thread pool, the worker).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import TracebackType
from typing import IO, Final, Protocol

from peoplelens.kit.storage.keys import InvalidStorageKey, check_key

__all__ = [
    "CHUNK_SIZE",
    "FileStorage",
    "InvalidStorageKey",
    "StorageError",
    "StorageUnavailable",
    "StoredFile",
    "StoredFileMissing",
    "check_key",
]

# Large enough to keep system calls and S3 reads few, small enough for many parallel downloads.
CHUNK_SIZE: Final = 64 * 1024


class StorageError(Exception):
    """A storage operation failed for a reason other than the two below (a bug, most likely)."""


class StorageUnavailable(StorageError):
    """The backend is down, unreachable, full or refuses us (permissions, credentials): the
    file may well be there, so the caller retries later rather than reporting it gone."""


class StoredFileMissing(StorageError):
    """Nothing is stored under the key (never written, or deleted)."""


class StoredFile:
    """An open stored file, read in chunks of ``CHUNK_SIZE``: iterate it (a StreamingResponse
    can) and close it. It closes itself at the end; ``close()`` after a client went away early
    releases the file handle or the connection at once instead of at garbage collection."""

    def __init__(self, read: Callable[[int], bytes], size: int, release: Callable[[], None]):
        self._read = read
        self._release: Callable[[], None] | None = release
        self.size = size  # bytes, for Content-Length

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        if self._release is None:
            raise StopIteration
        chunk = self._read(CHUNK_SIZE)
        if not chunk:
            self.close()
            raise StopIteration
        return chunk

    def close(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            release()

    def __enter__(self) -> StoredFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class FileStorage(Protocol):
    """Files under keys such as ``<tenant uuid>/<candidate uuid>/<random hex>``.

    Every method refuses a key outside ``keys.check_key`` with ``InvalidStorageKey`` before
    any I/O, raises ``StorageUnavailable`` when the backend cannot be used right now, and
    ``StoredFileMissing`` when there is no such file.
    """

    def put(self, key: str, data: bytes | IO[bytes], content_type: str) -> None:
        """Store ``data`` under ``key``, replacing what was there. Atomic: a reader sees the
        old file or the new one, never a part; a failed put leaves the old one (or none)."""
        ...

    def open(self, key: str) -> StoredFile:
        """The file, to stream (serving a download). Raises at once when it is missing."""
        ...

    def read(self, key: str) -> bytes:
        """The whole file (the parser's input; uploads are at most a few MiB)."""
        ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Remove the file; a missing one is not an error (erasure may run twice)."""
        ...

    def delete_prefix(self, prefix: str) -> int:
        """Remove every file under ``prefix/`` (a tenant's or a candidate's); the count removed.
        ``prefix`` follows the key rule and names whole segments: ``a/b`` never touches
        ``a/bc``."""
        ...
