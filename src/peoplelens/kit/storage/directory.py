"""Files in a local directory: the default, zero set-up backend (one machine, or a shared
volume)."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Final

from peoplelens.kit.storage.base import (
    CHUNK_SIZE,
    StorageError,
    StorageUnavailable,
    StoredFile,
    StoredFileMissing,
    check_key,
)

_MISSING: Final = (FileNotFoundError, IsADirectoryError, NotADirectoryError)
# A put whose directory a concurrent delete has just pruned tries again, this often at most.
_PUT_TRIES: Final = 5


@contextmanager
def _unavailable_on_os_error(what: str) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise StorageUnavailable(f"file storage: cannot {what}: {exc.strerror or exc}") from exc


class DirectoryStorage:
    """Keys are paths under ``root``; directories 0700, files 0600 (the service's user only).

    A write goes to a temporary file beside its target, is fsynced and renamed over it, so
    readers never see a partial file and a crash leaves the old one. A delete removes the
    directories it leaves empty: nothing named after a candidate remains. ``content_type`` is
    not kept: the database row that names the key holds it.
    """

    def __init__(self, root: Path) -> None:
        # Absolute now: a later chdir must not move the files.
        self.root = Path(os.path.abspath(root))
        self._root_ready = False

    def put(self, key: str, data: bytes | IO[bytes], content_type: str) -> None:
        path = self._path(key)
        with _unavailable_on_os_error(f"write {key}"):
            fd, tmp = self._temporary_file(path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    if isinstance(data, bytes | bytearray | memoryview):
                        out.write(data)
                    else:
                        while chunk := data.read(CHUNK_SIZE):
                            out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, path)
            except BaseException:
                with suppress(OSError):
                    os.unlink(tmp)
                raise
            _fsync_directory(path.parent)  # the rename itself survives a power cut

    def open(self, key: str) -> StoredFile:
        path = self._path(key)
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed by StoredFile.close)
        except _MISSING:
            raise self._missing(key) from None
        except OSError as exc:
            raise StorageUnavailable(f"file storage: cannot open {key}: {exc.strerror}") from exc
        try:
            with _unavailable_on_os_error(f"open {key}"):
                size = os.fstat(handle.fileno()).st_size
        except BaseException:
            handle.close()
            raise

        def read(n: int) -> bytes:
            with _unavailable_on_os_error(f"read {key}"):
                return handle.read(n)

        return StoredFile(read, size, handle.close)

    def read(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except _MISSING:
            raise self._missing(key) from None
        except OSError as exc:
            raise StorageUnavailable(f"file storage: cannot read {key}: {exc.strerror}") from exc

    def exists(self, key: str) -> bool:
        # Not Path.is_file(): it answers False for "permission denied" too.
        path = self._path(key)
        try:
            if stat.S_ISREG(os.stat(path).st_mode):
                return True
        except (FileNotFoundError, NotADirectoryError):
            pass
        except OSError as exc:
            raise StorageUnavailable(f"file storage: cannot look up {key}: {exc.strerror}") from exc
        self._missing(key)
        return False

    def delete(self, key: str) -> None:
        path = self._path(key)
        with _unavailable_on_os_error(f"delete {key}"):
            try:
                os.unlink(path)
            except _MISSING:
                self._missing(key)  # nothing to delete, unless the whole root is gone
            self._prune(path.parent)

    def delete_prefix(self, prefix: str) -> int:
        directory = self._path(prefix)
        with _unavailable_on_os_error(f"delete {prefix}/"):
            # A file named like the prefix is not "under" it; a symlink there is not ours.
            try:
                if not stat.S_ISDIR(os.lstat(directory).st_mode):
                    return 0
            except (FileNotFoundError, NotADirectoryError):
                self._missing(prefix)
                return 0
            count = sum(len(files) for _, _, files in os.walk(directory))
            with suppress(FileNotFoundError):
                shutil.rmtree(directory)
            self._prune(directory.parent)
        return count

    # -- paths ---------------------------------------------------------------------------------

    def _path(self, key: str) -> Path:
        path = self.root / check_key(key)
        if not self._root_ready:
            self._make_root()
        # Defence in depth: the key rule already excludes "..", absolute paths and backslashes;
        # this also refuses a symlink inside the root that points out of it.
        real_root = os.path.realpath(self.root)
        if os.path.commonpath([real_root, os.path.realpath(path)]) != real_root:
            raise StorageError(f"file storage: {key} resolves outside the storage root")
        return path

    def _temporary_file(self, directory: Path) -> tuple[int, str]:
        """A new 0600 file in ``directory`` (created as needed), named so no key can match it.

        A concurrent delete may prune the directories between their creation and the file's:
        then try again (a file in them keeps them from being pruned from then on).
        """
        for attempt in range(_PUT_TRIES):
            try:
                self._make_dirs(directory)
                return tempfile.mkstemp(dir=directory, prefix=".tmp-")
            except FileNotFoundError:
                if attempt == _PUT_TRIES - 1:
                    raise
                self._check_root()
        raise AssertionError("unreachable")

    def _make_root(self) -> None:
        """On first use, whatever the operation: a fresh install has an empty store, not a
        broken one."""
        with _unavailable_on_os_error(f"create the storage root {self.root}"):
            self.root.parent.mkdir(parents=True, exist_ok=True)
            with suppress(FileExistsError):
                self.root.mkdir(mode=0o700)
        self._check_root()  # it may exist as something else: a file
        self._root_ready = True

    def _check_root(self) -> None:
        if not os.path.isdir(self.root):
            raise StorageUnavailable(f"file storage: the root {self.root} is not a directory")

    def _missing(self, key: str) -> StoredFileMissing:
        """The error for a file that is not there — unless the root itself has gone (a volume
        unmounted under us): then nothing can be found, or deleted, and that is an outage."""
        self._check_root()
        return StoredFileMissing(key)

    def _make_dirs(self, directory: Path) -> None:
        """Create the key's directories, each 0700 (``os.makedirs`` would give intermediate
        directories the umask's mode)."""
        current = self.root
        for part in directory.relative_to(self.root).parts:
            current = current / part
            with suppress(FileExistsError):
                current.mkdir(mode=0o700)

    def _prune(self, directory: Path) -> None:
        """Remove ``directory`` and its parents up to (not including) the root while empty."""
        while directory != self.root and directory.is_relative_to(self.root):
            try:
                directory.rmdir()
            except FileNotFoundError:
                pass  # a concurrent delete got there first: go on upwards
            except OSError as exc:
                if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                    return
                raise
            directory = directory.parent


def _fsync_directory(directory: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):  # Windows cannot open a directory; NTFS needs none
        return
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return  # a concurrent delete took the file and pruned its directory: nothing to sync
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
