"""The interview review page (``/interviews/{id}``): each AI step's transcript beside its
scorecard, every quoted piece of evidence linked to the words it quotes (highlighted in the
transcript); the human steps with their scorecards; re-assess; the interviewer's own scorecard.

Thin like every page: the plan, scorecard and transcript come from the services the API's
``GET /api/v1/interviews/{id}``, ``…/scorecard`` and ``…/transcript`` call (an interviewer
reaches only a plan with a step assigned to them: the plans repository narrows it); the forms
post to the services of ``…/steps/{step_id}/reassess`` and ``…/steps/{step_id}/scorecard``.
What is added here is presentation: where a quote stands in its message.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from fastapi import Request
from fastapi.responses import Response
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.interviews.plans import service as plans
from peoplelens.interviews.plans.schemas import DecisionIn, PlanOut
from peoplelens.interviews.scorecards import service as scorecards
from peoplelens.interviews.scorecards.schemas import (
    AssessmentOut,
    HumanScorecardIn,
    PlanScorecardOut,
    RecommendationValue,
    TranscriptOut,
)
from peoplelens.kit import ids
from peoplelens.kit.errors import ApiError
from peoplelens.kit.ids import PlanID, StepID
from peoplelens.tenants.repository import TenantProfileRepository
from peoplelens.users.repository import UserRepository
from peoplelens.web.candidates import DECISIONS
from peoplelens.web.forms import InvalidForm, optional, text_fields, validated
from peoplelens.web.pages import done, render, runtime_of
from peoplelens.web.route import (
    AssignedViewer,
    AssignedWriteViewer,
    Viewer,
    WriteViewer,
    page_router,
)
from peoplelens.web.work import reading, writing

router = page_router()

# How many criteria rows the human scorecard form offers (empty rows are left out).
CRITERIA_ROWS: Final = 4
RECOMMENDATIONS: Final[tuple[RecommendationValue, ...]] = (
    "strong_hire",
    "hire",
    "no_hire",
    "strong_no_hire",
)
# Shortened quotes end so (the built-in assessor cuts a long sentence with "...").
_ELLIPSES: Final = ("...", "…")


# ------------------------------------------------------------------ quotes in the transcript


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` case-folded with each run of white space as one space, and for each character
    of that the index in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                where.append(i)
            in_space = True
            continue
        in_space = False
        for part in ch.casefold():
            out.append(part)
            where.append(i)
    return "".join(out), where


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` (start, end): exactly, else ignoring case and white
    space; a quote shortened with an ellipsis is looked for without it. None: not there."""
    wanted = quote.strip()
    if not wanted:
        return None
    at = text.find(wanted)
    if at >= 0:
        return at, at + len(wanted)
    folded, where = _folded(text)
    folded_quote = _folded(wanted)[0].strip()
    at = folded.find(folded_quote) if folded_quote else -1
    if at >= 0:
        return where[at], where[at + len(folded_quote) - 1] + 1
    for ellipsis in _ELLIPSES:
        if wanted.endswith(ellipsis) and len(wanted) > len(ellipsis):
            return find_quote(text, wanted[: -len(ellipsis)])
    return None


