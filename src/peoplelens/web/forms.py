"""Reading the sign-in pages' forms and checking their CSRF tokens.

Every bad input gets a sentence to show on the page, never a 500: a body that is not a form
(415), a missing field, one over its length, a NUL character (422). The pre-session forms'
CSRF token is a double-submit: a random ``pl_csrf`` cookie and, in the form, its HMAC under
the server secret — a cookie planted from a sibling host is useless without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from peoplelens.runtime import Runtime
from peoplelens.web.cookies import FORM_COOKIE, set_form_cookie

FORM_TYPE: Final = "application/x-www-form-urlencoded"
MAX_FIELDS: Final = 20
EXPIRED_FORM: Final = "This form has expired. Please try again."


class FormProblem(Exception):
    """A form the page cannot act on: the status to answer and the sentence to show."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def read_form(request: Request, limits: dict[str, int]) -> dict[str, str]:
    """The named fields (missing ones as ""), each within its length limit."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM_TYPE:
        raise FormProblem(415, "Send this form from the page itself (reload it and try again).")
    try:
        form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    except Exception:  # a form the parser refuses (too many fields, broken encoding)
        raise FormProblem(
            400, "The form could not be read; reload the page and try again."
        ) from None
    out: dict[str, str] = {}
    for name, limit in limits.items():
        value = form.get(name, "")
        if not isinstance(value, str):
            raise FormProblem(422, "This form takes no files; reload the page and try again.")
        if "\x00" in value:
            raise FormProblem(422, "A field holds a character that is not allowed (NUL).")
        if len(value) > limit:
            raise FormProblem(422, f"A field is longer than the {limit} characters allowed.")
        out[name] = value
    return out


def _sign(runtime: Runtime, value: str) -> str:
    return hmac.new(runtime.secret_key, f"form-csrf:{value}".encode(), hashlib.sha256).hexdigest()


def form_token(request: Request, runtime: Runtime) -> tuple[str, str | None]:
    """The token for a pre-session form, and the cookie value to set when the browser has none
    yet (None: it keeps the one it has)."""
    value = request.cookies.get(FORM_COOKIE)
    fresh = None
    if not value or len(value) > 100:
        value = fresh = secrets.token_urlsafe(32)
    return _sign(runtime, value), fresh


def give_form_cookie(response: Response, runtime: Runtime, fresh: str | None) -> None:
    if fresh is not None:
        set_form_cookie(response, fresh, runtime.settings)


def form_token_matches(request: Request, runtime: Runtime, given: str) -> bool:
    value = request.cookies.get(FORM_COOKIE)
    if not value or not given:
        return False
    return hmac.compare_digest(_sign(runtime, value), given)


# ------------------------------------------------------------------- the workspace's forms


class InvalidForm(Exception):
    """A form whose values the schema refused: a sentence per field (by field name) and one
    for the page. The page renders again with what was typed and these sentences (422)."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(self.summary)

    @property
    def summary(self) -> str:
        return " ".join(self.errors.values())


M = TypeVar("M", bound=BaseModel)


# How a person reads the schema's refusals (the API's own words name fields and patterns).
_PLAIN: Final = {
    "missing": "{label} is required.",
    "string_too_short": "{label} needs at least {min_length} characters.",
    "string_too_long": "{label} can have at most {max_length} characters.",
    "string_pattern_mismatch": "{label} is not in a form we can use; check what you typed.",
    "url_parsing": "{label} must be a web address such as https://example.com.",
    "url_scheme": "{label} must be a web address such as https://example.com.",
    "int_parsing": "{label} must be a whole number.",
    "int_from_float": "{label} must be a whole number.",
    "float_parsing": "{label} must be a number.",
    "greater_than_equal": "{label} must be at least {ge}.",
    "less_than_equal": "{label} must be at most {le}.",
    "greater_than": "{label} must be more than {gt}.",
    "less_than": "{label} must be less than {lt}.",
    "literal_error": "{label} must be one of {expected}.",
    "enum": "{label} must be one of {expected}.",
    "datetime_parsing": "{label} must be a date and time.",
    "datetime_from_date_parsing": "{label} must be a date and time.",
    "date_parsing": "{label} must be a date.",
    "bool_parsing": "{label} must be yes or no.",
}


def _sentence(error: Any, labels: Mapping[str, str]) -> tuple[str, str]:
    loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    name = loc[0] if loc else ""
    label = labels.get(name, name.replace("_", " ").capitalize() or "This form")
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    plain = _PLAIN.get(kind)
    if plain is not None:
        if kind == "string_too_short" and ctx.get("min_length") == 1:
            return name, f"{label} is required."
        try:
            return name, plain.format(label=label, **ctx)
        except (KeyError, IndexError, ValueError):
            pass
    if kind == "extra_forbidden":
        return name, f"{label} is not a field of this form."
    msg = str(error.get("msg", "is not valid")).rstrip(".")
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return name, f"{label}: {msg[:1].lower() + msg[1:]}."


def validated(model: type[M], data: Mapping[str, Any], labels: Mapping[str, str]) -> M:
    """``data`` as ``model`` (the API's own request schema: the same rules as the API), or
    :class:`InvalidForm` saying, with each field's label, what to fix."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            name, sentence = _sentence(error, labels)
            errors.setdefault(name, sentence)
        raise InvalidForm(errors) from None


def text_fields(form: Mapping[str, Any], names: Iterable[str]) -> dict[str, str]:
    """The named text fields of a posted form ("" for a missing one; a file where text
    belongs is treated as missing)."""
    out: dict[str, str] = {}
    for name in names:
        value = form.get(name, "")
        out[name] = value if isinstance(value, str) else ""
    return out


def optional(values: dict[str, str], *names: str) -> dict[str, Any]:
    """``values`` with the named fields' empty strings as None (an empty optional field
    clears it, like ``null`` in the API)."""
    return {k: (None if k in names and not v.strip() else v) for k, v in values.items()}
