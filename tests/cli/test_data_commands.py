"""`peoplelens candidates list|get` and `peoplelens jobs list`: the API's reads at the console."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner, Result

from peoplelens.cli import main
from peoplelens.config import Settings
from tests.factories import Api, TenantHandle


def _run(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(
        main, list(args), env={"PEOPLELENS_DATABASE_URL": settings.database_url}
    )


def _lines(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_candidates_list_pages_past_one_api_page_and_filters(
    api: Api, settings: Settings, tenant: TenantHandle, other_api: Api
) -> None:
    job = api.job(title="Console job")
    made = [api.candidate(first_name=f"Row{n}", job_id=job["id"]) for n in range(105)]
    api.candidate(first_name="Jobless")
    other_api.candidate(first_name="Elsewhere")
    every = _lines(
        _run(settings, "candidates", "list", "--tenant", tenant.slug, "--json", "--limit", "1000")
    )
    assert len(every) == 106 and "Elsewhere" not in str(every)
    # Newest first, each exactly as the API shows it.
    assert every[0]["first_name"] == "Jobless"
    assert every[1] == api.get(f"/api/v1/candidates/{made[-1]['id']}").json()
    by_job = _lines(
        _run(
            settings,
            "candidates",
            "list",
            "--tenant",
            tenant.slug,
            "--job",
            job["id"],
            "--json",
            "--limit",
            "500",
        )
    )
    assert {c["id"] for c in by_job} == {c["id"] for c in made}
    table = _run(settings, "candidates", "list", "--tenant", tenant.slug, "--q", "jobless")
    assert table.exit_code == 0, table.output
    header, *rows = table.output.splitlines()
    assert header.split()[:4] == ["ID", "FIRST_NAME", "LAST_NAME", "EMAIL"]
    assert len(rows) == 1 and "Jobless" in rows[0]


def test_candidates_get_and_its_errors(
    api: Api, settings: Settings, tenant: TenantHandle, other_api: Api
) -> None:
    mine = api.candidate(first_name="Console")
    result = _run(settings, "candidates", "get", mine["id"], "--tenant", tenant.slug)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == api.get(f"/api/v1/candidates/{mine['id']}").json()
    theirs = other_api.candidate()
    missing = _run(settings, "candidates", "get", theirs["id"], "--tenant", tenant.slug)
    assert missing.exit_code == 1 and "No candidate with id" in missing.output
    bad = _run(settings, "candidates", "get", "job-" + mine["id"][4:], "--tenant", tenant.slug)
    assert bad.exit_code == 2 and "is not a can-<uuid> id" in bad.output
    nobody = _run(settings, "candidates", "list", "--tenant", "no-such-tenant")
    assert nobody.exit_code == 1 and "no tenant 'no-such-tenant'" in nobody.output


def test_jobs_list(api: Api, settings: Settings, tenant: TenantHandle) -> None:
    open_job = api.job(title="Open role")
    closed = api.job(title="Closed role")
    api.put(f"/api/v1/jobs/{closed['id']}", json={"status": "closed"})
    rows = _lines(_run(settings, "jobs", "list", "--tenant", tenant.slug, "--json"))
    assert [j["id"] for j in rows] == [closed["id"], open_job["id"]]
    only_closed = _lines(
        _run(settings, "jobs", "list", "--tenant", tenant.slug, "--status", "closed", "--json")
    )
    assert [j["title"] for j in only_closed] == ["Closed role"]
    assert only_closed[0] == api.get(f"/api/v1/jobs/{closed['id']}").json()
