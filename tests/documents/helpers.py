"""Keys and uploads shaped like the callers' (plain functions, shared by the storage tests)."""

from __future__ import annotations

import io
import os
from uuid import uuid4

from peoplelens.kit.storage.base import CHUNK_SIZE

PDF = "application/pdf"


def new_key() -> str:
    """The shape callers use: tenant uuid / candidate uuid / random hex."""
    return f"{uuid4()}/{uuid4()}/{os.urandom(16).hex()}"


class Interrupted(Exception):
    pass


class BreaksAfterOneChunk(io.BytesIO):
    """An upload whose client goes away mid-file."""

    def read(self, size: int | None = -1, /) -> bytes:
        if self.tell() >= CHUNK_SIZE:
            raise Interrupted
        return super().read(CHUNK_SIZE if size is None or size < 0 else min(size, CHUNK_SIZE))
