"""`peoplelens import candidates` and `peoplelens export candidates`, as an operator runs them
(a real process on the test database)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

from peoplelens.db import Database
from tests.candidates.csv_files import HEADER, people, utf8, windows_1252
from tests.factories import Api, TenantHandle, make_tenant
from tests.live_server import cli, server_env

FIELDS = ("first_name", "last_name", "email", "phone", "linkedin_url", "external_id", "metadata")


def env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return server_env(database_url, tmp_path, None, PEOPLELENS_ENV="test")


def summary(stdout: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    return found


def all_candidates(api: Api) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        page = api.get("/api/v1/candidates", params=params).json()
        out.extend(page["data"])
        cursor = page["pagination"]["next_cursor"]
        if not cursor:
            return out


class TestImportCommand:
    def test_imports_with_a_summary(
        self, database_url: str, tmp_path: Path, tenant: TenantHandle, api: Api
    ) -> None:
        tag = uuid.uuid4().hex[:8]
        path = tmp_path / "people.csv"
        path.write_bytes(
            windows_1252(
                [
                    ["Vorname", "Nachname", "E-Mail"],
                    ["Jürgen", "Groß", f"j.{tag}@example.com"],
                    *people(3, tag=tag),
                ]
            )
        )
        done = cli(
            env(database_url, tmp_path), "import", "candidates", str(path), "--tenant", tenant.slug
        )
        assert done.returncode == 0, done.stderr
        out = summary(done.stdout)
        assert (out["status"], out["created"], out["rejected"]) == ("completed", 4, 0)
        assert "4 created" in done.stderr
        shown = api.get("/api/v1/candidates", params={"email": f"j.{tag}@example.com"}).json()
        assert shown["data"][0]["last_name"] == "Groß"
        imported = api.get(f"/api/v1/candidates/imports/{out['id']}").json()
        assert imported["encoding"] == "cp1252"

    def test_rejected_rows_exit_3_and_are_listed(
        self, database_url: str, tmp_path: Path, tenant: TenantHandle
    ) -> None:
        path = tmp_path / "people.csv"
        path.write_bytes(utf8([list(HEADER), *people(2), ["Bad", "Row", "not-an-email"]]))
        done = cli(
            env(database_url, tmp_path), "import", "candidates", str(path), "--tenant", tenant.slug
        )
        assert done.returncode == 3, done.stderr
        assert (summary(done.stdout)["created"], summary(done.stdout)["rejected"]) == (2, 1)
        assert "first rejected rows" in done.stderr
        assert "not a valid email" in done.stderr

    def test_all_or_nothing_fails_with_1(
        self, database_url: str, tmp_path: Path, tenant: TenantHandle, api: Api
    ) -> None:
        tag = uuid.uuid4().hex[:8]
        path = tmp_path / "people.csv"
        path.write_bytes(
            utf8([list(HEADER), *people(2, tag=tag), ["Bad", "", f"b.{tag}@example.com"]])
        )
        done = cli(
            env(database_url, tmp_path),
            "import",
            "candidates",
            str(path),
            "--tenant",
            tenant.slug,
            "--all-or-nothing",
        )
        assert done.returncode == 1, done.stderr
        assert summary(done.stdout)["created"] == 0
        assert api.get("/api/v1/candidates", params={"q": tag}).json()["data"] == []

    def test_a_file_that_is_not_csv_is_refused(
        self, database_url: str, tmp_path: Path, tenant: TenantHandle
    ) -> None:
        path = tmp_path / "book.xlsx"
        path.write_bytes(b"PK\x03\x04 a workbook")
        done = cli(
            env(database_url, tmp_path), "import", "candidates", str(path), "--tenant", tenant.slug
        )
        assert done.returncode == 1
        assert "not a CSV file" in done.stderr

    def test_the_job_option(
        self, database_url: str, tmp_path: Path, tenant: TenantHandle, api: Api
    ) -> None:
        job = api.job()
        tag = uuid.uuid4().hex[:8]
        path = tmp_path / "people.csv"
        path.write_bytes(utf8([list(HEADER), *people(1, tag=tag)]))
        args = ("import", "candidates", str(path), "--tenant", tenant.slug, "--job", job["id"])
        assert cli(env(database_url, tmp_path), *args).returncode == 0
        shown = api.get("/api/v1/candidates", params={"email": f"p0.{tag}@example.com"}).json()
        assert shown["data"][0]["job_id"] == job["id"]


class TestExportCommand:
    def _tenant_with_candidates(self, api: Api) -> None:
        tag = uuid.uuid4().hex[:8]
        made = [
            {
                "first_name": "=1+1",
                "last_name": "@Risk",
                "email": f"f.{tag}@example.com",
                "phone": "+44 20 7946 0000",
                "metadata": {"team": "a;b", "n": 1},
            },
            {
                "first_name": "Zoë",
                "last_name": "O'Brien, Jr.",
                "email": f"z.{tag}@example.com",
                "linkedin_url": "https://www.linkedin.com/in/zoe",
                "external_id": f"ext-{tag}",
            },
            {"first_name": "Line", "last_name": "Break\nInside", "email": f"l.{tag}@example.com"},
        ]
        for body in made:
            assert api.post("/api/v1/candidates", json=body).status_code == 201

    def test_csv_round_trip_into_another_tenant(
        self,
        database_url: str,
        tmp_path: Path,
        tenant: TenantHandle,
        api: Api,
        db: Database,
        client: Any,
    ) -> None:
        self._tenant_with_candidates(api)
        out = tmp_path / "export.csv"
        e = env(database_url, tmp_path)
        done = cli(
            e,
            "export",
            "candidates",
            "--tenant",
            tenant.slug,
            "--format",
            "csv",
            "--output",
            str(out),
        )
        assert done.returncode == 0, done.stderr
        data = out.read_bytes()
        assert data.startswith(codecs.BOM_UTF8)
        cells = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        by_mail = {row["email"]: row for row in cells}
        formula = next(row for row in cells if row["email"].startswith("f."))
        assert formula["first_name"] == "'=1+1"
        assert formula["phone"] == "'+44 20 7946 0000"
        assert not any(
            value.startswith(("=", "+", "-", "@")) for row in cells for value in row.values()
        )
        assert len(by_mail) == 3

        target = make_tenant(db)
        done = cli(e, "import", "candidates", str(out), "--tenant", target.slug)
        assert done.returncode == 0, done.stderr
        assert summary(done.stdout)["created"] == 3

        def shown(a: Api) -> list[tuple[Any, ...]]:
            return sorted(
                tuple(json.dumps(c[f]) for f in (*FIELDS, "status", "stage"))
                for c in all_candidates(a)
            )

        assert shown(Api(client, target.key)) == shown(api)

    def test_jsonl_is_the_api_shape(
        self, database_url: str, tmp_path: Path, tenant: TenantHandle, api: Api
    ) -> None:
        self._tenant_with_candidates(api)
        done = cli(
            env(database_url, tmp_path),
            "export",
            "candidates",
            "--tenant",
            tenant.slug,
            "--format",
            "jsonl",
        )
        assert done.returncode == 0, done.stderr
        exported = [json.loads(line) for line in done.stdout.splitlines()]
        assert sorted(exported, key=lambda c: c["id"]) == sorted(
            all_candidates(api), key=lambda c: c["id"]
        )
