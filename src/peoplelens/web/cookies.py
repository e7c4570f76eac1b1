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


# The OpenID Connect round trip's browser binding: the callback is accepted only in the browser
# that started the sign-in (no login CSRF: a victim cannot be signed in as someone else with a
# callback link an attacker got from their own sign-in). Lax, so the provider's redirect back
# (a top-level GET) carries it.
OIDC_COOKIE = "pl_oidc"
OIDC_COOKIE_PATH = "/auth/oidc"


def set_oidc_cookie(response: Response, value: str, settings: Settings, max_age: int) -> None:
    response.set_cookie(
        OIDC_COOKIE,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=settings.public_url.startswith("https://"),
        path=OIDC_COOKIE_PATH,
    )


def clear_oidc_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        OIDC_COOKIE,
        httponly=True,
        samesite="lax",
        secure=settings.public_url.startswith("https://"),
        path=OIDC_COOKIE_PATH,
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
