"""Why an upload is refused, as the API renders it: a format we do not read is a 415, a file
of a format we read that cannot be read is a 422 — each with a sentence the person can act on."""

from __future__ import annotations

from peoplelens.kit.errors import InvalidRequest, UnsupportedMediaType


class UnsupportedFormat(UnsupportedMediaType):
    default_code = "unsupported_document_type"


class UnreadableDocument(InvalidRequest):
    default_code = "unreadable_document"
