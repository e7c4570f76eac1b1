"""The session cookie, set and cleared in one place (password sign-in and SSO both use it):
``HttpOnly``, ``SameSite=Lax``, ``Secure`` when the public URL is https, for the whole site,
no ``Max-Age`` (the server-side session decides how long it lives)."""

from __future__ import annotations

from typing import Literal

from starlette.responses import Response

from peoplelens.config import Settings
from peoplelens.users.sessions import COOKIE

SameSite = Literal["lax", "strict"]


def set_cookie(
    response: Response,
    name: str,
    value: str,
    settings: Settings,
    *,
    max_age: int | None = None,
    samesite: SameSite = "lax",
    path: str = "/",
) -> None:
    """Every cookie of ours: ``HttpOnly``, ``Secure`` when the public URL is https."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite=samesite,
        secure=settings.public_url.startswith("https://"),
        path=path,
    )


def clear_cookie(
    response: Response,
    name: str,
    settings: Settings,
    *,
    samesite: SameSite = "lax",
    path: str = "/",
) -> None:
    response.delete_cookie(
        name,
        httponly=True,
        samesite=samesite,
        secure=settings.public_url.startswith("https://"),
        path=path,
    )


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    set_cookie(response, COOKIE, token, settings)


def clear_session_cookie(response: Response, settings: Settings) -> None:
    clear_cookie(response, COOKIE, settings)


# The OpenID Connect round trip's browser binding: the callback is accepted only in the browser
# that started the sign-in (no login CSRF: a victim cannot be signed in as someone else with a
# callback link an attacker got from their own sign-in). Lax, so the provider's redirect back
# (a top-level GET) carries it.
OIDC_COOKIE = "pl_oidc"
OIDC_COOKIE_PATH = "/auth/oidc"


def set_oidc_cookie(response: Response, value: str, settings: Settings, max_age: int) -> None:
    set_cookie(response, OIDC_COOKIE, value, settings, max_age=max_age, path=OIDC_COOKIE_PATH)


def clear_oidc_cookie(response: Response, settings: Settings) -> None:
    clear_cookie(response, OIDC_COOKIE, settings, path=OIDC_COOKIE_PATH)


# The forms shown before anyone is signed in (sign-in, set-password) carry a CSRF token too
# (spec §6; a forged sign-in would put the victim in the attacker's account): a random value
# in this cookie, and in the form its HMAC under the server secret (web/forms.py).
FORM_COOKIE = "pl_csrf"


def set_form_cookie(response: Response, value: str, settings: Settings) -> None:
    set_cookie(response, FORM_COOKIE, value, settings)
