"""``PEOPLELENS_STORAGE_URL`` read once, by the settings' validator and by the factory alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from peoplelens.kit.storage.keys import InvalidStorageKey, check_key

# S3's rule for new buckets (lowercase, 3–63, no dots at the ends, not an IP address).
_BUCKET: Final = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_IP_LIKE: Final = re.compile(r"\d+\.\d+\.\d+\.\d+")


@dataclass(frozen=True)
class DirectoryLocation:
    root: Path  # relative paths are relative to the working directory at start-up


@dataclass(frozen=True)
class BucketLocation:
    bucket: str
    prefix: str  # "" or "segment(/segment)*", without slashes at either end


def parse_storage_url(url: str) -> DirectoryLocation | BucketLocation:
    """``file://./data/files``, ``file:///srv/files`` or ``s3://bucket[/prefix]``.

    Raises ValueError with a sentence the settings loader prefixes with the variable's name.
    """
    scheme, sep, rest = url.strip().partition("://")
    if sep and scheme.lower() == "file":
        # ``file://./x`` (relative) and ``file:///x`` (absolute); ``file://host/x`` would name a
        # host, which a local directory cannot have.
        if not rest.startswith(("/", "./", "../")) or rest.strip("/.") == "":
            raise ValueError(
                "a file:// URL names a directory: file://./data/files (relative to the working "
                "directory) or file:///srv/files (absolute)"
            )
        return DirectoryLocation(Path(rest))
    if sep and scheme.lower() == "s3":
        bucket, _, prefix = rest.partition("/")
        if "@" in bucket:  # not echoed: it would put the secret into the error (and the log)
            raise ValueError(
                "credentials do not go into the URL: set PEOPLELENS_S3_ACCESS_KEY_ID and "
                "PEOPLELENS_S3_SECRET_ACCESS_KEY"
            )
        if not _BUCKET.fullmatch(bucket) or _IP_LIKE.fullmatch(bucket) or ".." in bucket:
            raise ValueError(
                f"'{bucket}' is not an S3 bucket name (3–63 lowercase letters, digits, dots and "
                "hyphens): use s3://bucket or s3://bucket/prefix"
            )
        prefix = prefix.strip("/")
        if prefix:
            try:
                check_key(prefix)
            except InvalidStorageKey:
                raise ValueError(
                    f"the prefix '{prefix}' may hold only letters, digits and . _ - / "
                    "(each part starting with a letter or digit)"
                ) from None
        return BucketLocation(bucket, prefix)
    raise ValueError(
        "must be file://./data/files (a directory), file:///srv/files or s3://bucket/prefix"
    )
