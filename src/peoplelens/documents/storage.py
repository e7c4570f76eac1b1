"""INTERIM (replaced by the storage branch)."""

from __future__ import annotations

from pathlib import Path

from peoplelens.config import Settings
from peoplelens.kit.storage import DirectoryStorage, FileStorage


def storage_from_settings(settings: Settings) -> FileStorage:
    return DirectoryStorage(Path(settings.storage_url.removeprefix("file://")))
