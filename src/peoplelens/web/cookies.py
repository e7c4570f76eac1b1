"""The session cookie, set and cleared in one place (password sign-in and SSO both use it):
``HttpOnly``, ``SameSite=Lax``, ``Secure`` when the public URL is https, for the whole site,
no ``Max-Age`` (the server-side session decides how long it lives)."""

from __future__ import annotations

from starlette.responses import Response

from peoplelens.config import Settings
from peoplelens.users.sessions import COOKIE


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.public_url.startswith("https://"),
        path="/",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        COOKIE,
        httponly=True,
        samesite="lax",
        secure=settings.public_url.startswith("https://"),
        path="/",
    )


# The forms shown before anyone is signed in (sign-in, set-password) carry a CSRF token too
# (spec §6; a forged sign-in would put the victim in the attacker's account): a random value
# in this cookie, and in the form its HMAC under the server secret (web/forms.py).
FORM_COOKIE = "pl_csrf"


def set_form_cookie(response: Response, value: str, settings: Settings) -> None:
    response.set_cookie(
        FORM_COOKIE,
        value,
        httponly=True,
        samesite="lax",
        secure=settings.public_url.startswith("https://"),
        path="/",
    )
