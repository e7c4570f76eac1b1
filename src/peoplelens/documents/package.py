"""ZIP packages (DOCX, ODT) opened with their size judged before anything is decompressed.

A zip bomb is refused from its central directory alone: too many entries, too much declared
uncompressed data in all, or a member that inflates far beyond what compresses that well in
real documents. Members are then read through :class:`CappedReader`, which stops at the
declared size and at a hard cap of its own, so a directory that lies about sizes cannot make
us inflate more than the caps either.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import IO

MAX_ENTRIES = 2000
MAX_TOTAL = 200 * 1024 * 1024  # declared uncompressed bytes of all members together
MAX_MEMBER = 64 * 1024 * 1024  # any one member we read
# Word's XML compresses about 5-20x; only a padded or synthetic member goes past this.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # small members may compress as well as they like


class PackageError(ValueError):
    """The archive is corrupt, encrypted, or its declared sizes make it a zip bomb."""

    def __init__(self, message: str, *, bomb: bool = False) -> None:
        super().__init__(message)
        self.bomb = bomb


class CappedReader:
    """A member's bytes, never more than ``cap`` of them (then :class:`PackageError`);
    decompression errors surface as :class:`PackageError` too, whoever is reading."""

    def __init__(self, raw: IO[bytes], cap: int) -> None:
        self.raw, self.left = raw, cap

    def read(self, size: int = -1) -> bytes:
        want = self.left + 1 if size < 0 else min(size, self.left + 1)
        try:
            data = self.raw.read(want)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise PackageError(f"a member is damaged ({exc})") from exc
        self.left -= len(data)
        if self.left < 0:
            raise PackageError("a member inflates beyond its limit", bomb=True)
        return data

    def close(self) -> None:
        self.raw.close()


class Package:
    """A checked ZIP archive; ``open`` and ``read`` are bounded."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise PackageError(f"the ZIP structure is damaged ({exc})") from exc
        if len(infos) > MAX_ENTRIES:
            raise PackageError(f"it has {len(infos)} entries", bomb=True)
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL:
            raise PackageError(f"it would inflate to {total // 2**20} MiB", bomb=True)
        for info in infos:
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise PackageError(
                    f"{info.filename} inflates {info.file_size // max(info.compress_size, 1)}"
                    " times",
                    bomb=True,
                )
        self.infos = {i.filename: i for i in infos}

    def names(self) -> set[str]:
        return set(self.infos)

    def encrypted(self) -> bool:
        return any(i.flag_bits & 0x1 for i in self.infos.values())

    def open(self, name: str, cap: int = MAX_MEMBER) -> CappedReader:
        info = self.infos[name]
        if info.file_size > cap:
            raise PackageError(f"{name} is {info.file_size // 2**20} MiB", bomb=True)
        try:
            raw = self.zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
            raise PackageError(f"{name} cannot be opened ({exc})") from exc
        return CappedReader(raw, min(cap, info.file_size))

    def read(self, name: str, cap: int = MAX_MEMBER) -> bytes:
        reader = self.open(name, cap)
        try:
            return reader.read()
        finally:
            reader.close()
