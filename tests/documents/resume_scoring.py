"""How one parsed resume compares with what its page says: pure functions, no rendering, no
parser (``resume_accuracy.py`` runs the set through a parser and adds these up).

Comparisons fold case, Unicode compatibility forms (the "ﬁ" ligature), dashes, curly quotes
and whitespace (``resume_set.fold``); anything else must match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peoplelens.documents.profile import SECTIONS, ResumeProfile
from tests.documents.resume_set import Lang, Resume, alternatives, fold

# The facts of each Expected field are looked for in this field of the profile.
FACT_FIELDS = {
    "summary": "professional_summary",
    "experience": "experience_summary",
    "education": "education_summary",
    "certifications": "certifications",
    "projects": "projects_achievements",
}
CONTACTS = ("name", "email", "phone", "linkedin_url")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    @property
    def precision(self) -> float:
        """Of what was reported, the share that is right (nothing reported: 1 if nothing was
        there to find, else 0)."""
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """One rendered resume read by the parser, compared with its page."""

    skills: Counts = field(default_factory=Counts)
    skills_missing: list[str] = field(default_factory=list)
    skills_extra: list[str] = field(default_factory=list)
    languages: Counts = field(default_factory=Counts)
    languages_missing: list[str] = field(default_factory=list)
    languages_extra: list[str] = field(default_factory=list)
    levels_right: int = 0
    levels_compared: int = 0
    level_errors: list[str] = field(default_factory=list)
    contacts: dict[str, bool] = field(default_factory=dict)
    contacts_got: dict[str, str | None] = field(default_factory=dict)
    facts_found: dict[str, int] = field(default_factory=dict)
    facts_total: dict[str, int] = field(default_factory=dict)
    facts_missing: list[str] = field(default_factory=list)  # "experience: Ledgerline Inc."
    facts_elsewhere: int = 0  # missing from their field but present in another one
    certifications: Counts = field(default_factory=Counts)
    sections: Counts = field(default_factory=Counts)
    error: str | None = None
    seconds: float = 0.0

    def overall(self) -> float:
        """One number to rank documents by: the mean of skills F1, languages F1, the share of
        contact fields right and the share of facts found."""
        if self.error is not None:
            return 0.0
        facts = sum(self.facts_total.values())
        parts = [
            self.skills.f1,
            self.languages.f1,
            sum(self.contacts.values()) / len(self.contacts),
            sum(self.facts_found.values()) / facts if facts else 1.0,
        ]
        return sum(parts) / len(parts)


def phone_key(phone: str | None) -> str | None:
    """Digits only, and whether the number starts with +."""
    if phone is None:
        return None
    digits = re.sub(r"\D", "", phone)
    return ("+" if phone.strip().startswith("+") else "") + digits if digits else None


def linkedin_key(url: str | None) -> str | None:
    return fold(url).rstrip("/") if url else None


def _matches(expected: str | None, got: str | None, key: str) -> bool:
    if expected is None or got is None:
        return expected is None and (got is None or not got.strip())
    if key == "phone":
        return phone_key(expected) == phone_key(got)
    if key == "linkedin_url":
        return linkedin_key(expected) == linkedin_key(got)
    return fold(got) in {fold(alt) for alt in alternatives(expected)}


def _match_names(
    expected: tuple[str, ...], tolerated: tuple[str, ...], got: list[str]
) -> tuple[Counts, list[str], list[str]]:
    """Expected items (each with its |-alternatives) against reported names."""
    reported = {fold(name): name for name in got if name.strip()}
    counts, missing, seen = Counts(), [], set()
    for item in expected:
        keys = {fold(alt) for alt in alternatives(item)}
        if keys & reported.keys():
            counts.tp += 1
            seen |= keys
        else:
            counts.fn += 1
            missing.append(alternatives(item)[0])
    allowed = seen | {fold(alt) for item in tolerated for alt in alternatives(item)}
    extra = [name for key, name in reported.items() if key not in allowed]
    counts.fp = len(extra)
    return counts, missing, extra


def _languages(score: Score, expected: tuple[Lang, ...], profile: ResumeProfile) -> None:
    names = [skill.name for skill in profile.languages]
    score.languages, score.languages_missing, score.languages_extra = _match_names(
        tuple(e.name for e in expected), (), names
    )
    by_name = {fold(skill.name): skill.level for skill in profile.languages}
    for lang in expected:
        got = next((by_name[k] for k in map(fold, alternatives(lang.name)) if k in by_name), "?")
        if got == "?":
            continue
        score.levels_compared += 1
        right = (
            got is None or not got.strip()
            if lang.level is None
            else got is not None and fold(got) in {fold(a) for a in alternatives(lang.level)}
        )
        if right:
            score.levels_right += 1
        else:
            score.level_errors.append(f"{lang.name}: {got!r}, expected {lang.level!r}")


def _facts(score: Score, resume: Resume, profile: ResumeProfile) -> None:
    texts = {
        key: fold(" | ".join(value) if isinstance(value, list) else value)
        for key, attr in FACT_FIELDS.items()
        for value in [getattr(profile, attr)]
    }
    for key in FACT_FIELDS:
        facts = getattr(resume.expected, key)
        score.facts_total[key] = len(facts)
        score.facts_found[key] = 0
        for fact in facts:
            if fold(fact) in texts[key]:
                score.facts_found[key] += 1
                continue
            score.facts_missing.append(f"{key}: {fact}")
            if any(fold(fact) in text for other, text in texts.items() if other != key):
                score.facts_elsewhere += 1


def _certifications(expected: tuple[str, ...], got: list[str]) -> Counts:
    """Each expected name must be inside one reported item; an item holding none is extra."""
    items = [fold(item) for item in got if item.strip()]
    counts = Counts()
    for name in map(fold, expected):
        if any(name in item for item in items):
            counts.tp += 1
        else:
            counts.fn += 1
    counts.fp = sum(1 for item in items if not any(fold(name) in item for name in expected))
    return counts


def score(resume: Resume, profile: ResumeProfile) -> Score:
    expected = resume.expected
    result = Score()
    result.skills, result.skills_missing, result.skills_extra = _match_names(
        expected.skills, expected.skills_tolerated, profile.skills
    )
    _languages(result, expected.languages, profile)
    for key in CONTACTS:
        got = getattr(profile, key)
        result.contacts[key] = _matches(getattr(expected, key), got, key)
        result.contacts_got[key] = got
    _facts(result, resume, profile)
    result.certifications = _certifications(expected.certifications, profile.certifications)
    found = {fold(name) for name in profile.sections_found} & set(SECTIONS)
    wanted = set(resume.expected_sections)
    result.sections = Counts(len(found & wanted), len(found - wanted), len(wanted - found))
    return result


def failed(resume: Resume, error: str) -> Score:
    """A parser that raised (or returned something else): everything counts as missed."""
    result = score(resume, ResumeProfile())
    result.error = error
    return result
