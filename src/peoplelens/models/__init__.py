"""All ORM models, on one metadata (what Alembic compares against)."""

from peoplelens.models.audit import AuditEntry
from peoplelens.models.base import Base
from peoplelens.models.candidate import Candidate
from peoplelens.models.candidate_import import CandidateImport, CandidateImportRow
from peoplelens.models.conversation import HumanScorecard, InterviewMessage, Scorecard, Task
from peoplelens.models.document import Document
from peoplelens.models.email import Email
from peoplelens.models.event import Event
from peoplelens.models.idempotency import IdempotencyRecord
from peoplelens.models.inbound import InboundEvent
from peoplelens.models.interview import BookingLink, InterviewPlan, InterviewStep
from peoplelens.models.job import Job
from peoplelens.models.template import InterviewTemplate
from peoplelens.models.tenant import ApiKey, Tenant, TenantCounter
from peoplelens.models.user import (
    OidcLoginState,
    ScimGroup,
    SignInFailure,
    TenantSso,
    User,
    UserSession,
    UserToken,
)
from peoplelens.models.webhook import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiKey",
    "AuditEntry",
    "Base",
    "BookingLink",
    "Candidate",
    "CandidateImport",
    "CandidateImportRow",
    "Document",
    "Email",
    "Event",
    "HumanScorecard",
    "IdempotencyRecord",
    "InboundEvent",
    "InterviewMessage",
    "InterviewPlan",
    "InterviewStep",
    "InterviewTemplate",
    "Job",
    "OidcLoginState",
    "ScimGroup",
    "Scorecard",
    "SignInFailure",
    "Task",
    "Tenant",
    "TenantCounter",
    "TenantSso",
    "User",
    "UserSession",
    "UserToken",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
