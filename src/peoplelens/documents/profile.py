"""What a resume says, as the parser read it: the one shape every parser (built-in or an
OpenAI-compatible model) returns and the ``/documents/parsed`` answer is built from.

Lists stay lists here; the API renders the doc's shapes (``core_skills`` comma-separated,
``languages`` an array of names) in ``documents/schemas.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

# Canonical section names, in the order a resume usually has them.
SECTIONS: Final = (
    "summary",
    "experience",
    "education",
    "skills",
    "certifications",
    "languages",
    "projects",
)


@dataclass(frozen=True)
class LanguageSkill:
    """A spoken language: its English name ("German") and the level as stated, normalised to
    a CEFR level (A1…C2) or ``native`` where the resume says so; None when none is stated."""

    name: str
    level: str | None = None


@dataclass(frozen=True)
class ResumeProfile:
    # Contact details found on the page (None when absent).
    name: str | None = None
    email: str | None = None
    phone: str | None = None  # as written, trimmed ("+49 30 1234 5678")
    linkedin_url: str | None = None  # absolute https URL
    # The doc's fields; "" / [] when nothing was found (present but empty).
    professional_summary: str = ""
    skills: list[str] = field(default_factory=list)  # canonical names, deduplicated, in order
    experience_summary: str = ""
    education_summary: str = ""
    certifications: list[str] = field(default_factory=list)
    languages: list[LanguageSkill] = field(default_factory=list)
    projects_achievements: str = ""
    # Which of SECTIONS were found by a heading (the rest, if filled, came from fallbacks).
    sections_found: list[str] = field(default_factory=list)
