"""POST /candidates/import and GET /candidates/imports/{id} (spec §14), with the real worker
task run as the worker runs it (tests.factories.run_tasks)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from peoplelens.candidates.imports import runner
from peoplelens.candidates.imports.repository import ImportRepository
from peoplelens.db import Database
from peoplelens.kit.ids import try_parse
from peoplelens.models import AuditEntry, CandidateImport, Event
from tests.candidates.csv_files import HEADER, excel_unicode_text, people, utf8, windows_1252
from tests.factories import Api, TenantHandle, make_tenant, run_tasks

IMPORT = "/api/v1/candidates/import"


def upload(api: Api, data: bytes, name: str = "people.csv", **form: str) -> httpx.Response:
    return api.post(IMPORT, files={"file": (name, data, "text/csv")}, data=form)


def finished(api: Api, client: TestClient, answer: httpx.Response, **params: Any) -> dict[str, Any]:
    assert answer.status_code == 202, answer.text
    run_tasks(client)
    r = api.get(
        f"/api/v1/candidates/imports/{answer.json()['id']}", params={"limit": 100, **params}
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def by_email(api: Api, email: str) -> dict[str, Any] | None:
    found = api.get("/api/v1/candidates", params={"email": email}).json()["data"]
    return found[0] if found else None


def lines(body: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {line["row"]: line for line in body["rows"]["data"]}


ACCENTED = [["Zoë", "Müller"], ["José", "Señor"]]


def accented(tag: str) -> list[list[str]]:
    return [list(HEADER)] + [
        [f, last, f"{i}.{tag}@example.com"] for i, (f, last) in enumerate(ACCENTED)
    ]


FORMATS: dict[str, Callable[[list[list[str]]], bytes]] = {
    "utf8": utf8,
    "utf8-bom": lambda rows: utf8(rows, bom=True),
    "semicolon": lambda rows: utf8(rows, delimiter=";"),
    "tab": lambda rows: utf8(rows, delimiter="\t"),
    "excel-unicode-text": excel_unicode_text,
    "windows-1252": windows_1252,
}


class TestImport:
    @pytest.mark.parametrize("fmt", sorted(FORMATS))
    def test_every_format_imports(self, api: Api, client: TestClient, fmt: str) -> None:
        tag = uuid.uuid4().hex[:8]
        body = finished(api, client, upload(api, FORMATS[fmt](accented(tag))))
        assert (body["status"], body["created"], body["total"]) == ("completed", 2, 2)
        shown = by_email(api, f"0.{tag}@example.com")
        assert shown is not None
        assert (shown["first_name"], shown["last_name"]) == ("Zoë", "Müller")
        assert by_email(api, f"1.{tag}@example.com") is not None

    def test_answer_is_202_with_progress_and_location(self, api: Api) -> None:
        r = upload(api, utf8([list(HEADER), *people(3)], bom=True))
        assert r.status_code == 202, r.text
        body = r.json()
        assert body["id"].startswith("imp-")
        assert r.headers["location"] == f"/api/v1/candidates/imports/{body['id']}"
        assert body["status"] == "queued"
        assert (body["total"], body["processed"], body["encoding"]) == (3, 0, "utf-8-sig")
        assert body["columns"] == {"first_name": 1, "last_name": 2, "email": 3}

    def test_duplicates_in_the_file_and_in_the_database_are_skipped(
        self, api: Api, client: TestClient
    ) -> None:
        tag = uuid.uuid4().hex[:8]
        existing = api.post(
            "/api/v1/candidates",
            json={"first_name": "Old", "last_name": "One", "email": f"old.{tag}@example.com"},
        ).json()
        data = utf8(
            [
                list(HEADER),
                ["New", "One", f"new.{tag}@example.com"],
                ["Old", "Again", f"OLD.{tag}@Example.com"],
                ["New", "Twice", f"New.{tag}@example.com"],
            ]
        )
        body = finished(api, client, upload(api, data))
        assert (body["created"], body["skipped"], body["rejected"]) == (1, 2, 0)
        report = lines(body)
        assert report[2]["outcome"] == "created"
        assert report[3]["code"] == "duplicate_email"
        assert report[3]["candidate_id"] == existing["id"]
        assert report[4]["code"] == "duplicate_in_file"
        assert report[4]["message"] == "The e-mail repeats row 2 of this file."
        assert report[4]["candidate_id"] == report[2]["candidate_id"]
        assert by_email(api, f"old.{tag}@example.com")["last_name"] == "One"  # type: ignore[index]

    def test_a_repeat_in_a_later_batch_is_named_as_a_repeat(
        self, api: Api, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(runner, "BATCH_ROWS", 2)
        tag = uuid.uuid4().hex[:8]
        rows = [list(HEADER), *people(4, tag=tag), ["Again", "Zero", f"p0.{tag}@example.com"]]
        body = finished(api, client, upload(api, utf8(rows)))
        assert (body["created"], body["skipped"]) == (4, 1)
        assert lines(body)[6]["code"] == "duplicate_in_file"
        assert lines(body)[6]["message"] == "The e-mail repeats row 2 of this file."

    def test_invalid_rows_are_rejected_and_the_others_imported(
        self, api: Api, client: TestClient
    ) -> None:
        tag = uuid.uuid4().hex[:8]
        job = api.job()
        data = utf8(
            [
                ["First name", "Last name", "E-mail", "Stage", "Job ID", "External ID"],
                ["Good", "One", f"good.{tag}@example.com", "", job["id"], f"x-{tag}"],
                ["Bad", "Mail", "not-an-address", "", "", ""],
                ["No", "", f"nolast.{tag}@example.com", "", "", ""],
                ["Bad", "Stage", f"stage.{tag}@example.com", "nowhere", "", ""],
                ["Bad", "Job", f"job.{tag}@example.com", "", f"job-{uuid.uuid4()}", ""],
                ["Same", "Ext", f"ext.{tag}@example.com", "", "", f"x-{tag}"],
                ["Good", "Two", f"good2.{tag}@example.com", "offer", "", ""],
            ]
        )
        body = finished(api, client, upload(api, data))
        assert (body["status"], body["created"], body["rejected"]) == ("completed", 2, 5)
        report = lines(body)
        assert (report[3]["code"], report[3]["param"]) == ("invalid_value", "email")
        assert report[3]["email"] == "not-an-address"
        assert (report[4]["code"], report[4]["param"]) == ("invalid_value", "last_name")
        assert (report[5]["code"], report[5]["param"]) == ("invalid_stage", "stage")
        assert (report[6]["code"], report[6]["param"]) == ("job_not_found", "job_id")
        assert (report[7]["code"], report[7]["outcome"]) == ("duplicate_in_file", "rejected")
        good = by_email(api, f"good.{tag}@example.com")
        assert good is not None and good["job_id"] == job["id"]
        assert by_email(api, f"good2.{tag}@example.com")["stage"] == "offer"  # type: ignore[index]

    def test_excels_sep_line_names_the_delimiter(self, api: Api, client: TestClient) -> None:
        """Excel writes (and reads) a ``sep=;`` line above the header."""
        tag = uuid.uuid4().hex[:8]
        data = f"sep=;\r\nfirst_name;last_name;email\r\nAda;Lovelace;sep.{tag}@example.com\r\n"
        body = finished(api, client, upload(api, data.encode()))
        assert (body["status"], body["created"], body["delimiter"]) == ("completed", 1, ";")
        assert by_email(api, f"sep.{tag}@example.com")["last_name"] == "Lovelace"  # type: ignore[index]

    def test_a_quote_left_open_is_named_not_silent(self, api: Api, client: TestClient) -> None:
        """An opening quote never closed swallows the lines after it into one cell: that
        row is rejected saying so (the rows before it are imported)."""
        tag = uuid.uuid4().hex[:8]
        data = (
            f"first_name,last_name,email\nFine,Row,fine.{tag}@example.com\n"
            f'A,"B,open.{tag}@example.com\nC,D,c.{tag}@example.com\n'
        )
        body = finished(api, client, upload(api, data.encode()))
        assert (body["created"], body["rejected"]) == (1, 1)
        line = lines(body)[3]
        assert (line["code"], line["param"]) == ("unclosed_quote", "last_name")
        assert "never closed" in line["message"]

    def test_formula_cells_are_stored_as_text(self, api: Api, client: TestClient) -> None:
        tag = uuid.uuid4().hex[:8]
        data = utf8(
            [
                [*HEADER, "Phone"],
                ['=HYPERLINK("http://x")', "@SUM(A1)", f"f.{tag}@example.com", "+44 20 7946 0000"],
            ]
        )
        body = finished(api, client, upload(api, data))
        assert body["created"] == 1
        shown = by_email(api, f"f.{tag}@example.com")
        assert shown is not None
        assert shown["first_name"] == '=HYPERLINK("http://x")'
        assert shown["last_name"] == "@SUM(A1)"
        assert shown["phone"] == "+44 20 7946 0000"

    def test_job_id_applies_to_rows_naming_none(self, api: Api, client: TestClient) -> None:
        job = api.job()
        tag = uuid.uuid4().hex[:8]
        body = finished(
            api, client, upload(api, utf8([list(HEADER), *people(2, tag=tag)]), job_id=job["id"])
        )
        assert body["job_id"] == job["id"]
        assert by_email(api, f"p1.{tag}@example.com")["job_id"] == job["id"]  # type: ignore[index]

    def test_the_job_of_an_import_can_still_be_deleted(self, api: Api, client: TestClient) -> None:
        job = api.job()
        data = utf8([list(HEADER), ["Bad", "Mail", "nope"]])
        assert finished(api, client, upload(api, data, job_id=job["id"]))["rejected"] == 1
        assert api.delete(f"/api/v1/jobs/{job['id']}").status_code == 200

    def test_an_unknown_job_is_404(self, api: Api) -> None:
        r = upload(api, utf8([list(HEADER), *people(1)]), job_id=f"job-{uuid.uuid4()}")
        assert r.status_code == 404
        assert r.json()["error"]["param"] == "job_id"

    def test_every_created_row_has_its_event_and_audit_entry(
        self, api: Api, client: TestClient, tenant: TenantHandle, db: Database
    ) -> None:
        tag = uuid.uuid4().hex[:8]
        body = finished(api, client, upload(api, utf8([list(HEADER), *people(3, tag=tag)])))
        ids = {line["candidate_id"] for line in body["rows"]["data"]}
        with db.read_session() as session:
            events = session.scalars(
                select(Event).where(Event.tenant_id == tenant.id, Event.type == "candidate.created")
            ).all()
            audit = session.scalars(
                select(AuditEntry).where(
                    AuditEntry.tenant_id == tenant.id, AuditEntry.action == "CANDIDATE_CREATED"
                )
            ).all()
        assert {e.payload["data"]["id"] for e in events} >= ids
        imported = [a for a in audit if a.details.get("import") == body["id"]]
        assert {a.entity_id for a in imported} == ids
        assert all(a.details.get("key_id") for a in imported)  # the key that uploaded

    def test_the_uploaded_file_is_removed_when_done(
        self, api: Api, client: TestClient, tenant: TenantHandle, db: Database
    ) -> None:
        r = upload(api, utf8([list(HEADER), *people(1)]))
        import_id = try_parse("imp", r.json()["id"])
        with db.read_session() as session:
            key = session.get(CandidateImport, import_id).storage_key  # type: ignore[union-attr]
        storage = client.app.state.runtime.storage  # type: ignore[attr-defined]
        assert key is not None and storage.exists(key)
        assert finished(api, client, r)["status"] == "completed"
        assert not storage.exists(key)


class TestModes:
    def test_all_or_nothing_imports_nothing_when_a_row_is_rejected(
        self, api: Api, client: TestClient
    ) -> None:
        tag = uuid.uuid4().hex[:8]
        rows = [list(HEADER), *people(3, tag=tag), ["Bad", "Row", "nope"]]
        body = finished(api, client, upload(api, utf8(rows), all_or_nothing="true"))
        assert body["all_or_nothing"] is True
        assert (body["status"], body["created"], body["rejected"]) == ("failed", 0, 1)
        assert "nothing was imported" in body["error"]
        assert [line["row"] for line in body["rows"]["data"]] == [5]
        assert by_email(api, f"p0.{tag}@example.com") is None

    def test_all_or_nothing_imports_everything_when_all_pass(
        self, api: Api, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(runner, "BATCH_ROWS", 2)
        tag = uuid.uuid4().hex[:8]
        rows = [list(HEADER), *people(5, tag=tag), ["Dup", "Row", f"p0.{tag}@example.com"]]
        body = finished(api, client, upload(api, utf8(rows), all_or_nothing="true"))
        assert (body["status"], body["created"], body["skipped"]) == ("completed", 5, 1)
        assert lines(body)[7]["code"] == "duplicate_in_file"
        assert by_email(api, f"p4.{tag}@example.com") is not None

    def test_rows_beyond_the_quota_are_rejected(self, client: TestClient, db: Database) -> None:
        capped = Api(client, make_tenant(db, candidate_quota=3).key)
        body = finished(capped, client, upload(capped, utf8([list(HEADER), *people(5)])))
        assert (body["created"], body["rejected"]) == (3, 2)
        assert {line["code"] for line in body["rows"]["data"][3:]} == {"quota_exceeded"}
        assert capped.get("/api/v1/candidates").json()["pagination"]["total"] == 3

    def test_a_crash_resumes_after_the_last_committed_batch(
        self,
        api: Api,
        client: TestClient,
        tenant: TenantHandle,
        db: Database,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The process dies after its first batch committed: the retry creates the rest, no row
        twice, every row once in the report."""
        monkeypatch.setattr(runner, "BATCH_ROWS", 3)
        tag = uuid.uuid4().hex[:8]
        data = utf8([list(HEADER), *people(8, tag=tag)])
        r = upload(api, data)
        import_id = try_parse("imp", r.json()["id"])
        assert import_id is not None

        def crash(_: runner.Snapshot) -> None:
            raise SystemExit("killed")

        with pytest.raises(SystemExit):
            runner.run_import(db, tenant.id, import_id, lambda: _bytes(data), crash)
        half = api.get(f"/api/v1/candidates/imports/{r.json()['id']}").json()
        assert (half["status"], half["processed"], half["created"]) == ("running", 3, 3)

        body = finished(api, client, r)
        assert (body["status"], body["created"], body["skipped"]) == ("completed", 8, 0)
        assert body["rows"]["pagination"]["total"] == 8
        listed = api.get("/api/v1/candidates", params={"q": tag, "limit": 100}).json()
        assert listed["pagination"]["total"] == 8

    def test_a_second_run_cannot_move_the_marker_it_did_not_read(
        self, api: Api, tenant: TenantHandle, db: Database
    ) -> None:
        r = upload(api, utf8([list(HEADER), *people(2)]))
        import_id = try_parse("imp", r.json()["id"])
        assert import_id is not None
        with db.write_session() as session:
            repo = ImportRepository(session, _system(tenant))
            assert repo.advance(import_id, 2, next_row=3)
            assert not repo.advance(import_id, 2, next_row=4)
            session.rollback()


