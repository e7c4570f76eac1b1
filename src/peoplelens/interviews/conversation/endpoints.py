"""The candidate's conversation as JSON (spec §5), authorised by the booking link's token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from peoplelens.boundary.dependencies import RuntimeDep, SessionDep
from peoplelens.boundary.route import TokenRoute
from peoplelens.boundary.router import api_router, responses
from peoplelens.interviews.conversation import link
from peoplelens.interviews.conversation import service as conversation
from peoplelens.interviews.conversation.schemas import AnswerIn, ConsentIn, SessionOut
from peoplelens.interviews.scheduling import candidate
from peoplelens.interviews.scheduling.schemas import BookingIn, SlotsOut
from peoplelens.users.schemas import TimeZone

router = api_router(
    "interview-sessions",
    route_class=TokenRoute,
    responses=responses(
        r400="The body is not valid JSON.",
        r404="Unknown link token.",
        r410="The interview was cancelled or the link expired.",
        r413="The body is larger than the limit.",
        r422="Invalid input; `error.param` names the field.",
        r503="The database stayed busy; nothing was changed. Retry after `Retry-After` seconds.",
    ),
)


def _out(state: SessionOut, runtime: RuntimeDep) -> SessionOut:
    state.max_answer_chars = runtime.settings.max_answer_chars
    return candidate.settle(state, runtime.settings)


def _manage_url(runtime: RuntimeDep, token: str) -> str:
    return f"{runtime.settings.public_url}/book/{token}"


@router.get("/interview-sessions/{token}", response_model=SessionOut)
def get_session(token: str, session: SessionDep, runtime: RuntimeDep) -> SessionOut:
    """The conversation so far and where it stands. No API key: the booking link's token (the
    last part of its URL) is the credential. `state` is `awaiting_consent`, `in_progress`,
    `completed`, `expired` or `cancelled`."""
    ctx = link.open_link(session, token)
    return _out(link.state_of(session, ctx), runtime)


@router.post("/interview-sessions/{token}/consent", response_model=SessionOut)
def give_consent(
    token: str, body: ConsentIn, session: SessionDep, runtime: RuntimeDep
) -> SessionOut:
    """`{"consent": true}` accepts the AI-interview disclosure and starts the interview: the
    interviewer's greeting and first question appear in `messages`. Repeating it is harmless.
    When the next step is an interview with a person there is nothing to consent to: 409
    `no_ai_step_next` (book a time instead)."""
    return _out(conversation.consent(session, token, body.consent), runtime)


@router.post("/interview-sessions/{token}/messages", response_model=SessionOut)
def post_answer(token: str, body: AnswerIn, session: SessionDep, runtime: RuntimeDep) -> SessionOut:
    """The candidate's answer; returns the state with the interviewer's next message (a
    follow-up, the next question, or the closing words after the last question). Send a
    `client_message_id` so a retried request is stored once; without one, the same text again
    within 5 seconds is taken as a double-submit and stored once."""
    return _out(
        conversation.answer(
            session,
            token,
            body.text,
            body.client_message_id,
            runtime.provider,
            runtime.settings.max_answer_chars,
        ),
        runtime,
    )


@router.get("/interview-sessions/{token}/slots", response_model=SlotsOut)
def get_slots(
    token: str,
    session: SessionDep,
    runtime: RuntimeDep,
    time_zone: Annotated[
        TimeZone | None,
        Query(description="The candidate's IANA time zone (the browser's); labels use it."),
    ] = None,
) -> SlotsOut:
    """The free times of the interviewer of the plan's next step, when that step is an
    interview with a person: their weekly working hours in their time zone, minus their other
    interviews and a buffer, from the minimum notice to the booking window's end. 409
    `no_human_step_next` when the next step is the AI interview."""
    return candidate.slots(session, token, runtime.settings, time_zone)


@router.post("/interview-sessions/{token}/booking", response_model=SessionOut)
def book(token: str, body: BookingIn, session: SessionDep, runtime: RuntimeDep) -> SessionOut:
    """Books the slot starting at `start_time` (or moves the booking there). A time taken in
    the meantime or not offered → 409 `slot_unavailable` with `error.next_slots`. The
    candidate and the interviewer are e-mailed the calendar invite."""
    return _out(
        candidate.book_slot(
            session,
            token,
            runtime.scheduling,
            body.start_time,
            body.time_zone,
            _manage_url(runtime, token),
        ),
        runtime,
    )


@router.post("/interview-sessions/{token}/booking/cancel", response_model=SessionOut)
def cancel_booking(token: str, session: SessionDep, runtime: RuntimeDep) -> SessionOut:
    """Cancels the candidate's booking (until the cut-off before it starts): the step waits
    for a new booking, and both people get the cancellation."""
    return _out(
        candidate.cancel_slot(session, token, runtime.scheduling, _manage_url(runtime, token)),
        runtime,
    )