@dataclass(slots=True)
class _Marks:
    """The highlighted stretches of one message: (start, end, id), not overlapping."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, start: int, end: int, mark_id: str) -> str:
        """Marks [start, end) and returns the id to link to: an overlapping stretch already
        marked grows to hold this one and keeps its id (one element, one id)."""
        for i, (s, e, existing) in enumerate(self.spans):
            if start < e and s < end:
                self.spans[i] = (min(s, start), max(e, end), existing)
                return existing
        self.spans.append((start, end, mark_id))
        return mark_id


def marked(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark id>`` (every segment escaped on its
    own: nothing of the candidate's text is ever trusted as HTML)."""
    out: list[Markup] = []
    at = 0
    for start, end, mark_id in sorted(spans):
        if start < at:  # grown spans may now touch an earlier one: never nest or repeat text
            start = at
        if start >= end:
            continue
        out.append(escape(text[at:start]))
        out.append(Markup('<mark id="{}">{}</mark>').format(mark_id, text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


# ---------------------------------------------------------------------------- what is shown


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    anchor: str | None  # the <mark> id in the transcript; None: not found there


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    score: int | None
    insufficient_evidence: bool
    rationale: str | None
    quotes: list[Quote]


@dataclass(frozen=True, slots=True)
class Line:
    id: str  # msg-<uuid>, the element's id (evidence names its message by it)
    role: str
    html: Markup
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ShownStep:
    assessment: AssessmentOut
    interviewer_id: uuid.UUID | None
    scheduled_start: datetime | None
    lines: list[Line]
    criteria: list[Criterion]
    # Human steps: whether the viewer may send their scorecard here (the form is shown).
    scorable: bool = False


def _ai_step(assessment: AssessmentOut, talk: TranscriptOut) -> tuple[list[Line], list[Criterion]]:
    messages = next((s.messages for s in talk.steps if s.step_id == assessment.step_id), [])
    marks: dict[uuid.UUID, _Marks] = {m.id: _Marks() for m in messages}
    texts = {m.id: m.text for m in messages}
    criteria: list[Criterion] = []
    card = assessment.scorecard
    for ci, criterion in enumerate(card.criteria if card else [], start=1):
        quotes: list[Quote] = []
        for ei, evidence in enumerate(criterion.evidence, start=1):
            message_id = ids.try_parse("msg", evidence.message_id)
            span = (
                find_quote(texts[message_id], evidence.quote)
                if message_id is not None and message_id in texts
                else None
            )
            anchor = None
            if message_id is not None and span is not None:
                anchor = marks[message_id].add(*span, f"ev-{assessment.order}-{ci}-{ei}")
            quotes.append(Quote(evidence.quote, anchor))
        criteria.append(
            Criterion(
                criterion.name,
                criterion.score,
                criterion.insufficient_evidence,
                criterion.rationale,
                quotes,
            )
        )
    lines = [
        Line(ids.render("msg", m.id), m.role, marked(m.text, marks[m.id].spans), m.created_at)
        for m in messages
    ]
    return lines, criteria


@dataclass(frozen=True, slots=True)
class _Read:
    card: PlanScorecardOut
    talk: TranscriptOut
    plan: PlanOut
    names: dict[str, str]  # usr-… → the person's name
    stages: list[str]  # the account's pipeline stages (the decision form's choices)


def _read(session: Session, principal: Principal, plan_id: uuid.UUID) -> _Read:
    card = scorecards.plan_scorecard(session, principal, plan_id)
    talk = scorecards.transcript(session, principal, plan_id)
    plan = plans.get_plan(session, principal, plan_id)
    wanted = {s.interviewer_id for s in plan.steps if s.interviewer_id is not None}
    for a in card.assessments:
        for h in a.human_scorecards:
            scored_by = ids.try_parse("usr", h.interviewer_id)
            if scored_by is not None:
                wanted.add(scored_by)
    users = UserRepository(session, principal)
    names: dict[str, str] = {}
    for user_id in wanted:
        user = users.get(user_id)
        if user is not None:
            full = f"{user.first_name} {user.last_name}".strip()
            names[ids.render("usr", user.id)] = full or user.email
    stages = list(TenantProfileRepository(session, principal).current().pipeline_stages)
    return _Read(card, talk, plan, names, stages)


def _form_values(form: Mapping[str, Any]) -> dict[str, str]:
    names = ["overall_score", "recommendation", "notes"]
    for i in range(1, CRITERIA_ROWS + 1):
        names += [f"criterion_name_{i}", f"criterion_score_{i}"]
    return text_fields(form, names)


async def _review(
    request: Request,
    viewer: Viewer,
    plan_id: uuid.UUID,
    *,
    typed: tuple[uuid.UUID, dict[str, str], dict[str, str]] | None = None,
    status: int = 200,
) -> Response:
    """The page; ``typed``: a human scorecard form sent back (step, its values, its errors)."""
    runtime = runtime_of(request)
    principal = viewer.principal
    got = await reading(runtime, lambda s: _read(s, principal, plan_id))
    by_step = {s.id: s for s in got.plan.steps}
    shown: list[ShownStep] = []
    for assessment in got.card.assessments:
        step = by_step.get(assessment.step_id)
        interviewer_id = step.interviewer_id if step else None
        lines: list[Line] = []
        criteria: list[Criterion] = []
        scorable = False
        if assessment.type == "ai_interview":
            lines, criteria = _ai_step(assessment, got.talk)
        else:
            mine = ids.render("usr", viewer.user_id)
            scorable = (
                interviewer_id == viewer.user_id
                and assessment.status not in ("skipped", "cancelled")
                and got.card.status not in ("cancelled", "expired")
                and not any(h.interviewer_id == mine for h in assessment.human_scorecards)
            )
        shown.append(
            ShownStep(
                assessment,
                interviewer_id,
                step.scheduled_start if step else None,
                lines,
                criteria,
                scorable,
            )
        )
    candidate = got.card.candidate
    name = f"{candidate.first_name} {candidate.last_name}".strip()
    return render(
        request,
        "app/review.html",
        {
            "title": f"Interview review — {name}",
            "card": got.card,
            "candidate_name": name,
            "steps": shown,
            "names": got.names,
            "plan_id": ids.render("plan", plan_id),
            "plan": got.plan,
            "decisions": DECISIONS,
            "stages": got.stages,
            "recommendations": RECOMMENDATIONS,
            "criteria_rows": CRITERIA_ROWS,
            "typed_step": typed[0] if typed else None,
            "typed": typed[1] if typed else {},
            "errors": typed[2] if typed else {},
            "wide": True,
        },
        status,
        section=None if viewer.can_write else "my",
    )


@router.get("/interviews/{id}")
async def review(id: PlanID, request: Request, viewer: AssignedViewer) -> Response:
    """Transcript and scorecard side by side, the human scorecards, and the forms."""
    return await _review(request, viewer, id)


@router.post("/interviews/{id}/decision")
async def decide(id: PlanID, request: Request, viewer: WriteViewer) -> Response:
    """The decision on this plan (``POST /api/v1/interviews/{id}/decision``), from the page
    where the evidence is."""
    runtime = runtime_of(request)
    back = f"/interviews/{ids.render('plan', id)}#decision"
    form = text_fields(await request.form(), ("status", "notes", "stage"))
    labels = {"status": "Decision", "notes": "Notes", "stage": "Stage"}
    try:
        body = validated(DecisionIn, optional(form, "notes", "stage"), labels)
    except InvalidForm as invalid:
        # Another workspace's plan is a 404 whatever the form says.
        await reading(runtime, lambda s: plans.get_plan(s, viewer.principal, id))
        return done(request, back, invalid.summary, "error")
    try:
        await writing(
            runtime, lambda s: plans.decide(s, viewer.principal, runtime.scheduling, id, body)
        )
    except ApiError as exc:
        if exc.status == 404 and exc.param in (None, "id"):
            raise
        return done(request, back, exc.message, "error")
    return done(request, back, f"Recorded the decision: {body.status}.")


@router.post("/interviews/{id}/reassess")
async def reassess(id: PlanID, request: Request, viewer: WriteViewer) -> Response:
    """The API's ``POST …/steps/{step_id}/reassess`` (the step is the form's ``step_id``)."""
    runtime = runtime_of(request)
    back = f"/interviews/{ids.render('plan', id)}"
    raw = text_fields(await request.form(), ("step_id",))["step_id"]
    step_id = ids.try_parse("step", raw) if raw else None
    if step_id is None:
        # Another workspace's plan is a 404 whatever the form says.
        await reading(runtime, lambda s: plans.get_plan(s, viewer.principal, id))
        return done(request, back, "Choose the step to re-assess.", "error")
    try:
        await writing(runtime, lambda s: scorecards.reassess(s, viewer.principal, id, step_id))
    except ApiError as exc:
        if exc.status == 404 and exc.param != "step_id":
            raise
        return done(request, back, exc.message, "error")
    return done(
        request,
        back,
        "A new assessment is being computed; the current scorecard stays until it is ready.",
    )


@router.post("/interviews/{id}/steps/{step_id}/scorecard")
async def human_scorecard(
    id: PlanID, step_id: StepID, request: Request, viewer: AssignedWriteViewer
) -> Response:
    """The API's human scorecard POST, by the signed-in person: it completes the step."""
    runtime = runtime_of(request)
    back = f"/interviews/{ids.render('plan', id)}"
    values = _form_values(await request.form())
    criteria = []
    for i in range(1, CRITERIA_ROWS + 1):
        name, score = values[f"criterion_name_{i}"].strip(), values[f"criterion_score_{i}"]
        if name or score.strip():
            criteria.append({"name": name, "score": score.strip() or None})
    data: dict[str, Any] = {
        "overall_score": values["overall_score"].strip() or None,
        "recommendation": values["recommendation"] or None,
        "criteria": criteria,
        "notes": values["notes"].strip() or None,
    }
    data = {k: v for k, v in data.items() if v is not None}  # left empty: "is required"
    labels = {
        "overall_score": "Overall score",
        "recommendation": "Recommendation",
        "criteria": "Criteria (each a name and a score from 0 to 100)",
        "notes": "Notes",
    }
    try:
        body = validated(HumanScorecardIn, data, labels)
        await writing(
            runtime,
            lambda s: scorecards.add_human_scorecard(s, viewer.principal, id, step_id, body),
        )
    except InvalidForm as invalid:
        return await _review(
            request, viewer, id, typed=(step_id, values, invalid.errors), status=422
        )
    except ApiError as exc:
        if exc.status == 404:
            raise
        return done(request, back, exc.message, "error")
    return done(request, back, "Your scorecard was saved.")
