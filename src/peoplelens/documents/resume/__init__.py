"""The built-in resume parser (offline): :func:`parse_resume` for text, :func:`read_resume` for
a file."""

from peoplelens.documents.resume.parser import parse_resume
from peoplelens.documents.resume.reader import read_resume

__all__ = ["parse_resume", "read_resume"]
