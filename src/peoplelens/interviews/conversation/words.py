"""What the AI interviewer says first and last: the template's own words, else the built-in
phrases of its language. The interview and the template's preview both say it this way."""

from __future__ import annotations

from peoplelens.ai.avatars import avatar
from peoplelens.ai.languages import language


def greeting(
    initial_message: str | None,
    language_code: str | None,
    avatar_id: str | None,
    first_name: str | None,
    job_title: str | None,
) -> str:
    if initial_message:
        return initial_message
    return language(language_code).phrases.greet(first_name, avatar(avatar_id).name, job_title)


def closing(ending_message: str | None, language_code: str | None) -> str:
    return ending_message or language(language_code).phrases.closing
