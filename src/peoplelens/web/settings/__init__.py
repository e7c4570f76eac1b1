"""Settings, for admins (spec §12): people and their roles, SSO, the SCIM token, API keys,
webhooks with their delivery log, the audit log, e-mail.

Every route takes an :data:`~peoplelens.web.route.AdminViewer` and calls the service the
admin API calls; the modules split the pages by what they manage.
"""

from __future__ import annotations

from fastapi.responses import Response

from peoplelens.web.pages import redirect
from peoplelens.web.route import AdminViewer, page_router
from peoplelens.web.settings import access, people, records, webhooks

router = page_router()


@router.get("/settings")
async def settings_home(viewer: AdminViewer) -> Response:
    """Settings open at the people of the workspace."""
    return redirect("/settings/users")


for _module in (people, access, webhooks, records):
    router.include_router(_module.router)
