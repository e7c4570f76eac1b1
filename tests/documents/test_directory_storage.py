"""What only the directory backend has: modes, the root, paths that must stay under it, and
no trace of a candidate left after a delete."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path

import pytest

from peoplelens.config import Settings
from peoplelens.documents.storage import storage_from_settings
from peoplelens.kit.storage.base import (
    StorageError,
    StorageUnavailable,
    StoredFileMissing,
)
from peoplelens.kit.storage.directory import DirectoryStorage
from tests.documents.helpers import PDF, BreaksAfterOneChunk, Interrupted


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tree(root: Path) -> list[str]:
    """Everything under root, directories included, as relative paths."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


class TestRootAndModes:
    def test_the_root_is_made_on_first_use(self, tmp_path: Path) -> None:
        root = tmp_path / "data" / "files"
        storage = DirectoryStorage(root)
        assert not root.exists()  # building it touches nothing
        assert not storage.exists("t/c/f")
        assert root.is_dir()
        assert mode(root) == 0o700

    def test_directories_0700_files_0600(self, tmp_path: Path) -> None:
        storage = DirectoryStorage(tmp_path / "files")
        storage.put("tenant/candidate/file", b"x", PDF)
        storage.put("tenant/candidate/file", b"y", PDF)  # a replacement too
        root = tmp_path / "files"
        assert mode(root / "tenant") == 0o700
        assert mode(root / "tenant" / "candidate") == 0o700
        assert mode(root / "tenant" / "candidate" / "file") == 0o600

    def test_no_temporary_file_is_left(self, tmp_path: Path) -> None:
        storage = DirectoryStorage(tmp_path / "files")
        storage.put("t/c/kept", b"x", PDF)
        with pytest.raises(Interrupted):
            storage.put("t/c/failed", BreaksAfterOneChunk(os.urandom(300_000)), PDF)
        assert tree(tmp_path / "files") == ["t", "t/c", "t/c/kept"]

    def test_a_relative_url_is_the_working_directory_at_start(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (tmp_path / "app").mkdir()
        (tmp_path / "elsewhere").mkdir()
        monkeypatch.chdir(tmp_path / "app")
        storage = storage_from_settings(Settings())  # file://./data/files
        monkeypatch.chdir(tmp_path / "elsewhere")
        storage.put("t/c/f", b"x", PDF)
        assert (tmp_path / "app" / "data" / "files" / "t" / "c" / "f").read_bytes() == b"x"
        assert tree(tmp_path / "elsewhere") == []

    def test_an_absolute_url(self, tmp_path: Path) -> None:
        storage = storage_from_settings(Settings(storage_url=f"file://{tmp_path}/abs"))
        storage.put("k", b"x", PDF)
        assert (tmp_path / "abs" / "k").read_bytes() == b"x"


class TestOutsideTheRoot:
    def test_a_symlinked_directory_out_of_the_root(self, tmp_path: Path) -> None:
        root, outside = tmp_path / "files", tmp_path / "outside"
        outside.mkdir()
        storage = DirectoryStorage(root)
        storage.exists("warm-up")  # makes the root
        (root / "t").symlink_to(outside)
        with pytest.raises(StorageError, match="outside the storage root"):
            storage.put("t/c/f", b"x", PDF)
        with pytest.raises(StorageError, match="outside the storage root"):
            storage.delete_prefix("t")
        assert tree(outside) == []

    def test_a_symlinked_file_out_of_the_root(self, tmp_path: Path) -> None:
        secret = tmp_path / "secret"
        secret.write_bytes(b"not yours")
        storage = DirectoryStorage(tmp_path / "files")
        storage.exists("warm-up")
        (tmp_path / "files" / "f").symlink_to(secret)
        with pytest.raises(StorageError, match="outside the storage root"):
            storage.read("f")
        with pytest.raises(StorageError, match="outside the storage root"):
            storage.delete("f")
        assert secret.read_bytes() == b"not yours"


class TestNothingRemains:
    def test_delete_prunes_the_directories_it_empties(self, tmp_path: Path) -> None:
        root = tmp_path / "files"
        storage = DirectoryStorage(root)
        for key in ("t/c1/a", "t/c1/b", "t/c2/a"):
            storage.put(key, b"x", PDF)
        storage.delete("t/c1/a")
        assert tree(root) == ["t", "t/c1", "t/c1/b", "t/c2", "t/c2/a"]
        storage.delete("t/c1/b")
        assert tree(root) == ["t", "t/c2", "t/c2/a"]  # no directory named by the candidate
        storage.delete("t/c2/a")
        assert tree(root) == []
        assert root.is_dir()  # the root itself stays

    def test_delete_prefix_prunes_too(self, tmp_path: Path) -> None:
        root = tmp_path / "files"
        storage = DirectoryStorage(root)
        storage.put("t/c/a", b"x", PDF)
        storage.put("t/c/sub/b", b"x", PDF)
        assert storage.delete_prefix("t/c") == 2
        assert tree(root) == []

    def test_puts_and_deletes_side_by_side(self, tmp_path: Path) -> None:
        """Two candidates' files in one directory, written and deleted at once: a delete
        pruning the directory under a put makes the put try again, never fail."""
        storage = DirectoryStorage(tmp_path / "files")
        errors: list[BaseException] = []

        def churn(key: str) -> None:
            try:
                for _ in range(150):
                    storage.put(key, b"x", PDF)
                    storage.delete(key)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=churn, args=(f"t/c/{n}",)) for n in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert tree(tmp_path / "files") == []


class TestAnUnusableRoot:
    def test_a_root_that_vanished_is_an_outage_not_an_empty_store(self, tmp_path: Path) -> None:
        """A volume unmounted under a running service: reads must not answer "no such file",
        and an erasure must not report success."""
        root = tmp_path / "files"
        storage = DirectoryStorage(root)
        storage.put("t/c/f", b"x", PDF)
        shutil.rmtree(root)
        for attempt in (
            lambda: storage.read("t/c/f"),
            lambda: storage.open("t/c/f"),
            lambda: storage.exists("t/c/f"),
            lambda: storage.delete("t/c/f"),
            lambda: storage.delete_prefix("t/c"),
            lambda: storage.put("t/c/g", b"x", PDF),
        ):
            with pytest.raises(StorageUnavailable):
                attempt()
        assert not root.exists()  # not quietly made again on the wrong disk

    def test_a_root_that_is_a_file(self, tmp_path: Path) -> None:
        (tmp_path / "files").write_bytes(b"")
        storage = DirectoryStorage(tmp_path / "files")
        with pytest.raises(StorageUnavailable, match="not a directory"):
            storage.put("t/c/f", b"x", PDF)
        with pytest.raises(StorageUnavailable):
            storage.read("t/c/f")

    def test_a_missing_file_under_a_good_root_is_missing(self, tmp_path: Path) -> None:
        storage = DirectoryStorage(tmp_path / "files")
        with pytest.raises(StoredFileMissing):
            storage.read("t/c/f")
