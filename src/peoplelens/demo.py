"""Demo data: a tenant with jobs, candidates, a template and an interview in progress."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.orm import Session

from peoplelens.ai.builtin import BuiltinProvider
from peoplelens.ai.encoders import best_encoder
from peoplelens.auth.keys import authenticates, create_key
from peoplelens.auth.principal import Principal
from peoplelens.candidates.bulk import bulk_create
from peoplelens.candidates.schemas import BulkCandidates, CandidateCreate
from peoplelens.documents import service as documents
from peoplelens.interviews.conversation import service as conversation
from peoplelens.interviews.plans.schemas import InviteIn
from peoplelens.interviews.plans.service import invite
from peoplelens.jobs.schemas import JobCreate
from peoplelens.jobs.service import create_job
from peoplelens.kit.storage.base import FileStorage
from peoplelens.templates.schemas import Question, TemplateCreate
from peoplelens.templates.service import create_template
from peoplelens.tenants.service import create_tenant, find_tenant
from peoplelens.users.repository import UserRepository
from peoplelens.users.schemas import UserCreate
from peoplelens.users.service import create_user

DEMO_SLUG = "demo"
# The demo's admin: `make run` prints a one-time link to set their password
# (`peoplelens users reset-password --tenant demo --email admin@demo.example`).
DEMO_ADMIN = "admin@demo.example"
DEMO_INTERVIEWER = "sam.weber@demo.example"


DEMO_RESUME = """Ravi Kumar
Backend Engineer
ravi.kumar@example.com | +44 20 7946 0123 | linkedin.com/in/ravi-kumar-demo

Summary
Backend engineer with seven years of building payment and logistics APIs in Go and Python.

Experience
Senior Backend Engineer, Parcelly Ltd (2021 – present)
- Moved order tracking from a monolith to Go services on Kubernetes; p99 latency 900 ms → 140 ms
- Led the on-call rotation and wrote the incident runbooks
Backend Developer, Finch Payments (2018 – 2021)
- Built the PostgreSQL ledger and its reconciliation jobs in Python

Education
BSc Computer Science, University of Leeds (2014 – 2017)

Skills
Go, Python, PostgreSQL, k8s, Docker, Terraform, gRPC

Certifications
Certified Kubernetes Administrator (CKA), 2022

