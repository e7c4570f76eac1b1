"""The one rule for storage keys, shared by both backends and by the URL's bucket prefix.

Callers build keys from ids (``<tenant uuid>/<candidate uuid>/<random hex>``), never from a
client's file name; a key that breaks the rule is a bug, so it is refused before any I/O.
"""

from __future__ import annotations

import re
from typing import Final

MAX_KEY_LENGTH: Final = 512
# Each segment starts with a letter or digit: no ``.``/``..``, no hidden names (the directory
# backend's temporary files start with a dot, so they can never be mistaken for a key).
_SEGMENT: Final = r"[A-Za-z0-9][A-Za-z0-9._-]{0,254}"
_KEY: Final = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")


class InvalidStorageKey(ValueError):
    """A key outside the rule: a programming error, never something to retry."""


def check_key(key: str) -> str:
    """``key`` itself when it is ``segment(/segment)*`` of ``[A-Za-z0-9._-]``, ≤ 512 characters."""
    if not isinstance(key, str) or len(key) > MAX_KEY_LENGTH or not _KEY.fullmatch(key):
        raise InvalidStorageKey(
            f"invalid storage key {key!r}: use segments of [A-Za-z0-9._-] separated by '/', "
            f"each starting with a letter or digit, at most {MAX_KEY_LENGTH} characters"
        )
    return key
