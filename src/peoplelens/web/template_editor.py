"""The template editor's form without script: each question is a row of fields
(``q<n>.text``, ``q<n>.type`` …) with an "Order" number and a "Remove" box; blank rows add
nothing. The rows become the API's request through its own schemas (``templates/schemas.py``):
each question through ``Question`` (so its errors name the row), then the whole template.
"""

from __future__ import annotations

import re
from typing import Any, Final, get_args

import annotated_types
from starlette.datastructures import FormData

from peoplelens.templates.schemas import (
    Question,
    QuestionType,
    TemplateCreate,
    TemplateOut,
    TemplateUpdate,
)
from peoplelens.web.forms import InvalidForm, optional, text_fields, validated

QUESTION_TYPES: Final[tuple[str, ...]] = get_args(QuestionType)
TEXT_FIELDS: Final = (
    "title",
    "description",
    "initial_message",
    "ending_message",
    "language",
    "avatar_id",
)
OPTIONAL: Final = TEXT_FIELDS[1:]
ROW_FIELDS: Final = (
    "id",
    "text",
    "type",
    "behavioral_intent",
    "expected_answer",
    "max_follow_ups",
    "order",
)
LABELS: Final = {
    "title": "Title",
    "description": "Description",
    "initial_message": "Initial message",
    "ending_message": "Ending message",
    "language": "Language",
    "avatar_id": "Interviewer",
    "use_resume": "Ask about the resume",
    "structure_template": "Questions",
}
QUESTION_LABELS: Final = {
    "text": "Question",
    "type": "Type",
    "behavioral_intent": "Behavioral intent",
    "expected_answer": "Expected answer",
    "max_follow_ups": "Max follow-ups",
}
_ROW = re.compile(r"^q(\d{1,3})\.text$")

Row = dict[str, str]


def _max_questions() -> int:
    """The schema's limit on questions (no blank row is offered beyond it)."""
    for rule in TemplateCreate.model_fields["structure_template"].metadata:
        if isinstance(rule, annotated_types.MaxLen):
            return int(rule.max_length)
    return 50


MAX_QUESTIONS: Final = _max_questions()


def blank_row(position: int) -> Row:
    return (
        {f: "" for f in ROW_FIELDS}
        | {"type": "general", "max_follow_ups": "1"}
        | {"order": str(position)}
    )


def stored_rows(template: TemplateOut) -> list[Row]:
    return [
        {
            "id": q.id,
            "text": q.text,
            "type": q.type,
            "behavioral_intent": q.behavioral_intent or "",
            "expected_answer": q.expected_answer or "",
            "max_follow_ups": str(q.max_follow_ups),
            "order": str(i + 1),
        }
        for i, q in enumerate(template.structure_template)
    ]


def posted_rows(form: FormData) -> tuple[list[Row], int]:
    """The questions as typed, removed ones left out, in their "Order" (a question given
    another's number goes before it); and how many blank rows were sent."""
    indexes = sorted({int(m.group(1)) for key in form if (m := _ROW.match(key))})
    keyed: list[tuple[int, int, int, Row]] = []
    blanks = 0
    for position, i in enumerate(indexes, start=1):
        typed = text_fields(form, [f"q{i}.{f}" for f in ROW_FIELDS])
        row = {f: typed[f"q{i}.{f}"] for f in ROW_FIELDS}
        if form.get(f"q{i}.remove"):
            continue
        if not any(row[f].strip() for f in ("id", "text", "behavioral_intent", "expected_answer")):
            blanks += 1
            continue
        order = _small_number(row["order"]) or position
        keyed.append((order, 0 if order != position else 1, position, row))
    keyed.sort(key=lambda k: k[:3])
    rows = [row for *_, row in keyed]
    for n, row in enumerate(rows, start=1):
        row["order"] = str(n)
    return rows, blanks


def _small_number(typed: str) -> int | None:
    """A number as a person types it in a small field (ASCII digits, at most 4), else None:
    ``str.isdigit`` also accepts "²", which ``int`` refuses."""
    typed = typed.strip()
    return int(typed) if typed.isascii() and typed.isdigit() and len(typed) <= 4 else None


def _question(row: Row) -> dict[str, Any]:
    follow_ups = row["max_follow_ups"].strip()
    data: dict[str, Any] = {
        "text": row["text"],
        "type": row["type"] or "general",
        "behavioral_intent": row["behavioral_intent"] or None,
        "expected_answer": row["expected_answer"] or None,
    }
    if follow_ups:  # a number the schema checks (0–5); anything else, it refuses as typed
        number = _small_number(follow_ups)
        data["max_follow_ups"] = number if number is not None else follow_ups
    if row["id"].strip():
        data["id"] = row["id"]
    return data


class EditorInvalid(Exception):
    def __init__(self, errors: dict[str, str], row_errors: dict[int, dict[str, str]]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors
        self.row_errors = row_errors


def as_request(
    model: type[TemplateCreate] | type[TemplateUpdate], values: dict[str, Any], rows: list[Row]
) -> TemplateCreate | TemplateUpdate:
    """The form as the API's request: each question through ``Question`` (its errors by row),
    then the whole through ``model``."""
    questions: list[dict[str, Any]] = []
    row_errors: dict[int, dict[str, str]] = {}
    for n, row in enumerate(rows, start=1):
        try:
            questions.append(validated(Question, _question(row), QUESTION_LABELS).model_dump())
        except InvalidForm as invalid:
            row_errors[n] = {k: f"Question {n}: {v}" for k, v in invalid.errors.items()}
    errors: dict[str, str] = {}
    try:
        data = validated(model, {**values, "structure_template": questions}, LABELS)
    except InvalidForm as invalid:
        errors = dict(invalid.errors)
        if "title" in errors and not str(values.get("title") or "").strip():
            errors["title"] = "Title is required."
    if errors or row_errors:
        raise EditorInvalid(errors, row_errors)
    return data


def posted_values(form: FormData) -> dict[str, Any]:
    """The template's own fields as typed (an empty optional one clears it)."""
    values: dict[str, Any] = optional(text_fields(form, TEXT_FIELDS), *OPTIONAL)
    values["use_resume"] = bool(form.get("use_resume"))
    return values