Languages
English (native), Hindi (native), German (B1)
"""


class Seeded(NamedTuple):
    key: str
    tenant_created: bool
    key_reused: bool


def seed_demo(
    session: Session,
    *,
    public_url: str,
    secret: bytes,
    known_key: str | None = None,
    storage: FileStorage | None = None,
) -> Seeded:
    """Creates the demo tenant once. Its key: ``known_key`` again while that still authenticates
    for the demo tenant (same database, not revoked, not expired), else a new one (only hashes
    are stored, so an old key cannot be shown again: the caller keeps it)."""
    tenant = find_tenant(session, DEMO_SLUG)
    created = tenant is None
    if tenant is None:
        tenant = create_tenant(session, DEMO_SLUG, "Demo Recruiting Co.", candidate_quota=100_000)
        principal = replace(Principal.system(tenant.id), tenant_slug=DEMO_SLUG)
        _populate(session, principal, public_url=public_url, secret=secret, storage=storage)
    principal = Principal.system(tenant.id)
    _ensure_admin(session, principal)
    if known_key and authenticates(session, principal, known_key):
        return Seeded(known_key, created, key_reused=True)
    _, key = create_key(session, principal, name="demo key")
    return Seeded(key, created, key_reused=False)


def _ensure_admin(session: Session, principal: Principal) -> None:
    """The demo admin, also in a demo tenant made before people existed (no password: the
    link sets it)."""
    if UserRepository(session, principal).by_email(DEMO_ADMIN) is None:
        data = UserCreate(email=DEMO_ADMIN, first_name="Demo", last_name="Admin", role="admin")
        create_user(session, principal, data, via="demo")


def read_key_file(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return None


def write_key_file(path: Path, key: str) -> None:
    """Replaces ``path`` with ``key`` at once, readable by this user only (0600)."""
    staging = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    os.replace(staging, path)


def _populate(
    session: Session,
    principal: Principal,
    *,
    public_url: str,
    secret: bytes,
    storage: FileStorage | None,
) -> None:
    frontend = create_job(
        session,
        principal,
        JobCreate(
            title="Frontend Developer",
            department="Engineering",
            location="Remote",
            description="Build our candidate-facing web app with TypeScript and React.",
        ),
    )
    backend = create_job(
        session,
        principal,
        JobCreate(
            title="Backend Engineer (Go)",
            department="Engineering",
            location="Berlin",
            description="Design Go services on Kubernetes and PostgreSQL.",
        ),
    )
    create_job(
        session,
        principal,
        JobCreate(title="Recruiting Coordinator", department="People", status="draft"),
    )
    template = create_template(
        session,
        principal,
        TemplateCreate(
            title="Frontend screening",
            description="A 15-minute first interview.",
            initial_message="Hi! I'm Ava, and I'll run your first interview for this role.",
            ending_message="Thank you — the hiring team will be in touch soon.",
            structure_template=[
                Question(
                    text="Tell me about a web app you built end to end.",
                    type="behavioral",
                    expected_answer="Concrete project, own role, stack, trade-offs, outcome.",
                ),
                Question(
                    text="How do you keep a large React app fast?",
                    type="technical",
                    expected_answer="Profiling, memoization, code splitting, virtualization.",
                ),
            ],
        ),
    )
    people = [
        ("Jane", "Doe", "jane.doe@example.com", frontend.id),
        ("Ravi", "Kumar", "ravi.kumar@example.com", backend.id),
        ("Lena", "Schmidt", "lena.schmidt@example.com", frontend.id),
        ("Tomás", "García", "tomas.garcia@example.com", None),
    ]
    made = bulk_create(
        session,
        principal,
        BulkCandidates(
            candidates=[
                CandidateCreate.model_validate(
                    {"first_name": first, "last_name": last, "email": email, "job_id": job}
                )
                for first, last, email, job in people
            ]
        ),
    )
    # Sam interviews (weekdays 09:00-17:00 Berlin time): the team interviews are with them, so
    # a candidate's link offers Sam's free times.
    sam = create_user(
        session,
        principal,
        UserCreate(
            email=DEMO_INTERVIEWER,
            first_name="Sam",
            last_name="Weber",
            role="interviewer",
            time_zone="Europe/Berlin",
            working_hours={d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
        ),
        via="demo",
    )
    team_interview = {
        "title": "Team interview",
        "type": "human_interview",
        "interviewer_id": f"usr-{sam.id}",
        "duration_minutes": 45,
    }
    invited = invite(
        session,
        principal,
        InviteIn(
            candidate_id=made[0].model_dump()["id"],
            steps=[
                {"title": "AI screening", "type": "ai_interview", "template_id": template.id},
                team_interview,
            ],
        ),
        public_url=public_url,
        secret=secret,
        default_hours=168,
    )
    # Jane has begun: consented and answered the first question (an interview in progress).
    token = invited.booking_link.url.rsplit("/", 1)[1]
    conversation.consent(session, token, True)
    conversation.answer(
        session,
        token,
        "At my last job I built our hiring dashboard end to end in React and TypeScript. I "
        "owned the frontend, chose server-side pagination to keep it fast, and cut the load "
        "time from 6 s to under 1 s for 50,000 candidates.",
        "demo-1",
        BuiltinProvider(best_encoder()),
        5000,
    )
    # Ravi has a resume attached (the embedded worker parses it once `serve` runs).
    if storage is not None:
        documents.upload(
            session,
            principal,
            storage,
            made[1].model_dump()["id"],
            "Ravi_Kumar_CV.txt",
            DEMO_RESUME.encode(),
        )
    # Lena was invited too and has not started: her link is the one to try in a browser.
    invite(
        session,
        principal,
        InviteIn(candidate_id=made[2].model_dump()["id"], template_id=template.id),
        public_url=public_url,
        secret=secret,
        default_hours=168,
    )
    # Tomás goes straight to a team interview: his link offers Sam's free times (no AI step,
    # so no AI disclosure).
    invite(
        session,
        principal,
        InviteIn(candidate_id=made[3].model_dump()["id"], steps=[team_interview]),
        public_url=public_url,
        secret=secret,
        default_hours=168,
    )
