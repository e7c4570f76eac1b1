"""The storage contract, run against both backends (``storage`` is parametrised: a directory
and a bucket on moto's S3 server)."""

from __future__ import annotations

import hashlib
import io
import os
import threading
from uuid import uuid4

import pytest

from peoplelens.kit.storage.base import (
    CHUNK_SIZE,
    FileStorage,
    InvalidStorageKey,
    StoredFileMissing,
)
from tests.documents.helpers import PDF, BreaksAfterOneChunk, Interrupted, new_key


class TestPutAndRead:
    def test_bytes_round_trip(self, storage: FileStorage) -> None:
        key = new_key()
        storage.put(key, b"%PDF-1.7 hello", PDF)
        assert storage.read(key) == b"%PDF-1.7 hello"
        assert storage.exists(key)

    def test_a_stream_is_stored_as_it_is_read(self, storage: FileStorage) -> None:
        key = new_key()
        data = os.urandom(3 * CHUNK_SIZE + 17)
        storage.put(key, io.BytesIO(data), PDF)
        assert storage.read(key) == data

    def test_an_empty_file(self, storage: FileStorage) -> None:
        key = new_key()
        storage.put(key, b"", "text/plain")
        assert storage.read(key) == b""
        with storage.open(key) as stored:
            assert stored.size == 0
            assert list(stored) == []

    def test_put_replaces(self, storage: FileStorage) -> None:
        key = new_key()
        storage.put(key, b"first version, longer", PDF)
        storage.put(key, b"second", PDF)
        assert storage.read(key) == b"second"

    def test_missing(self, storage: FileStorage) -> None:
        key = new_key()
        assert not storage.exists(key)
        with pytest.raises(StoredFileMissing):
            storage.read(key)
        with pytest.raises(StoredFileMissing):
            storage.open(key)  # at once, before a response has started

    def test_a_key_is_not_its_directory(self, storage: FileStorage) -> None:
        key = new_key()
        storage.put(key, b"x", PDF)
        parent = key.rpartition("/")[0]
        assert not storage.exists(parent)
        with pytest.raises(StoredFileMissing):
            storage.read(parent)


class TestStreaming:
    def test_ten_mebibytes_come_back_in_chunks(self, storage: FileStorage) -> None:
        key = new_key()
        data = os.urandom(10 * 1024 * 1024)
        storage.put(key, io.BytesIO(data), PDF)
        digest = hashlib.sha256()
        sizes = []
        with storage.open(key) as stored:
            assert stored.size == len(data)
            for chunk in stored:
                sizes.append(len(chunk))
                digest.update(chunk)
        assert digest.digest() == hashlib.sha256(data).digest()
        assert max(sizes) <= CHUNK_SIZE  # never the whole file in memory
        assert len(sizes) >= len(data) // CHUNK_SIZE
        storage.delete(key)

    def test_closing_early_ends_the_stream(self, storage: FileStorage) -> None:
        key = new_key()
        storage.put(key, os.urandom(4 * CHUNK_SIZE), PDF)
        stored = storage.open(key)
        assert len(next(stored)) > 0
        stored.close()
        assert list(stored) == []
        stored.close()  # twice is fine
        storage.delete(key)
        assert not storage.exists(key)


class TestAtomicity:
    def test_a_failed_put_keeps_the_old_file(self, storage: FileStorage) -> None:
        key = new_key()
        storage.put(key, b"old", PDF)
        with pytest.raises(Interrupted):
            storage.put(key, BreaksAfterOneChunk(os.urandom(4 * CHUNK_SIZE)), PDF)
        assert storage.read(key) == b"old"

    def test_a_failed_put_leaves_nothing(self, storage: FileStorage) -> None:
        key = new_key()
        with pytest.raises(Interrupted):
            storage.put(key, BreaksAfterOneChunk(os.urandom(4 * CHUNK_SIZE)), PDF)
        assert not storage.exists(key)

    def test_readers_see_a_whole_file_while_it_is_replaced(self, storage: FileStorage) -> None:
        key = new_key()
        versions = [bytes([n]) * (256 * 1024) for n in (1, 2)]
        storage.put(key, versions[0], PDF)
        done = threading.Event()

        def writer() -> None:
            for n in range(12):
                storage.put(key, io.BytesIO(versions[n % 2]), PDF)
            done.set()

        thread = threading.Thread(target=writer)
        thread.start()
        reads = 0
        try:
            while not done.is_set() or reads < 3:
                assert storage.read(key) in versions
                reads += 1
        finally:
            thread.join()


class TestDelete:
    def test_delete_is_idempotent(self, storage: FileStorage) -> None:
        key = new_key()
        storage.delete(key)  # never stored
        storage.put(key, b"x", PDF)
        storage.delete(key)
        storage.delete(key)
        assert not storage.exists(key)
        with pytest.raises(StoredFileMissing):
            storage.read(key)

    def test_delete_prefix_takes_whole_segments(self, storage: FileStorage) -> None:
        tenant = str(uuid4())
        for name in ("c1/a", "c1/b", "c1/deeper/c", "c10/a", "c2/a"):
            storage.put(f"{tenant}/{name}", b"x", PDF)
        assert storage.delete_prefix(f"{tenant}/c1") == 3
        assert not storage.exists(f"{tenant}/c1/a")
        assert not storage.exists(f"{tenant}/c1/deeper/c")
        assert storage.exists(f"{tenant}/c10/a")
        assert storage.exists(f"{tenant}/c2/a")
        assert storage.delete_prefix(f"{tenant}/c1") == 0
        assert storage.delete_prefix(tenant) == 2
        assert not storage.exists(f"{tenant}/c2/a")

    def test_delete_prefix_leaves_a_file_of_that_name(self, storage: FileStorage) -> None:
        key = new_key()
        storage.put(key, b"x", PDF)
        assert storage.delete_prefix(key) == 0
        assert storage.exists(key)


BAD_KEYS = [
    "",
    "/etc/passwd",
    "../outside",
    "a/../../b",
    "a/./b",
    "..",
    ".",
    "a//b",
    "a/",
    "a\\b",
    "C:\\x",
    "a\x00b",
    "a\nb",
    "a b",
    "é",
    ".hidden",
    "a/.tmp-123",
    "-dash-first",
    "x" * 513,
    "a/" + "b" * 256,
]


class TestKeys:
    @pytest.mark.parametrize("key", BAD_KEYS)
    def test_refused_before_any_io(self, storage: FileStorage, key: str) -> None:
        with pytest.raises(InvalidStorageKey):
            storage.put(key, b"x", PDF)
        with pytest.raises(InvalidStorageKey):
            storage.read(key)
        with pytest.raises(InvalidStorageKey):
            storage.open(key)
        with pytest.raises(InvalidStorageKey):
            storage.exists(key)
        with pytest.raises(InvalidStorageKey):
            storage.delete(key)
        with pytest.raises(InvalidStorageKey):
            storage.delete_prefix(key)

    @pytest.mark.parametrize("key", ["a", "A-b_c.d/0", "x" * 255, new_key()])
    def test_accepted(self, storage: FileStorage, key: str) -> None:
        storage.put(key, b"ok", PDF)
        assert storage.read(key) == b"ok"
        storage.delete(key)
