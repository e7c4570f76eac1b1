"""Interview templates (spec §4)."""

from __future__ import annotations

from fastapi import status

from peoplelens.boundary.dependencies import ReadPrincipal, SessionDep, WritePrincipal
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.kit.ids import TemplateID
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import Deleted, ListResponse
from peoplelens.templates import service
from peoplelens.templates.schemas import TemplateCreate, TemplateOut, TemplateUpdate

router = api_router("templates")
_404 = not_found_doc("template")


@router.get("/templates/{id}", response_model=TemplateOut, responses=_404)
def get_template(id: TemplateID, principal: ReadPrincipal, session: SessionDep) -> TemplateOut:
    """Returns one interview template with its questions (`structure_template`)."""
    return service.get_template(session, principal, id)


@router.get("/templates", response_model=ListResponse[TemplateOut])
def list_templates(
    principal: ReadPrincipal, session: SessionDep, page: PageDep
) -> ListResponse[TemplateOut]:
    """Lists the account's templates, newest first."""
    data, result = service.list_templates(session, principal, page)
    return ListResponse[TemplateOut].of(data, result)


@router.post("/templates", response_model=TemplateOut, status_code=status.HTTP_201_CREATED)
def create_template(
    body: TemplateCreate, principal: WritePrincipal, session: SessionDep
) -> TemplateOut:
    """Creates a template: `title` (or `name`), messages, and up to 50 questions, each with
    `text`, `type` and optionally `behavioral_intent`, `expected_answer`, `max_follow_ups`."""
    return service.create_template(session, principal, body)


@router.put("/templates/{id}", response_model=TemplateOut, responses=_404)
def update_template(
    id: TemplateID, body: TemplateUpdate, principal: WritePrincipal, session: SessionDep
) -> TemplateOut:
    """Updates `title`, `description`, `initial_message`, `ending_message`,
    `structure_template` (replaced whole when sent); fields left out keep their value."""
    return service.update_template(session, principal, id, body)


@router.delete(
    "/templates/{id}",
    response_model=Deleted,
    responses={**_404, **responses(r409="An active plan uses the template.")},
)
def delete_template(id: TemplateID, principal: WritePrincipal, session: SessionDep) -> Deleted:
    """Deletes a template; refused (409) while an active interview plan uses it."""
    return Deleted(id=service.delete_template(session, principal, id))
