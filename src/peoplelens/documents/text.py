"""INTERIM (replaced by the parser branch)."""

from __future__ import annotations


def extract_text(data: bytes, format: str) -> str:
    return data.decode("utf-8", "replace")
