"""INTERIM (replaced by the parser branch)."""

from __future__ import annotations

from dataclasses import dataclass


class UnsupportedFormat(Exception):
    pass


class UnreadableDocument(Exception):
    pass


@dataclass(frozen=True)
class Inspection:
    format: str
    mime_type: str


def inspect_document(data: bytes) -> Inspection:
    if data.startswith(b"%PDF-"):
        return Inspection("pdf", "application/pdf")
    if not data:
        raise UnreadableDocument("The file is empty.")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormat("Not a PDF, DOCX or text file.") from exc
    return Inspection("txt", "text/plain")
