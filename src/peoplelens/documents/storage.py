"""The storage the settings ask for."""

from __future__ import annotations

from peoplelens.config import Settings
from peoplelens.kit.storage.base import FileStorage
from peoplelens.kit.storage.directory import DirectoryStorage
from peoplelens.kit.storage.location import DirectoryLocation, parse_storage_url


def storage_from_settings(settings: Settings) -> FileStorage:
    """Built once per process (at start-up): it touches neither the disk nor the network, so a
    storage that is down shows as ``StorageUnavailable`` on use, not as a failed start."""
    location = parse_storage_url(settings.storage_url)
    if isinstance(location, DirectoryLocation):
        return DirectoryStorage(location.root)
    # Imported here: boto3 takes a noticeable moment to import, and most installs never need it.
    from peoplelens.kit.storage.s3 import S3Storage

    secret = settings.s3_secret_access_key
    return S3Storage(
        location.bucket,
        location.prefix,
        endpoint_url=settings.s3_endpoint_url,
        region=settings.s3_region,
        access_key_id=settings.s3_access_key_id,
        secret_access_key=secret.get_secret_value() if secret else None,
        addressing_style=settings.s3_addressing_style,
        server_side_encryption=settings.s3_sse,
        timeout_seconds=settings.s3_timeout_seconds,
        max_attempts=settings.s3_max_attempts,
    )
