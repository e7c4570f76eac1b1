"""Questions about what a candidate's resume says (issue 14, item 6): one about a skill the
resume lists (preferring one the job also asks for), one about their most recent role. The
same for every provider, so a tailored interview reads the same whoever writes the rest.

The resume shapes what is *asked*; it is never an input to the score: the assessor sees the
questions and the candidate's answers, as for any other question.
"""

from __future__ import annotations

import re
import unicodedata

from peoplelens.ai.base import SuggestedQuestion
from peoplelens.ai.languages import language
from peoplelens.ai.skills import SKILLS
from peoplelens.ai.template_writer import detect_skills
from peoplelens.documents.profile import ResumeProfile

MAX_ROLE = 100
_TECH_KINDS = {"language", "framework", "platform", "data"}
_BULLET = re.compile(r"^[\s•·▪◦●\-–—*>]+")


def _clean(text: str) -> str:
    """One line of the resume, safe to quote in a question: no control characters, bounded."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _BULLET.sub("", text).strip()
    if len(text) > MAX_ROLE:
        text = text[:MAX_ROLE].rsplit(" ", 1)[0].rstrip(",;:-– ") + "…"
    return text


def latest_role(profile: ResumeProfile) -> str | None:
    """The first line of the experience section (resumes list the latest first)."""
    for line in profile.experience_summary.splitlines():
        cleaned = _clean(line)
        if len(cleaned) >= 3:
            return cleaned
    return None


def resume_questions(
    profile: ResumeProfile, job_description: str | None, language_code: str | None
) -> list[SuggestedQuestion]:
    """Up to two questions grounded in the resume (none when it states nothing usable)."""
    words = language(language_code).template
    lexicon = {skill.name.lower(): skill for skill in SKILLS}
    wanted = {s.name.lower() for s in detect_skills(job_description)} if job_description else set()
    listed = [s for s in profile.skills if s.strip()]
    pick = next((s for s in listed if s.lower() in wanted), listed[0] if listed else None)
    out: list[SuggestedQuestion] = []
    if pick is not None:
        known = lexicon.get(pick.lower())
        text, intent, expected = words.resume_skill
        name = _clean(pick)
        out.append(
            SuggestedQuestion(
                text=text.format(skill=name),
                type="technical" if known and known.kind in _TECH_KINDS else "behavioral",
                behavioral_intent=intent.format(skill=name),
                expected_answer=expected.format(
                    skill=name, concepts=known.concepts if known else ""
                ).strip(),
            )
        )
    role = latest_role(profile)
    if role is not None:
        text, intent, expected = words.resume_role
        out.append(
            SuggestedQuestion(
                text=text.format(role=f"“{role}”"),
                type="behavioral",
                behavioral_intent=intent,
                expected_answer=expected,
            )
        )
    return out
