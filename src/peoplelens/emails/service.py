"""The outbox: messages queued in the caller's transaction; their log; the tenant's sender
settings. Never commits."""

from __future__ import annotations

import json
import uuid

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.emails.messages import OutgoingEmail
from peoplelens.emails.repository import EmailRepository
from peoplelens.emails.schemas import EmailOut, EmailSettingsIn, EmailSettingsOut
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.kit.sealing import email_bodies
from peoplelens.kit.time import utcnow
from peoplelens.models import Email, Tenant
from peoplelens.tenants.repository import TenantProfileRepository


def queue_email(
    session: Session, principal: Principal, message: OutgoingEmail, *, secret: bytes
) -> uuid.UUID:
    """Writes ``message`` to the outbox in the caller's transaction — it exists if and only if
    the change that caused it commits — with the tenant's sender name and Reply-To. The worker
    sends it (once SMTP is configured); nothing here talks to a server. ``secret``: the server
    secret, which seals the bodies (they hold personal links)."""
    tenant = TenantProfileRepository(session, principal).current()
    calendar = message.calendar
    body = {
        "text": message.text,
        "html": message.html,
        "ics": calendar.text if calendar else None,
        "ics_method": calendar.method if calendar else None,
    }
    now = utcnow()
    row = EmailRepository(session, principal).add(
        Email(
            id=new_uuid(),
            candidate_id=message.candidate_id,
            user_id=message.user_id,
            plan_id=message.plan_id,
            step_id=message.step_id,
            kind=message.kind,
            to_address=message.to_address,
            to_name=(message.to_name or None) and message.to_name[:200],
            from_name=tenant.mail_from_name or tenant.name[:100],
            reply_to=tenant.mail_reply_to,
            subject=message.subject[:250],
            body_sealed=email_bodies(secret).seal(json.dumps(body)),
            status="queued",
            attempts=0,
            next_attempt_at=now,
            log=[],
            created_at=now,
            updated_at=now,
        )
    )
    return row.id


def list_emails(
    session: Session,
    principal: Principal,
    page: PageRequest,
    *,
    candidate_id: uuid.UUID | None,
    kind: str | None,
    status: str | None,
) -> tuple[list[EmailOut], Page[Email]]:
    repo = EmailRepository(session, principal)
    found = paginate(
        session, repo.filtered(candidate_id=candidate_id, kind=kind, status=status), Email, page
    )
    return [EmailOut.build(e) for e in found.items], found


def get_email(session: Session, principal: Principal, email_id: uuid.UUID) -> EmailOut:
    return EmailOut.build(EmailRepository(session, principal).get_or_404(email_id))


def _settings_out(tenant: Tenant, settings: Settings) -> EmailSettingsOut:
    return EmailSettingsOut(
        from_name=tenant.mail_from_name,
        reply_to=tenant.mail_reply_to,
        from_address=settings.mail_sender(),
        configured=settings.smtp_url is not None,
    )


def get_settings(session: Session, principal: Principal, settings: Settings) -> EmailSettingsOut:
    return _settings_out(TenantProfileRepository(session, principal).current(), settings)


def update_settings(
    session: Session, principal: Principal, data: EmailSettingsIn, settings: Settings
) -> EmailSettingsOut:
    """Changes what was sent (a field left out stays; null clears it). Messages already queued
    keep the sender they were queued with."""
    tenant = TenantProfileRepository(session, principal).current()
    changed: dict[str, str | None] = {}
    if "from_name" in data.model_fields_set:
        tenant.mail_from_name = (data.from_name or "").strip() or None
        changed["from_name"] = tenant.mail_from_name
    if "reply_to" in data.model_fields_set:
        tenant.mail_reply_to = data.reply_to
        changed["reply_to"] = data.reply_to
    if changed:
        AuditLog(session, principal).record("EMAIL_SETTINGS_UPDATED", "tenant", None, changed)
    return _settings_out(tenant, settings)
