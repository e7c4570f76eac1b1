"""Interview templates from a job description, offline: the skills it names (a lexicon with
aliases and what a strong answer covers), its title and language, and questions that follow
from them — technical per skill, then behavioural, situational and motivational."""

from __future__ import annotations

import itertools
import re

from peoplelens.ai import languages
from peoplelens.ai.avatars import avatar_for
from peoplelens.ai.base import SuggestedQuestion, TemplateSuggestion
from peoplelens.ai.languages import SUPPORTED, TemplateText
from peoplelens.ai.skills import ROLE_WORDS, SKILLS, Skill
from peoplelens.ai.text import words


def write_template(job_description: str, language_code: str | None = None) -> TemplateSuggestion:
    """``language_code`` (en, de, fr, es, pt) writes the questions in that language; without
    it, the description's own language (detected) is used."""
    language = language_code if language_code in SUPPORTED else detect_language(job_description)
    words_ = languages.language(language).template
    found = detect_skills(job_description)
    title = detect_title(job_description, found, words_)
    questions = [_skill_question(skill, words_) for skill in found[:3]]
    if not found:
        for phrase in (
            _as_written(p, job_description) for p in key_phrases(job_description, language)[:2]
        ):
            text, intent, expected = words_.phrase
            questions.append(
                SuggestedQuestion(
                    text=text.format(phrase=phrase),
                    type="technical",
                    behavioral_intent=intent.format(phrase=phrase),
                    expected_answer=expected.format(phrase=phrase),
                )
            )
    main = found[0].name if found else words_.this_work
    for kind, (text, intent, expected) in (
        ("behavioral", words_.conflict),
        ("situational", words_.incident),
        ("motivational", words_.motivation),
    ):
        questions.append(
            SuggestedQuestion(
                text=text.format(main=main, title=title),
                type=kind,
                behavioral_intent=intent,
                expected_answer=expected,
            )
        )
    return TemplateSuggestion(
        title=title, avatar_id=avatar_for(language).id, language=language, questions=questions
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


_SKILL_PATTERNS = [
    (skill, [_alias_pattern(a) for a in (*skill.aliases, *skill.related)]) for skill in SKILLS
]


def detect_skills(text: str) -> list[Skill]:
    """Skills named in the text, most mentioned first (ties: first mentioned first)."""
    scored = []
    for skill, patterns in _SKILL_PATTERNS:
        hits = [m.start() for p in patterns for m in p.finditer(text)]
        if hits:
            scored.append((-len(hits), min(hits), skill))
    return [skill for _, _, skill in sorted(scored, key=lambda t: (t[0], t[1]))]


def detect_title(text: str, found: list[Skill], words_: TemplateText) -> str:
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
    return words_.specialist.format(skill=found[0].name) if found else words_.open_role


def detect_language(text: str) -> str:
    """The supported language whose stop words the text uses most (English when unsure)."""
    tokens = words(text)
    counts = {
        code: sum(t in languages.language(code).stop_words for t in tokens) for code in SUPPORTED
    }
    best = max(counts, key=lambda code: counts[code])
    if best != "en" and counts[best] >= 3 and counts[best] > counts["en"] * 0.8:
        return best
    return "en"


def _as_written(phrase: str, text: str) -> str:
    """A key phrase spelled as the description spells it (German nouns keep their capital)."""
    spelled = {w.lower().rstrip("."): w.rstrip(".") for w in _WORDS_AS_WRITTEN.findall(text)}
    return " ".join(spelled.get(w, w) for w in phrase.split())


_WORDS_AS_WRITTEN = re.compile(r"[^\W\d_][\w+#.-]*")


def key_phrases(text: str, language: str = "en") -> list[str]:
    """Most frequent content-word pairs: the description's own vocabulary."""
    stop = languages.language(language).stop_words
    tokens = [w for w in words(text) if w not in stop and len(w) > 2]
    pairs: dict[str, int] = {}
    for a, b in itertools.pairwise(tokens):
        pairs[f"{a} {b}"] = pairs.get(f"{a} {b}", 0) + 1
    ranked = sorted(pairs.items(), key=lambda kv: -kv[1])
    return [p for p, _ in ranked] or tokens[:2]


def _skill_question(skill: Skill, words_: TemplateText) -> SuggestedQuestion:
    kind = "language" if skill.kind in ("language", "framework") else skill.kind
    kind = kind if kind in words_.skill_question else "practice"
    name = skill.name if kind != "practice" else skill.name.lower()
    return SuggestedQuestion(
        text=words_.skill_question[kind].format(skill=name),
        type="technical",
        behavioral_intent=words_.skill_intent.format(skill=skill.name),
        expected_answer=words_.skill_expected.format(skill=skill.name, concepts=skill.concepts),
    )
