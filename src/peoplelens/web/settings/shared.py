"""What the Settings pages share: their sub-navigation and how a refusal comes back."""

from __future__ import annotations

from typing import Any, Final

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from peoplelens.kit.errors import ApiError
from peoplelens.web.pages import done, render

SUBNAV: Final = (
    ("users", "Users", "/settings/users"),
    ("sso", "SSO", "/settings/sso"),
    ("scim", "SCIM", "/settings/scim"),
    ("api-keys", "API keys", "/settings/api-keys"),
    ("webhooks", "Webhooks", "/settings/webhooks"),
    ("audit", "Audit log", "/settings/audit"),
    ("email", "E-mail", "/settings/email"),
)


def settings_page(
    request: Request, template: str, tab: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """A Settings page in the layout, its tab marked in the sub-navigation."""
    return render(
        request,
        template,
        {"subnav": SUBNAV, "tab": tab, **context},
        status,
        section="settings",
    )


def refused(request: Request, back: str, exc: ApiError) -> Response:
    """A service's refusal of a small form: back with its sentence. A missing object (another
    workspace's included) stays the 404 page."""
    if exc.status == 404:
        raise exc
    return done(request, back, exc.message, "error")
