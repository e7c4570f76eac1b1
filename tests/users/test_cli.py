"""`peoplelens users create` / `reset-password`: the first admin's one-time link (in-process
with click's runner, against the test database)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI

from peoplelens.cli import main
from peoplelens.config import Settings
from tests.factories import TenantHandle, unique_email
from tests.users.people import PASSWORD, browser, form_csrf, sign_in

Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(settings: Settings, tmp_path: Path) -> Runner:
    env = {
        "PEOPLELENS_DATABASE_URL": settings.database_url,
        "PEOPLELENS_PUBLIC_URL": "http://testserver",
        "PEOPLELENS_SECRET_KEY_FILE": str(tmp_path / "secret"),
    }

    def invoke(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, list(args), env=env)
        return result.exit_code, result.stdout, result.stderr

    return invoke


def _path(link: str) -> str:
    assert link.startswith("http://testserver/set-password/"), link
    return link.removeprefix("http://testserver")


def test_create_prints_a_link_that_sets_the_password(
    app: FastAPI,
    tenant: TenantHandle,
    run: Runner,
) -> None:
    email = unique_email("first.admin")
    code, out, err = run(
        "users",
        "create",
        "--tenant",
        tenant.slug,
        "--email",
        email,
        "--role",
        "Admin",
        "--first-name",
        "Ada",
        "--last-name",
        "King",
    )
    assert code == 0, err
    assert "created admin" in err
    link = out.strip().splitlines()[-1]
    b = browser(app)
    path = _path(link)
    token = form_csrf(b, path)
    r = b.post(path, data={"password": PASSWORD, "password_confirm": PASSWORD, "csrf_token": token})
    assert r.status_code == 303
    page = b.get("/me")
    assert "Ada King" in page.text and "admin" in page.text


def test_an_existing_person_gets_a_fresh_link_and_keeps_their_role(
    app: FastAPI,
    tenant: TenantHandle,
    run: Runner,
) -> None:
    email = unique_email("someone")
    _, first, _ = run(
        "users", "create", "--tenant", tenant.slug, "--email", email, "--role", "interviewer"
    )
    code, second, err = run(
        "users", "create", "--tenant", tenant.slug, "--email", email.upper(), "--role", "admin"
    )
    assert code == 0 and "exists: a new link replaces earlier ones" in err and "interviewer" in err
    code, third, _ = run("users", "reset-password", "--tenant", tenant.slug, "--email", email)
    assert code == 0
    b = browser(app)
    assert b.get(_path(first.strip())).status_code == 410
    assert b.get(_path(second.strip())).status_code == 410
    assert b.get(_path(third.strip())).status_code == 200
    assert sign_in(b, tenant.slug, email).status_code == 401  # no password yet


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("users", "create", "--tenant", "no-such-tenant", "--email", "a@b.example"), "no tenant"),
        (("users", "create", "--tenant", "{slug}", "--email", "not-an-email"), "email:"),
        (
            ("users", "create", "--tenant", "{slug}", "--email", "a@b.example", "--role", "boss"),
            "Use one of admin",
        ),
        (
            ("users", "reset-password", "--tenant", "{slug}", "--email", "nobody@b.example"),
            "no user",
        ),
    ],
)
def test_mistakes_are_sentences(
    tenant: TenantHandle,
    run: Runner,
    args: tuple[str, ...],
    said: str,
) -> None:
    code, out, err = run(*(a.format(slug=tenant.slug) for a in args))
    assert code == 1 and said in err and out == ""
