"""Which upload is the candidate's resume, and whether it is theirs — pure rules, so the API,
the background parser and the interviewer decide alike."""

from __future__ import annotations

import unicodedata

from peoplelens.documents.profile import ResumeProfile


def looks_like_resume(profile: ResumeProfile) -> bool:
    """A parse that found a resume's shape: two sections by their headings, or one and a
    contact detail, or both experience and education. A cover letter, a certificate or a
    CSV attached later does not hide the resume."""
    found = len(profile.sections_found)
    contact = bool(profile.email or profile.phone)
    both = bool(profile.experience_summary and profile.education_summary)
    return found >= 2 or (found >= 1 and contact) or both


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def same_person(profile: ResumeProfile, first_name: str, last_name: str, email: str) -> bool:
    """Whether the resume names the candidate: the same e-mail, or a name holding both their
    first and last name (case and accents aside). Unknown (neither on the page) is False, so
    another person's resume filed under this candidate never writes into their record."""
    if profile.email and profile.email.strip().casefold() == email.strip().casefold():
        return True
    if not profile.name:
        return False
    words = set(_fold(profile.name).replace("-", " ").split())
    wanted = _fold(f"{first_name} {last_name}").replace("-", " ").split()
    return bool(wanted) and all(w in words for w in wanted)
