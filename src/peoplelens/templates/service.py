"""Interview templates: CRUD (generation from a job description is the AI package's)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.interviews.plans.repository import StepRepository
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.kit.time import utcnow
from peoplelens.models import InterviewTemplate
from peoplelens.templates.repository import TemplateRepository
from peoplelens.templates.schemas import TemplateCreate, TemplateOut, TemplateUpdate


def get_template(session: Session, principal: Principal, template_id: uuid.UUID) -> TemplateOut:
    return TemplateOut.model_validate(
        TemplateRepository(session, principal).get_or_404(template_id)
    )


def create_template(session: Session, principal: Principal, data: TemplateCreate) -> TemplateOut:
    now = utcnow()
    assert data.title is not None
    template = TemplateRepository(session, principal).add(
        InterviewTemplate(
            id=ids.new_uuid(),
            title=data.title,
            description=data.description,
            initial_message=data.initial_message,
            ending_message=data.ending_message,
            structure=data.questions() or [],
            language=data.language or "en",
            avatar_id=data.avatar_id,
            use_resume=bool(data.use_resume),
            created_at=now,
            updated_at=now,
        )
    )
    session.flush()
    out = TemplateOut.model_validate(template)
    AuditLog(session, principal).record(
        "TEMPLATE_CREATED", "template", ids.render("tpl", template.id)
    )
    return out


def update_template(
    session: Session, principal: Principal, template_id: uuid.UUID, data: TemplateUpdate
) -> TemplateOut:
    template = TemplateRepository(session, principal).get_or_404(template_id)
    sent = data.model_fields_set
    if ("title" in sent or "name" in sent) and data.title is None:
        raise InvalidRequest("'title' cannot be null.", param="title")
    changed: list[str] = []
    updates: dict[str, Any] = {}
    if data.title is not None:
        updates["title"] = data.title
    for name in ("description", "initial_message", "ending_message", "avatar_id"):
        if name in sent:
            updates[name] = getattr(data, name)
    if "language" in sent:
        updates["language"] = data.language or "en"
    if "use_resume" in sent:
        updates["use_resume"] = bool(data.use_resume)
    if "structure_template" in sent:
        updates["structure"] = data.questions() or []
    for name, value in updates.items():
        if getattr(template, name) != value:
            setattr(template, name, value)
            changed.append("structure_template" if name == "structure" else name)
    if changed:
        template.updated_at = utcnow()
        session.flush()
        AuditLog(session, principal).record(
            "TEMPLATE_UPDATED", "template", ids.render("tpl", template.id), {"fields": changed}
        )
    return TemplateOut.model_validate(template)


def delete_template(session: Session, principal: Principal, template_id: uuid.UUID) -> str:
    template = TemplateRepository(session, principal).get_or_404(template_id)
    if StepRepository(session, principal).template_in_active_plan(template.id):
        raise Conflict(
            "An active interview plan uses this template; cancel or finish it first.",
            code="template_in_use",
        )
    public_id = ids.render("tpl", template.id)
    TemplateRepository(session, principal).delete_by_id(template.id)
    session.expunge(template)
    AuditLog(session, principal).record("TEMPLATE_DELETED", "template", public_id)
    return public_id


def list_templates(
    session: Session, principal: Principal, page: PageRequest
) -> tuple[list[TemplateOut], Page[Any]]:
    result = paginate(
        session, TemplateRepository(session, principal).select(), InterviewTemplate, page
    )
    return [TemplateOut.model_validate(t) for t in result.items], result
