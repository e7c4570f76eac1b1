"""What the built-in AI knows of each language it interviews and judges in: stop words and a
stemmer for the lexical signals, the cue phrases of the assessor (own actions, reasoning,
results, hedging, claims, refusals), and the interviewer's fixed phrases.

One module per language, each building one :class:`Language`; ``language(code)`` finds it
(``"de-AT"`` → German; an unknown language falls back to English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


def lead(*words: str) -> re.Pattern[str]:
    """Words a hiring manager opens an expected point with ("describes …"), at its start."""
    body = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{body})\s+", re.IGNORECASE)


def cue(*phrases: str) -> re.Pattern[str]:
    """One case-insensitive pattern for a list of phrases (regex allowed), matched as words."""
    body = "|".join(sorted(phrases, key=len, reverse=True))
    # The right edge: not inside a word — or a phrase that ends in a space ("tell me about ")
    # has already ended.
    return re.compile(rf"(?<![\w]){'(?:' + body + ')'}(?:(?<=\s)|(?![\w]))", re.IGNORECASE)


@dataclass(frozen=True)
class Phrases:
    """The interviewer's fixed words; ``{question}`` and ``{point}`` are filled in."""

    ack: tuple[str, ...]  # by persona style: warm, formal, direct
    too_short: str
    example: str  # no situation described
    own_action: str  # "we" throughout, nothing the candidate did
    result: str  # no outcome
    reasoning: str  # steps without why
    point: str  # an expected point not touched (never read out: it would hand over the rubric)
    steer: str  # off topic: {question}
    greeting: str  # {hello} {name} {for_job}
    closing: str
    hello: tuple[str, str]  # without a name, with {first_name}
    for_job: str  # {job}; left out when the plan has no job

    def greet(self, first_name: str | None, interviewer: str, job: str | None) -> str:
        hello = self.hello[1].format(first_name=first_name) if first_name else self.hello[0]
        for_job = self.for_job.format(job=job) if job else ""
        return self.greeting.format(hello=hello, name=interviewer, for_job=for_job)


@dataclass(frozen=True)
class TemplateText:
    """The generated template's questions ({skill}, {concepts}, {phrase}, {main}, {title}):
    per kind a question, its intent and its expected answer."""

    skill_question: dict[str, str]  # by skill kind: language, platform, data, practice
    skill_intent: str
    skill_expected: str
    phrase: tuple[str, str, str]
    conflict: tuple[str, str, str]
    incident: tuple[str, str, str]
    motivation: tuple[str, str, str]
    # About the candidate's parsed resume ({skill}, {concepts}; {role}): question, intent, expected.
    resume_skill: tuple[str, str, str]
    resume_role: tuple[str, str, str]
    this_work: str
    open_role: str
    specialist: str


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    stemmer: str  # snowballstemmer's name
    stop_words: frozenset[str]
    own: re.Pattern[str]  # the speaker (first person), the subject of an own action
    action: re.Pattern[str]  # verbs of doing (past or planned), not of opinion
    situation: re.Pattern[str]  # a time, place or occasion: a story is being told
    reasoning: re.Pattern[str]  # why: because, so that, instead of …
    result: re.Pattern[str]  # what came of it
    hedge: re.Pattern[str]  # vagueness: maybe, I guess, it depends, usually …
    deflect: re.Pattern[str]  # someone else did it; not my job
    claim: re.Pattern[str]  # self-praise and buzzwords standing in for a story
    refusal: re.Pattern[str]  # no answer: I don't know, skip, pass
    negation: re.Pattern[str]  # denies or dismisses (a contradiction when it hits a point)
    phrases: Phrases
    question_lead: re.Pattern[str]  # "Tell me about a time you" …: cut from criterion names
    point_lead: re.Pattern[str]  # "describes", "mentions" …: cut when a point is asked about
    result_point: re.Pattern[str]  # a point asking for an outcome ("a measurable result")
    example_point: re.Pattern[str]  # a point asking for a story ("a concrete example")
    template: TemplateText
    unit: re.Pattern[str] = re.compile(r"\d\s?(?:%|€|\$|£)")  # a number with a unit


@cache
def language(code: str | None) -> Language:
    from peoplelens.ai.languages import de, en, es, fr, pt

    every: tuple[Language, ...] = (en.LANGUAGE, de.LANGUAGE, fr.LANGUAGE, es.LANGUAGE, pt.LANGUAGE)
    known = {lx.code: lx for lx in every}
    base = (code or "en").strip().lower().replace("_", "-").split("-")[0]
    return known.get(base, known["en"])


SUPPORTED = ("en", "de", "fr", "es", "pt")
