"""The interview templates' pages: the list, the editor (new and existing: the messages and
an editable list of questions), generating one from a job description, delete, and the
preview as the candidate sees it.

The editor works without script (``web/template_editor.py`` reads its rows): one blank row at
the end adds a question, and "Add another question" shows the form again with one more
(nothing saved). Saving sends the form, as the API's own request, to the service
``/api/v1/templates`` calls.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from peoplelens.ai.avatars import AVATARS, avatar
from peoplelens.ai.languages import SUPPORTED, language
from peoplelens.interviews.conversation import words
from peoplelens.jobs import service as jobs
from peoplelens.kit import ids
from peoplelens.kit.errors import ApiError
from peoplelens.kit.ids import TemplateID
from peoplelens.kit.pagination import PageRequest
from peoplelens.templates import service as templates
from peoplelens.templates.generation import GenerateIn, suggest
from peoplelens.templates.schemas import TemplateCreate, TemplateOut, TemplateUpdate
from peoplelens.web import template_editor as editor
from peoplelens.web.forms import InvalidForm, optional, text_fields, validated
from peoplelens.web.pages import done, render, runtime_of
from peoplelens.web.route import ReadViewer, Viewer, WriteViewer, page_router
from peoplelens.web.work import reading, writing

router = page_router()

PAGE_SIZE: Final = 50
NOT_SAVED: Final = "Not saved yet: check the questions, then press Save template."


def _editor(
    request: Request,
    values: dict[str, Any],
    rows: list[editor.Row],
    *,
    template: TemplateOut | None = None,
    blanks: int = 1,
    errors: dict[str, str] | None = None,
    row_errors: dict[int, dict[str, str]] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    room = max(0, editor.MAX_QUESTIONS - len(rows))
    shown = rows + [editor.blank_row(len(rows) + k + 1) for k in range(min(blanks, room))]
    return render(
        request,
        "app/template_edit.html",
        {
            "title": (f"{template.title} — Templates" if template else "New template")
            + " — PeopleLens",
            "template": template,
            "action": f"/templates/{ids.render('tpl', template.id)}" if template else "/templates",
            "values": values,
            "rows": shown,
            "filled": len(rows),
            "errors": errors or {},
            "row_errors": row_errors or {},
            "notice": notice,
            "types": editor.QUESTION_TYPES,
            "languages": [(code, language(code).name) for code in SUPPORTED],
            "avatars": [("", "Default (Ava)")]
            + [(a.id, f"{a.name} ({a.language}, {a.style})") for a in AVATARS],
            "max_questions": editor.MAX_QUESTIONS,
        },
        status,
        section="templates",
    )


async def _save(
    request: Request,
    viewer: Viewer,
    model: type[TemplateCreate] | type[TemplateUpdate],
    template: TemplateOut | None,
) -> Response:
    form = await request.form()
    values = editor.posted_values(form)
    rows, blanks = editor.posted_rows(form)
    if form.get("action") == "add":
        return _editor(
            request, values, rows, template=template, blanks=blanks + 1, notice=NOT_SAVED
        )
    try:
        data = editor.as_request(model, values, rows)
    except editor.EditorInvalid as invalid:
        return _editor(
            request,
            values,
            rows,
            template=template,
            errors=invalid.errors,
            row_errors=invalid.row_errors,
            status=422,
        )
    runtime = runtime_of(request)
    principal = viewer.principal
    if isinstance(data, TemplateCreate):
        created = data
        saved = await writing(runtime, lambda s: templates.create_template(s, principal, created))
    else:
        assert template is not None
        update, tid = data, template.id
        saved = await writing(
            runtime, lambda s: templates.update_template(s, principal, tid, update)
        )
    n = len(saved.structure_template)
    return done(
        request,
        f"/templates/{ids.render('tpl', saved.id)}",
        f"Saved the template “{saved.title}” with {n} question{'' if n == 1 else 's'}.",
    )


# ------------------------------------------------------------------------------- the pages


@router.get("/templates")
async def template_list(
    request: Request,
    viewer: ReadViewer,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """The account's templates, newest first."""
    page_request = PageRequest(limit=PAGE_SIZE, offset=offset)
    data, page = await reading(
        runtime_of(request),
        lambda s: templates.list_templates(s, viewer.principal, page_request),
    )
    return render(
        request,
        "app/templates.html",
        {"title": "Interview templates — PeopleLens", "templates": data, "page": page},
        section="templates",
    )


@router.get("/templates/new")
async def new_template(request: Request, viewer: WriteViewer) -> Response:
    return _editor(request, {"language": "en", "use_resume": False}, [], blanks=3)


