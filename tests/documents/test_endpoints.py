"""Documents over HTTP (spec §2): upload, list with signed links, download, delete."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.documents import links
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import Event
from tests.documents.render import encrypted, pdf_lines, pdf_shapes, zipped
from tests.factories import Api, run_tasks

RESUME = (
    b"Ada Example\nada.example@example.com | +44 20 7946 0321\n\nSummary\nBackend engineer.\n\n"
    b"Skills\nPython, Go, PostgreSQL\n"
)


def _upload(
    api: Api, candidate_id: str, data: bytes = RESUME, name: str = "Ada CV.txt"
) -> dict[str, Any]:
    r = api.post(
        f"/api/v1/candidates/{candidate_id}/documents",
        files={"file": (name, data, "application/octet-stream")},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def _storage_root(settings: Settings) -> Path:
    return Path(settings.storage_url.removeprefix("file://"))


def _files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_upload_answers_the_doc_shape_judged_by_content(api: Api) -> None:
    cand = api.candidate()
    doc = _upload(api, cand["id"], name="../../etc/Ada CV.pdf")
    assert set(doc) >= {"id", "candidate_id", "file_name", "file_path", "file_type", "file_size"}
    assert doc["id"].startswith("doc-") and doc["candidate_id"] == cand["id"]
    # The name says .pdf; the content is text: the type is judged by the content.
    assert doc["file_type"] == "text/plain"
    assert doc["file_size"] == len(RESUME)
    # No path parts; the judged format's extension (a text file never opens as a PDF).
    assert doc["file_name"] == "Ada CV.pdf.txt"
    slug, cand_uuid, last = doc["file_path"].split("/")
    assert slug
    assert cand_uuid == str(try_parse("can", cand["id"]))
    assert last == f"{try_parse('doc', doc['id'])}-Ada_CV.pdf.txt"
    assert doc["parse_status"] == "queued"


def test_list_is_a_top_level_array_with_camel_case_signed_urls(
    api: Api, client: TestClient, settings: Settings
) -> None:
    cand = api.candidate()
    first = _upload(api, cand["id"], name="one.txt")
    second = _upload(api, cand["id"], RESUME + b"\nMore", name="two.txt")
    r = api.get(f"/api/v1/candidates/{cand['id']}/documents")
    assert r.status_code == 200
    listed = r.json()
    assert isinstance(listed, list)
    assert [d["id"] for d in listed] == [second["id"], first["id"]]  # newest first
    url = listed[1]["signedUrl"]
    assert "signed_url" not in listed[1]
    assert url.startswith(settings.public_url + "/api/v1/documents/")
    # No API key: the signature is the credential.
    got = client.get(url.removeprefix(settings.public_url))
    assert got.status_code == 200
    assert got.content == RESUME
    assert got.headers["content-type"].startswith("text/plain")
    assert got.headers["content-disposition"].startswith("attachment;")
    assert 'filename="one.txt"' in got.headers["content-disposition"]
    assert got.headers["x-content-type-options"] == "nosniff"


def test_a_tampered_or_expired_link_is_refused(
    api: Api, client: TestClient, settings: Settings
) -> None:
    cand = api.candidate()
    _upload(api, cand["id"])
    url = api.get(f"/api/v1/candidates/{cand['id']}/documents").json()[0]["signedUrl"]
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    expires, signature = query["expires"][0], query["signature"][0]
    later = str(int(expires) + 3600)
    for changed in (
        f"{parts.path}?expires={later}&signature={signature}",
        f"{parts.path}?expires={expires}&signature={signature[:-2]}AA",
        f"{parts.path}?expires={expires}",
        parts.path,
        f"{parts.path}?expires=abc&signature={signature}",
    ):
        r = client.get(changed)
        assert r.status_code == 403, changed
        assert r.json()["error"]["type"] == "permission_error"
    # Another document's id with this signature: refused too.
    other = _upload(api, api.candidate()["id"])
    r = client.get(
        f"/api/v1/documents/{other['id']}/download?expires={expires}&signature={signature}"
    )
    assert r.status_code == 403
    # Expired: a link made to end a second ago.
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    doc_id = try_parse("doc", other["id"])
    assert doc_id is not None
    old = links.signed_url(
        settings.public_url, runtime.secret_key, doc_id, now=utcnow(), ttl_seconds=-1
    )
    r = client.get(old.removeprefix(settings.public_url))
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "link_expired"


def test_other_types_are_refused_by_content(api: Api) -> None:
    cand = api.candidate()
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8
    r = api.post(
        f"/api/v1/candidates/{cand['id']}/documents",
        files={"file": ("resume.pdf", elf, "application/pdf")},
    )
    assert r.status_code == 415, r.text
    assert r.json()["error"]["param"] == "file"
    assert api.get(f"/api/v1/candidates/{cand['id']}/documents").json() == []


def test_missing_file_field_and_json_body_are_clear_errors(api: Api) -> None:
    cand = api.candidate()
    path = f"/api/v1/candidates/{cand['id']}/documents"
    r = api.post(path, files={"other": ("a.txt", b"hello there", "text/plain")})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["param"] == "file"
    for body in ({"json": {"file": "hello"}}, {"data": {"file": "hello"}}):
        r = api.post(path, **body)
        assert r.status_code == 415
        assert "multipart/form-data" in r.json()["error"]["message"]
    r = api.post(path, content=b"hello", headers={"Content-Type": "application/pdf"})
    assert r.status_code == 415
    # A text field named `file`, not a file part.
    r = api.post(path, files={"file": (None, "hello")})
    assert r.status_code == 422
    assert "class" not in r.json()["error"]["message"]


def test_over_the_limit_is_413(api: Api, settings: Settings) -> None:
    cand = api.candidate()
    big = b"a" * (settings.max_upload_bytes + 1)
    r = api.post(
        f"/api/v1/candidates/{cand['id']}/documents",
        files={"file": ("big.txt", big, "text/plain")},
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"


def test_foreign_and_unknown_candidates_are_404(api: Api, other_api: Api) -> None:
    cand = api.candidate()
    doc = _upload(api, cand["id"])
    for a, path in (
        (other_api, f"/api/v1/candidates/{cand['id']}/documents"),
        (other_api, f"/api/v1/candidates/{cand['id']}/documents/parsed"),
        (api, f"/api/v1/candidates/can-{uuid.uuid4()}/documents"),
    ):
        assert a.get(path).status_code == 404, path
    r = other_api.post(
        f"/api/v1/candidates/{cand['id']}/documents",
        files={"file": ("a.txt", RESUME, "text/plain")},
    )
    assert r.status_code == 404
    r = other_api.delete(f"/api/v1/candidates/{cand['id']}/documents/{doc['id']}")
    assert r.status_code == 404
    # A document of another candidate of the same tenant is not found under this one.
    r = api.delete(f"/api/v1/candidates/{api.candidate()['id']}/documents/{doc['id']}")
    assert r.status_code == 404


def test_delete_removes_the_row_and_the_stored_file(
    api: Api, client: TestClient, settings: Settings
) -> None:
    root = _storage_root(settings)
    cand = api.candidate()
    doc = _upload(api, cand["id"], RESUME + uuid.uuid4().hex.encode())
    url = api.get(f"/api/v1/candidates/{cand['id']}/documents").json()[0]["signedUrl"]
    before = set(_files_under(root))
    r = api.delete(f"/api/v1/candidates/{cand['id']}/documents/{doc['id']}")
    assert r.status_code == 200, r.text
    assert r.json() == {"id": doc["id"], "deleted": True}
    assert api.get(f"/api/v1/candidates/{cand['id']}/documents").json() == []
    gone = before - set(_files_under(root))
    assert len(gone) == 1  # removed right after the commit
    assert client.get(url.removeprefix(settings.public_url)).status_code == 404
    run_tasks(client)  # the queued removal finds nothing left: done, not failed


def test_idempotent_upload_is_stored_once(api: Api) -> None:
    cand = api.candidate()
    key = str(uuid.uuid4())
    path = f"/api/v1/candidates/{cand['id']}/documents"
    boundary = "----pl" + uuid.uuid4().hex
    raw = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + RESUME
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"Idempotency-Key": key, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    first = api.post(path, content=raw, headers=headers)
    again = api.post(path, content=raw, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert len(api.get(path).json()) == 1


def test_upload_fires_its_event_and_audits_without_the_name(api: Api, db: Database) -> None:
    cand = api.candidate()
    doc = _upload(api, cand["id"], name="Secret-Name-CV.txt")
    with db.read_session() as s:
        events = s.scalars(
            select(Event).where(Event.candidate_id == try_parse("can", cand["id"]))
        ).all()
    uploaded = [e.payload["data"] for e in events if e.type == "candidate.document_uploaded"]
    assert uploaded == [doc]
    r = api.get("/api/v1/audit-logs", params={"limit": 5})
    entry = next(e for e in r.json()["data"] if e["action"] == "DOCUMENT_UPLOADED")
    assert entry["entity_id"] == doc["id"]
    assert "Secret-Name" not in str(entry)


def _pdf_resume(phone: str, email: str) -> bytes:
    return pdf_lines(
        [
            "Grace Hopper",
            f"{email} | {phone} | linkedin.com/in/grace-hopper-test",
            "",
            "SUMMARY",
            "Compiler engineer who turns research into tools people use.",
            "",
            "SKILLS",
            "COBOL, Python, k8s, JS",
            "",
            "LANGUAGES",
            "English (native), Spanish (B2)",
        ]
    )


def test_a_pdf_is_parsed_in_the_background_and_fills_only_empty_fields(
    api: Api, client: TestClient, db: Database
) -> None:
    empty = api.candidate(first_name="Grace", last_name="Hopper")
    entered = api.candidate(first_name="Grace", last_name="Hopper", phone="+1 212 555 0100")
    someone_else = api.candidate(first_name="Alan", last_name="Turing")
    resume = _pdf_resume("+1 415 555 0132", "grace@example.com")
    for cand in (empty, entered, someone_else):
        path = f"/api/v1/candidates/{cand['id']}/documents"
        r = api.post(path, files={"file": ("grace.pdf", resume, "application/pdf")})
        assert r.status_code == 201 and r.json()["file_type"] == "application/pdf"
        before = api.get(f"{path}/parsed")
        assert before.status_code == 404
        assert before.json()["error"]["code"] == "no_parsed_document"
    run_tasks(client)
    parsed = api.get(f"/api/v1/candidates/{empty['id']}/documents/parsed").json()
    assert parsed["core_skills"] == "COBOL, Python, Kubernetes, JavaScript"
    assert parsed["languages"] == ["English", "Spanish"]
    assert parsed["language_levels"][1] == {"name": "Spanish", "level": "B2"}
    assert parsed["professional_summary"].startswith("Compiler engineer")
    assert parsed["contact"]["email"] == "grace@example.com"
    for name in ("experience_summary", "education_summary", "certifications"):
        assert parsed[name] == ""  # present, empty
    assert api.get(f"/api/v1/candidates/{empty['id']}/documents").json()[0]["parse_status"] == (
        "parsed"
    )
    # Empty fields were filled; what a person entered was kept.
    filled = api.get(f"/api/v1/candidates/{empty['id']}").json()
    assert filled["phone"] == "+1 415 555 0132"
    assert filled["linkedin_url"] == "https://www.linkedin.com/in/grace-hopper-test"
    kept = api.get(f"/api/v1/candidates/{entered['id']}").json()
    assert kept["phone"] == "+1 212 555 0100"
    assert kept["linkedin_url"] == "https://www.linkedin.com/in/grace-hopper-test"
    # Grace's resume filed under Alan: parsed, flagged, and nothing of hers written into his.
    misfiled = api.get(f"/api/v1/candidates/{someone_else['id']}/documents/parsed").json()
    assert misfiled["matches_candidate"] is False
    assert parsed["matches_candidate"] is True
    alan = api.get(f"/api/v1/candidates/{someone_else['id']}").json()
    assert alan["phone"] is None and alan["linkedin_url"] is None
    with db.read_session() as s:
        types = [
            e.type
            for e in s.scalars(
                select(Event).where(Event.candidate_id == try_parse("can", empty["id"]))
            )
        ]
    assert "document.parsed" in types and "candidate.updated" in types


def test_the_latest_resume_answers_not_the_latest_file(api: Api, client: TestClient) -> None:
    cand = api.candidate()
    path = f"/api/v1/candidates/{cand['id']}/documents"

    def resume(skill: str) -> bytes:
        return f"Ann Example\nann@example.com\n\nSkills\n{skill}\n\nEducation\nBSc\n".encode()

    api.post(path, files={"file": ("a.txt", resume("Fortran"), "text/plain")})
    run_tasks(client)
    newer = api.post(path, files={"file": ("b.txt", resume("Rust"), "text/plain")})
    run_tasks(client)
    # A later file that is no resume (a note, a CSV) does not hide the resume.
    api.post(path, files={"file": ("n.txt", b"Reference call went well, Rust", "text/plain")})
    run_tasks(client)
    parsed = api.get(f"{path}/parsed").json()
    assert parsed["id"] == newer.json()["id"] and parsed["skills"] == ["Rust"]
    api.delete(f"{path}/{newer.json()['id']}")
    assert api.get(f"{path}/parsed").json()["skills"] == ["Fortran"]


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("cv.pdf", b"<!DOCTYPE html><html><body>Hi</body></html>", 415),
        ("cv.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', 415),
        ("cv.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), 415),
        ("cv.docx", zipped({"a.txt": b"hello"}), 415),
        ("cv.pdf", b"", 422),
        ("cv.pdf", encrypted(pdf_lines(["Secret resume"]), "pw"), 422),
        ("cv.pdf", pdf_shapes(), 422),
        (
            "cv.docx",
            zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(40 << 20)}),
            422,
        ),
        ("cv.docx", b"PK\x03\x04" + b"\x00" * 60, 422),
    ],
    ids=["html", "svg", "png", "zip", "empty", "encrypted", "scan", "bomb", "corrupt"],
)
def test_refusals_say_why(api: Api, name: str, data: bytes, status: int) -> None:
    cand = api.candidate()
    r = api.post(
        f"/api/v1/candidates/{cand['id']}/documents",
        files={"file": (name, data, "application/pdf")},
    )
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["param"] == "file" and error["message"].endswith(".")
    assert len(error["message"]) >= 18
    assert api.get(f"/api/v1/candidates/{cand['id']}/documents").json() == []
