"""A model's reading of a resume made into a profile by the built-in rules: skills and
languages named as the built-in parser names them, contact details kept only where the resume
shows them, and every field the model left out (or left empty) filled by the built-in
reading."""

from __future__ import annotations

import re
from typing import Any

from peoplelens.documents.profile import LanguageSkill, ResumeProfile
from peoplelens.documents.resume import cleanup, contacts, skills
from peoplelens.documents.resume.languages import language_name, level_of, parse_item


def from_model(answer: dict[str, Any], builtin: ResumeProfile, text: str) -> ResumeProfile:
    folded = " ".join(text.split()).casefold()
    digits = {re.sub(r"\D", "", line) for line in text.splitlines()}

    def shown(value: str | None) -> bool:
        return bool(value) and " ".join(str(value).split()).casefold() in folded

    def said(field: str, limit: int) -> str | None:
        value = answer.get(field)
        return (
            cleanup.bound(value.strip(), limit)
            if isinstance(value, str) and value.strip()
            else None
        )

    name = answer.get("name") if shown(answer.get("name")) else None
    email = answer.get("email")
    email = (
        email
        if isinstance(email, str) and contacts.EMAIL.fullmatch(email) and shown(email)
        else None
    )
    phone = answer.get("phone")
    phone_digits = re.sub(r"\D", "", phone) if isinstance(phone, str) else ""
    if not (7 <= len(phone_digits) <= 15 and any(phone_digits in d for d in digits)):
        phone = None
    url = answer.get("linkedin_url")
    linkedin = contacts.linkedin([url]) if isinstance(url, str) else None
    if linkedin and linkedin.rsplit("/", 1)[-1].casefold() not in folded:
        linkedin = None

    found = skills.Found()
    for item in answer.get("skills") or []:
        if isinstance(item, str) and item.strip():
            found.add(skills.canonical(item) or item.strip())
    languages: dict[str, str | None] = {}
    for item in answer.get("languages") or []:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        named = parse_item(item["name"])  # "Deutsch", "English (native)"
        english = language_name(item["name"]) or (named[0] if named else None)
        level = item.get("level")
        level = level_of(level) if isinstance(level, str) else named[1] if named else None
        if english and english not in languages:
            languages[english] = level
    certifications = [
        cleanup.bound(c.strip(), 200)
        for c in answer.get("certifications") or []
        if isinstance(c, str) and c.strip()
    ]
    return ResumeProfile(
        name=name or builtin.name,
        email=email or builtin.email,
        phone=phone or builtin.phone,
        linkedin_url=linkedin or builtin.linkedin_url,
        professional_summary=said("professional_summary", cleanup.SUMMARY_LIMIT)
        or builtin.professional_summary,
        skills=found.skills or builtin.skills,
        experience_summary=said("experience_summary", cleanup.SECTION_LIMIT)
        or builtin.experience_summary,
        education_summary=said("education_summary", 2000) or builtin.education_summary,
        certifications=certifications or builtin.certifications,
        languages=[LanguageSkill(n, lv) for n, lv in languages.items()] or builtin.languages,
        projects_achievements=said("projects_achievements", 3000) or builtin.projects_achievements,
        sections_found=builtin.sections_found,
    )
