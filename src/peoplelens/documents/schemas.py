"""What the document routes answer (spec §2): the doc's shapes, with our additions after them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from peoplelens.documents.profile import LanguageSkill, ResumeProfile
from peoplelens.kit.ids import CandidateID, DocumentID
from peoplelens.kit.schemas import Timestamp


class DocumentUploaded(BaseModel):
    """``POST /candidates/{id}/documents`` (doc fields first)."""

    id: DocumentID
    candidate_id: CandidateID
    file_name: str
    file_path: str = Field(
        description="<tenant slug>/<candidate uuid>/<document uuid>-<sanitised name>: where the "
        "reference shows the file; the bytes are stored under a random name."
    )
    file_type: str = Field(description="The MIME type judged from the content.")
    file_size: int
    parse_status: str = Field(description="queued, parsed or failed (ours).")
    created_at: Timestamp


class DocumentOut(DocumentUploaded):
    """An item of ``GET /candidates/{id}/documents``; ``signedUrl`` is camelCase (doc)."""

    model_config = ConfigDict(populate_by_name=True)

    signed_url: str = Field(
        alias="signedUrl",
        description="An absolute link that serves the file without an API key until "
        "`signed_url_expires_at` (ours; 15 minutes by default).",
    )
    signed_url_expires_at: Timestamp
    parse_error: str | None = Field(
        default=None, description="Why parsing failed, when `parse_status` is failed."
    )


class LanguageOut(BaseModel):
    name: str
    level: str | None = Field(description="A1…C2 or native; null when the resume states none.")


class ContactOut(BaseModel):
    name: str | None
    email: str | None
    phone: str | None
    linkedin_url: str | None


class ParsedResumeOut(BaseModel):
    """``GET /candidates/{id}/documents/parsed``: the doc's fields, then ours."""

    id: DocumentID = Field(description="The parsed document's id.")
    professional_summary: str
    core_skills: str = Field(description="Canonical skill names, comma-separated (doc).")
    experience_summary: str
    education_summary: str
    certifications: str = Field(description="Certification names, comma-separated.")
    languages: list[str] = Field(description="Spoken languages by English name (doc: array).")
    projects_achievements: str
    # -- ours
    candidate_id: CandidateID
    skills: list[str] = Field(description="`core_skills` as an array.")
    language_levels: list[LanguageOut]
    contact: ContactOut
    sections_found: list[str] = Field(description="Sections found by their headings.")
    matches_candidate: bool | None = Field(
        default=None,
        description="Whether the resume names this candidate (their e-mail, or their first "
        "and last name); false: check it was filed under the right person. Contact fields "
        "are filled from a matching resume only.",
    )
    parser: str
    parsed_at: Timestamp


def profile_json(profile: ResumeProfile) -> dict[str, Any]:
    """What ``documents.parsed`` stores; no U+0000 anywhere (PostgreSQL's JSON cannot hold it,
    and a model's answer might carry one)."""
    cleaned: dict[str, Any] = _without_nul(asdict(profile))
    return cleaned


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    return value


def profile_of(stored: dict[str, Any]) -> ResumeProfile:
    fields = dict(stored)
    fields["languages"] = [LanguageSkill(**item) for item in fields.get("languages", [])]
    known = ResumeProfile.__dataclass_fields__
    return ResumeProfile(**{k: v for k, v in fields.items() if k in known})


def parsed_out(
    document_id: Any,
    candidate_id: Any,
    stored: dict[str, Any],
    parser: str,
    parsed_at: datetime,
    matches_candidate: bool | None = None,
) -> ParsedResumeOut:
    """The one rendering of a parsed resume (the API, the workspace, the interviewer's view)."""
    p = profile_of(stored)
    return ParsedResumeOut(
        id=document_id,
        professional_summary=p.professional_summary,
        core_skills=", ".join(p.skills),
        experience_summary=p.experience_summary,
        education_summary=p.education_summary,
        certifications=", ".join(p.certifications),
        languages=[lang.name for lang in p.languages],
        projects_achievements=p.projects_achievements,
        candidate_id=candidate_id,
        skills=list(p.skills),
        language_levels=[LanguageOut(name=x.name, level=x.level) for x in p.languages],
        contact=ContactOut(name=p.name, email=p.email, phone=p.phone, linkedin_url=p.linkedin_url),
        sections_found=list(p.sections_found),
        matches_candidate=matches_candidate,
        parser=parser,
        parsed_at=parsed_at,
    )
