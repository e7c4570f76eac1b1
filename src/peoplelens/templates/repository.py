from __future__ import annotations

from peoplelens.kit.repository import TenantRepository
from peoplelens.models import InterviewTemplate


class TemplateRepository(TenantRepository[InterviewTemplate]):
    model = InterviewTemplate
    kind = "tpl"
