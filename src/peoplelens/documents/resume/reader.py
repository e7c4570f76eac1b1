"""A resume file in, its profile out: inspect, extract, parse (the background task's work)."""

from __future__ import annotations

from peoplelens.documents.formats import inspect_document
from peoplelens.documents.profile import ResumeProfile
from peoplelens.documents.resume.parser import parse_resume
from peoplelens.documents.text import extract_text


def read_resume(data: bytes) -> ResumeProfile:
    """Raises what :func:`inspect_document` and :func:`extract_text` raise for a file that is
    not a document we read, or cannot be read."""
    return parse_resume(extract_text(data, inspect_document(data).format))