class TestRefusals:
    @pytest.mark.parametrize(
        ("data", "status", "code"),
        [
            (b"PK\x03\x04workbook", 415, "not_csv"),
            (b"", 422, "empty_file"),
            (b"first_name,last_name,email\r\n", 422, "empty_file"),
            (b"first_name,last_name\r\nA,B\r\n", 422, "missing_column"),
        ],
    )
    def test_a_file_that_is_not_a_csv_of_candidates(
        self, api: Api, data: bytes, status: int, code: str
    ) -> None:
        r = upload(api, data)
        assert r.status_code == status, r.text
        assert (r.json()["error"]["code"], r.json()["error"]["param"]) == (code, "file")

    def test_json_is_415_and_no_file_is_422(self, api: Api) -> None:
        assert api.post(IMPORT, json={"file": "x"}).status_code == 415
        r = api.post(IMPORT, files={"other": ("a.csv", b"x", "text/csv")})
        assert r.status_code == 422
        assert r.json()["error"]["param"] == "file"

    def test_another_method_on_the_import_path_is_405(self, api: Api) -> None:
        """Not a 415 from PATCH /candidates/{id} reading 'import' as an id."""
        files = {"file": ("a.csv", b"x", "text/csv")}
        r = api.request("PATCH", IMPORT, files=files)
        assert (r.status_code, r.headers["allow"]) == (405, "POST")
        candidate = api.post(
            "/api/v1/candidates",
            json={"first_name": "A", "last_name": "B", "email": f"{uuid.uuid4().hex}@example.com"},
        ).json()
        r = api.request("PATCH", f"/api/v1/candidates/{candidate['id']}", files=files)
        assert r.status_code == 415

    def test_the_import_limit_is_its_own(self, api: Api) -> None:
        """11 MiB passes the import's limit (32 MiB) though it is over the 10 MiB of other
        uploads; over the import's limit → 413."""
        big = b"first_name,last_name,phone\r\n" + b"A,B,1\r\n" * (11 * 1024 * 1024 // 7)
        r = upload(api, big)
        assert (r.status_code, r.json()["error"]["code"]) == (422, "missing_column")
        r = upload(api, b"x" * (33 * 1024 * 1024))
        assert r.status_code == 413
        assert r.json()["error"]["type"] == "invalid_request_error"

    def test_another_tenants_import_is_404(self, api: Api, other_api: Api) -> None:
        r = upload(api, utf8([list(HEADER), *people(1)]))
        assert other_api.get(f"/api/v1/candidates/imports/{r.json()['id']}").status_code == 404
        assert api.get(f"/api/v1/candidates/imports/imp-{uuid.uuid4()}").status_code == 404

    def test_an_idempotency_key_replays_the_first_answer(
        self, api: Api, tenant: TenantHandle, db: Database
    ) -> None:
        data = utf8([list(HEADER), *people(1)])
        headers = {"Idempotency-Key": uuid.uuid4().hex}
        first = api.post(IMPORT, files={"file": ("a.csv", data, "text/csv")}, headers=headers)
        again = api.post(IMPORT, files={"file": ("a.csv", data, "text/csv")}, headers=headers)
        assert first.status_code == again.status_code == 202
        assert first.json()["id"] == again.json()["id"]


class TestReport:
    def test_rows_page_by_cursor_and_filter(
        self, api: Api, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(runner, "BATCH_ROWS", 40)
        tag = uuid.uuid4().hex[:8]
        rows = [list(HEADER), *people(120, tag=tag), ["x", "y", "bad"]]
        r = upload(api, utf8(rows))
        body = finished(api, client, r, limit=50)
        assert body["rows"]["pagination"]["total"] == 121
        assert body["rows"]["pagination"]["next_cursor"] == "51"
        path = f"/api/v1/candidates/imports/{r.json()['id']}"
        page = api.get(path, params={"limit": 100, "cursor": "51"}).json()["rows"]
        assert [line["row"] for line in page["data"]] == list(range(52, 123))
        assert page["pagination"]["next_cursor"] is None
        bad = api.get(path, params={"outcome": "rejected"}).json()["rows"]
        assert [(x["row"], x["code"]) for x in bad["data"]] == [(122, "invalid_value")]
        assert api.get(path, params={"offset": 120}).json()["rows"]["data"][0]["row"] == 122


def _bytes(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def _system(tenant: TenantHandle) -> Any:
    from peoplelens.auth.principal import Principal

    return Principal.system(tenant.id)


@pytest.mark.slow
def test_100k_rows(api: Api, client: TestClient) -> None:
    tag = uuid.uuid4().hex[:8]
    data = utf8([[*HEADER, "Phone"], *([*p, "+44 20 7946 0000"] for p in people(100_000, tag=tag))])
    body = finished(api, client, upload(api, data, name="big.csv"))
    assert (body["status"], body["total"], body["created"]) == ("completed", 100_000, 100_000)
    last = by_email(api, f"p99999.{tag}@example.com")
    assert last is not None and last["phone"] == "+44 20 7946 0000"
