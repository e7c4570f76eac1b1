"""Interview templates from a job description, offline: the skills it names (a lexicon with
aliases and what a strong answer covers), its title and language, and questions that follow
from them — technical per skill, then behavioural, situational and motivational."""

from __future__ import annotations

import itertools
import re

from peoplelens.ai.base import SuggestedQuestion, TemplateSuggestion
from peoplelens.ai.skills import ROLE_WORDS, SKILLS, Skill
from peoplelens.ai.text import STOP_WORDS, words


def write_template(job_description: str, language_code: str | None = None) -> TemplateSuggestion:
    found = detect_skills(job_description)
    title = detect_title(job_description, found)
    language = language_code or detect_language(job_description)
    questions = [_skill_question(skill) for skill in found[:3]]
    if not found:
        for phrase in key_phrases(job_description)[:2]:
            questions.append(
                SuggestedQuestion(
                    text=f"This role involves {phrase}. Tell me about your experience with it "
                    "and a result you are proud of.",
                    type="technical",
                    behavioral_intent=f"Hands-on experience with {phrase}.",
                    expected_answer=f"A concrete example involving {phrase}: own actions, "
                    "decisions and a measurable outcome.",
                )
            )
    main = found[0].name if found else "this kind of work"
    questions += [
        SuggestedQuestion(
            text="Tell me about a time you disagreed with a teammate about an important "
            "decision. What happened and what did you do?",
            type="behavioral",
            behavioral_intent="Collaboration and handling conflict constructively.",
            expected_answer="A specific situation; listened to the other view; used data or "
            "experiments to decide; communicated openly; a clear outcome "
            "and what they learned.",
        ),
        SuggestedQuestion(
            text=f"Imagine that in your first week something important in {main} breaks "
            "in production. How would you handle the first hours?",
            type="situational",
            behavioral_intent="Judgement under pressure, prioritisation and communication.",
            expected_answer="Assess impact, communicate with stakeholders, gather logs and "
            "metrics, mitigate or roll back first, then find the root cause "
            "and follow up with a post-mortem.",
        ),
        SuggestedQuestion(
            text=f"What draws you to this {title} role, and what would you like to learn in it?",
            type="motivational",
            behavioral_intent="Motivation and fit with the role.",
            expected_answer="Specific reasons tied to the role and the team, realistic "
            "expectations, and concrete learning goals.",
        ),
    ]
    avatar_id = "ava-warm-de" if language == "de" else "ava-warm-en"
    return TemplateSuggestion(
        title=title, avatar_id=avatar_id, language=language, questions=questions
    )


def _alias_pattern(alias: str) -> re.Pattern[str]:
    flags = 0 if alias in ("go", "ts", "js", "ml", "ci", "ui", "ux") else re.IGNORECASE
    shown = {
        "go": "Go",
        "ts": "TS",
        "js": "JS",
        "ml": "ML",
        "ci": "CI",
        "ui": "UI",
        "ux": "UX",
    }.get(alias, alias)
    return re.compile(rf"(?<![\w.#+-]){re.escape(shown)}(?![\w#+]|-\w)", flags)


_SKILL_PATTERNS = [(skill, [_alias_pattern(a) for a in skill.aliases]) for skill in SKILLS]


def detect_skills(text: str) -> list[Skill]:
    """Skills named in the text, most mentioned first (ties: first mentioned first)."""
    scored = []
    for skill, patterns in _SKILL_PATTERNS:
        hits = [m.start() for p in patterns for m in p.finditer(text)]
        if hits:
            scored.append((-len(hits), min(hits), skill))
    return [skill for _, _, skill in sorted(scored, key=lambda t: (t[0], t[1]))]


def detect_title(text: str, found: list[Skill]) -> str:
    first = text.strip().splitlines()[0].strip(" #*:-") if text.strip() else ""
    head = re.split(r"\s*[:|–—]\s*|\s+-\s+", first, maxsplit=1)[0]
    for candidate in (head, first):
        short = len(candidate.split()) <= 7  # a heading, not a sentence
        if candidate and short and any(r in candidate.lower() for r in ROLE_WORDS):
            return candidate
    roles = "|".join(ROLE_WORDS)
    match = re.search(rf"((?:[A-Z][\w+#./-]*\s){{0,3}}(?:{roles.title()}))\b", text)
    if match:
        return match.group(1).strip()
    return f"{found[0].name} specialist" if found else "Open role"


def detect_language(text: str) -> str:
    tokens = words(text)
    german = sum(
        t in ("und", "der", "die", "das", "wir", "mit", "für", "sie", "ist") for t in tokens
    )
    english = sum(t in STOP_WORDS for t in tokens)
    return "de" if german > english * 0.6 and german >= 3 else "en"


def key_phrases(text: str) -> list[str]:
    """Most frequent content-word pairs: the description's own vocabulary."""
    tokens = [w for w in words(text) if w not in STOP_WORDS and len(w) > 2]
    pairs: dict[str, int] = {}
    for a, b in itertools.pairwise(tokens):
        pairs[f"{a} {b}"] = pairs.get(f"{a} {b}", 0) + 1
    ranked = sorted(pairs.items(), key=lambda kv: -kv[1])
    return [p for p, _ in ranked] or tokens[:2]


def _skill_question(skill: Skill) -> SuggestedQuestion:
    if skill.kind in ("language", "framework"):
        text = (
            f"Tell me about a {skill.name} system you built or maintained: what did it do, "
            "what was the hardest part, and how did you solve it?"
        )
    elif skill.kind == "platform":
        text = (
            f"How have you used {skill.name} in production? Walk me through how you "
            "deployed, monitored and debugged it."
        )
    elif skill.kind == "data":
        text = (
            f"Describe a time you had to make {skill.name} fast or reliable under load. "
            "What did you measure and what did you change?"
        )
    else:
        text = (
            f"Give an example of how you applied {skill.name.lower()} in your recent work, "
            "and what the outcome was."
        )
    return SuggestedQuestion(
        text=text,
        type="technical",
        behavioral_intent=f"Depth of hands-on {skill.name} experience and problem solving.",
        expected_answer=f"A concrete {skill.name} example with their own role; mentions "
        f"{skill.concepts}; explains trade-offs and a measurable result.",
    )