@router.post("/templates")
async def create_template(request: Request, viewer: WriteViewer) -> Response:
    """The form of ``POST /api/v1/templates``."""
    return await _save(request, viewer, TemplateCreate, None)


@router.get("/templates/generate")
async def generate_form(
    request: Request,
    viewer: WriteViewer,
    job: Annotated[str | None, Query(max_length=80)] = None,
) -> Response:
    """The form; ``?job=job-…`` fills in that job's description."""
    description = ""
    job_id = ids.try_parse("job", job) if job else None
    if job_id is not None:
        found = await reading(
            runtime_of(request), lambda s: jobs.get_job(s, viewer.principal, job_id)
        )
        description = found.description or ""
    return _generate_page(request, {"job_description": description, "language": ""})


def _generate_page(
    request: Request,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "app/template_generate.html",
        {
            "title": "Generate a template — PeopleLens",
            "values": values,
            "errors": errors or {},
            "languages": [("", "The description's language")]
            + [(code, language(code).name) for code in SUPPORTED],
        },
        status,
        section="templates",
    )


@router.post("/templates/generate")
async def generate(request: Request, viewer: WriteViewer) -> Response:
    """``POST /api/v1/templates/generate``'s suggestion, shown in the new-template form for the
    recruiter to review: nothing is saved until they press Save."""
    runtime = runtime_of(request)
    typed = text_fields(await request.form(), ("job_description", "language"))
    try:
        body = validated(
            GenerateIn,
            optional(typed, "language"),
            {"job_description": "Job description", "language": "Language"},
        )
        made = await reading(
            runtime, lambda s: suggest(s, viewer.principal, runtime.provider, body)
        )
    except InvalidForm as invalid:
        return _generate_page(request, typed, invalid.errors, 422)
    except ApiError as exc:  # the provider did not answer usefully
        return _generate_page(request, typed, {"job_description": exc.message}, exc.status)
    s = made.suggestions
    rows = [
        editor.blank_row(n)
        | {
            "text": q.text,
            "type": q.type if q.type in editor.QUESTION_TYPES else "general",
            "behavioral_intent": q.behavioral_intent,
            "expected_answer": q.expected_answer,
        }
        for n, q in enumerate(s.questions, start=1)
    ]
    values = {
        "title": s.title,
        "language": s.language,
        "avatar_id": s.avatar_id,
        "use_resume": s.use_resume,
    }
    return _editor(
        request,
        values,
        rows,
        notice="Suggested from the job description. Review and change the questions, then "
        "press Save template: nothing is saved until you do.",
    )


@router.get("/templates/{id}")
async def template_page(id: TemplateID, request: Request, viewer: ReadViewer) -> Response:
    """The template's editor (read-only for those who may not change it)."""
    template = await reading(
        runtime_of(request), lambda s: templates.get_template(s, viewer.principal, id)
    )
    return _editor(request, template.model_dump(), editor.stored_rows(template), template=template)


@router.post("/templates/{id}")
async def update_template(id: TemplateID, request: Request, viewer: WriteViewer) -> Response:
    """The form of ``PUT /api/v1/templates/{id}`` (the questions replaced whole)."""
    template = await reading(
        runtime_of(request), lambda s: templates.get_template(s, viewer.principal, id)
    )
    return await _save(request, viewer, TemplateUpdate, template)


@router.post("/templates/{id}/delete")
async def delete_template(id: TemplateID, request: Request, viewer: WriteViewer) -> Response:
    """``DELETE /api/v1/templates/{id}``: refused with the API's sentence while an active plan
    uses it."""

    def delete(session: Session) -> str:
        title = templates.get_template(session, viewer.principal, id).title
        templates.delete_template(session, viewer.principal, id)
        return title

    try:
        title = await writing(runtime_of(request), delete)
    except ApiError as exc:
        if exc.status != 409:
            raise
        return done(request, f"/templates/{ids.render('tpl', id)}", exc.message, "error")
    return done(request, "/templates", f"Deleted the template “{title}”.")


@router.get("/templates/{id}/preview")
async def preview(id: TemplateID, request: Request, viewer: ReadViewer) -> Response:
    """The interview as the candidate sees it: the greeting, the AI disclosure, the questions
    in order, the ending. Nothing is recorded."""
    template = await reading(
        runtime_of(request), lambda s: templates.get_template(s, viewer.principal, id)
    )
    persona = avatar(template.avatar_id)
    return render(
        request,
        "app/template_preview.html",
        {
            "title": f"Preview: {template.title} — PeopleLens",
            "lang": language(template.language).code,
            "template": template,
            "company": viewer.workspace,
            "interviewer_name": persona.name,
            "greeting": words.greeting(
                template.initial_message, template.language, template.avatar_id, None, None
            ),
            "closing": words.closing(template.ending_message, template.language),
        },
    )
