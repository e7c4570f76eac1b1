"""What the built-in template generator knows about skills: names, aliases, and what a good
answer about each one covers (the expected-answer rubric of a generated question).

``aliases`` are other spellings of the skill itself; ``related`` are further words that bring
the topic up in a job description (a tool, a role) without being its name. The resume parser
reads names and aliases only (through :mod:`peoplelens.ai.skill_names`): "PyTorch" on a
resume is PyTorch, not "Machine learning"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skill:
    name: str
    aliases: tuple[str, ...]
    kind: str  # language | framework | platform | data | practice
    concepts: str  # what a strong answer mentions
    related: tuple[str, ...] = ()  # words that bring the topic up without naming it


SKILLS: tuple[Skill, ...] = (
    Skill(
        "Go",
        ("go", "golang"),
        "language",
        "goroutines and channels, context cancellation, explicit error handling, interfaces, "
        "profiling with pprof, table-driven tests",
    ),
    Skill(
        "Python",
        ("python",),
        "language",
        "typing, packaging and virtual environments, async IO, testing with pytest, "
        "profiling, the GIL and concurrency trade-offs",
    ),
    Skill(
        "Java",
        ("java",),
        "language",
        "JVM memory and garbage collection, concurrency utilities, Spring, testing, build tooling",
    ),
    Skill(
        "TypeScript",
        ("typescript", "ts"),
        "language",
        "static types and generics, strict mode, type narrowing, build tooling, "
        "sharing types between client and server",
    ),
    Skill(
        "JavaScript",
        ("javascript", "js", "ecmascript", "es6"),
        "language",
        "the event loop, promises and async/await, modules, performance, testing",
        related=("node", "node.js", "nodejs"),
    ),
    Skill(
        "Rust",
        ("rust",),
        "language",
        "ownership and borrowing, lifetimes, error handling with Result, async runtimes, "
        "unsafe boundaries",
    ),
    Skill(
        "C#",
        ("c#",),
        "language",
        "async/await, LINQ, dependency injection, memory and performance, testing",
        related=(".net", "dotnet"),
    ),
    Skill(
        "SQL",
        ("sql",),
        "data",
        "joins and indexes, query plans, transactions and isolation, normalisation",
    ),
    Skill(
        "React",
        ("react", "react.js", "reactjs"),
        "framework",
        "components and hooks, state management, rendering performance and memoization, "
        "accessibility, testing",
    ),
    Skill(
        "Django",
        ("django",),
        "framework",
        "ORM and migrations, query optimisation, security middleware, testing",
    ),
    Skill(
        "Kubernetes",
        ("kubernetes", "k8s"),
        "platform",
        "deployments and rollouts, liveness and readiness probes, resource requests and "
        "limits, autoscaling, debugging failing pods",
    ),
    Skill(
        "Docker",
        ("docker",),
        "platform",
        "image layers and size, multi-stage builds, security of base images, networking",
        related=("containers",),
    ),
    Skill(
        "AWS",
        ("aws", "amazon web services"),
        "platform",
        "IAM least privilege, networking with VPCs, managed databases, cost control, "
        "infrastructure as code",
    ),
    Skill(
        "GCP",
        ("gcp", "google cloud", "google cloud platform"),
        "platform",
        "IAM, GKE, Cloud SQL, networking, cost control, infrastructure as code",
    ),
    Skill(
        "Terraform",
        ("terraform",),
        "platform",
        "state management, modules, plan and apply workflow, drift, secrets",
    ),
    Skill(
        "PostgreSQL",
        ("postgresql", "postgres"),
        "data",
        "indexes and query plans, transactions and locking, replication and backups, "
        "migrations without downtime",
    ),
    Skill(
        "Kafka",
        ("kafka",),
        "data",
        "partitions and consumer groups, ordering, delivery guarantees, back-pressure",
    ),
    Skill(
        "Redis",
        ("redis",),
        "data",
        "data structures, expiry and eviction, persistence, caching patterns",
    ),
    Skill(
        "Machine learning",
        ("machine learning", "ml"),
        "practice",
        "problem framing, data quality, evaluation metrics, overfitting, deployment and "
        "monitoring of models",
        related=("pytorch", "tensorflow"),
    ),
    Skill(
        "CI/CD",
        ("ci/cd", "ci", "continuous integration", "continuous delivery"),
        "practice",
        "pipeline design, fast reliable tests, deployment strategies, rollbacks",
    ),
    Skill(
        "Microservices",
        ("microservices",),
        "practice",
        "service boundaries, API contracts, failure handling and retries, observability, "
        "data consistency",
        related=("distributed systems",),
    ),
    Skill(
        "Security",
        ("security", "appsec"),
        "practice",
        "threat modelling, authentication and authorisation, input validation, secrets, "
        "dependency risk",
        related=("owasp",),
    ),
    Skill(
        "Sales",
        ("sales", "b2b sales"),
        "practice",
        "pipeline building, discovery questions, objection handling, closing, forecasting",
        related=("account executive",),
    ),
    Skill(
        "Customer support",
        ("customer support",),
        "practice",
        "empathy, de-escalation, clear written communication, knowledge base, SLAs",
        related=("customer success", "support"),
    ),
    Skill(
        "Product management",
        ("product management",),
        "practice",
        "discovery with users, prioritisation frameworks, metrics, stakeholder alignment, "
        "trade-offs",
        related=("product manager", "roadmap"),
    ),
    Skill(
        "Design",
        (),
        "practice",
        "user research, prototyping, usability testing, design systems, accessibility",
        related=("ux", "ui", "figma", "user research", "design system"),
    ),
    Skill(
        "Data analysis",
        ("data analysis",),
        "practice",
        "cleaning data, choosing metrics, statistical pitfalls, communicating findings",
        related=("analytics", "excel", "tableau", "power bi"),
    ),
    Skill(
        "Recruiting",
        ("recruiting", "talent acquisition"),
        "practice",
        "sourcing channels, structured interviews, candidate experience, pipeline metrics",
        related=("recruiter", "sourcing"),
    ),
)

ROLE_WORDS = (
    "engineer",
    "developer",
    "manager",
    "designer",
    "analyst",
    "scientist",
    "architect",
    "lead",
    "specialist",
    "coordinator",
    "representative",
    "executive",
    "consultant",
    "administrator",
    "recruiter",
    "director",
)
