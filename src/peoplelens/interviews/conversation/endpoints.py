"""The candidate's conversation as JSON (spec §5), authorised by the booking link's token."""

from __future__ import annotations

from peoplelens.boundary.dependencies import RuntimeDep, SessionDep
from peoplelens.boundary.route import TokenRoute
from peoplelens.boundary.router import api_router, responses
from peoplelens.interviews.conversation import link
from peoplelens.interviews.conversation import service as conversation
from peoplelens.interviews.conversation.schemas import AnswerIn, ConsentIn, SessionOut

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
    return state


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
    interviewer's greeting and first question appear in `messages`. Repeating it is harmless."""
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
