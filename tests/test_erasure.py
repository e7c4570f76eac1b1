"""DELETE /candidates/{id} leaves no trace of the person anywhere in the database."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.interviews.plans import progress
from peoplelens.kit.ids import try_parse
from peoplelens.models import Base, InterviewStep
from tests.databases import POSTGRES_ADMIN_URL
from tests.factories import Api, TenantHandle, run_tasks, unique_email
from tests.scan import scan


def _uuid_refs(session: Session, value: uuid.UUID) -> list[str]:
    """Rows in any table holding the id in any UUID column (foreign keys or not)."""
    hits = []
    for table in Base.metadata.sorted_tables:
        for col in table.columns:
            if col.type.__class__.__name__ == "Uuid":
                n = session.scalar(select(text("count(*)")).select_from(table).where(col == value))
                if n:
                    hits.append(f"{table.name}.{col.name}")
    return hits


def test_delete_candidate_erases_everything(api: Api, db: Database, tenant: TenantHandle) -> None:
    job = api.job()
    secret_email = f"erase.me.{uuid.uuid4().hex[:8]}@example.com"
    created = api.post(
        "/api/v1/candidates",
        headers={"Idempotency-Key": str(uuid.uuid4())},
        json={
            "first_name": "Zelda",
            "last_name": "Quibble-Erasure",
            "email": secret_email,
            "phone": "+44 20 7946 0958",
            "job_id": job["id"],
            "external_id": "ats-erase",
            "metadata": {"note": "Zelda likes Go"},
        },
    )
    assert created.status_code == 201
    cand = created.json()
    api.patch(
        f"/api/v1/candidates/{cand['id']}",
        json={"last_name": "Quibble-Renamed", "stage": "screening"},
    )
    tpl = api.template()
    plan = api.invite(cand["id"], tpl["id"])
    with db.write_session() as s:
        step = s.scalars(
            select(InterviewStep).where(InterviewStep.plan_id == try_parse("plan", plan["plan_id"]))
        ).one()
        principal = Principal.system(tenant.id)
        progress.start_step(s, principal, step)
        progress.complete_step(s, principal, step)
        s.commit()
    api.post(
        f"/api/v1/interviews/{plan['plan_id']}/decision",
        json={"status": "reject", "notes": "Decided after talking to Zelda"},
    )
    needles = ["Zelda", "Quibble", secret_email, "7946 0958", "ats-erase", "Xylophone"]
    with db.read_session() as s:
        assert scan(s, needles), "the scan must see the data before erasure"

    r = api.delete(f"/api/v1/candidates/{cand['id']}")
    assert r.json() == {"id": cand["id"], "deleted": True}
    assert api.get(f"/api/v1/candidates/{cand['id']}").status_code == 404
    assert api.get(f"/api/v1/interviews/{plan['plan_id']}").status_code == 404

    cand_uuid = try_parse("can", cand["id"])
    assert cand_uuid is not None
    with db.read_session() as s:
        assert scan(s, needles) == []
        assert _uuid_refs(s, cand_uuid) == []
    audit = api.get("/api/v1/audit-logs", params={"action": "CANDIDATE_DELETED"}).json()
    assert audit["data"][0]["entity_id"] == cand["id"]
    # The job stays, and can now be deleted: nothing refers to it any more.
    assert api.delete(f"/api/v1/jobs/{job['id']}").status_code == 200


def test_every_candidate_foreign_key_cascades() -> None:
    """New tables that point at candidates must join the erasure (ON DELETE CASCADE)."""
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "candidates":
                assert fk.ondelete == "CASCADE", f"{table.name}.{fk.parent.name}"
            if fk.column.table.name in ("interview_plans",):
                assert fk.ondelete == "CASCADE", f"{table.name}.{fk.parent.name}"


def test_database_enforces_the_cascade(db: Database) -> None:
    """The cascade is the database's (SQLite needs PRAGMA foreign_keys)."""
    with db.read_session() as s:
        if db.is_sqlite:
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        names = {
            fk["referred_table"]
            for fk in inspect(s.connection()).get_foreign_keys("interview_plans")
        }
        assert "candidates" in names


def _storage_hits(root: Path, needles: list[str]) -> dict[str, list[str]]:
    """Which of ``needles`` the stored files hold (or name)."""
    found: dict[str, list[str]] = {}
    for file in root.rglob("*"):
        raw = file.read_bytes() if file.is_file() else b""
        hits = [n for n in needles if n.encode() in raw or n in str(file)]
        if hits:
            found[str(file)] = hits
    return found


_SCAN_FILES = """
import json, sys
needles = json.loads(sys.argv[1])
found = {}
for name in sys.argv[2:]:
    try:
        with open(name, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        continue
    hits = [n for n in needles if n.encode() in raw or n.encode("utf-16-le") in raw]
    if hits:
        found[name.rsplit("/", 1)[-1]] = hits
print(json.dumps(found))
"""


def _raw_hits(database_url: str, needles: list[str]) -> dict[str, list[str]]:
    """Which of ``needles`` each of the SQLite files (database, -wal, -shm) holds, as bytes
    (UTF-8, and UTF-16 for good measure), deleted pages and free space included.

    Read by a child process: closing a file descriptor on the database in *this* process
    would drop every POSIX lock SQLite holds on it here (locks belong to the process, not the
    descriptor), after which the live servers sharing the file could write under our
    connections' feet — a corrupted database, as the full suite once showed."""
    path = database_url.removeprefix("sqlite:///")
    files = [path, f"{path}-wal", f"{path}-shm"]
    done = subprocess.run(
        [sys.executable, "-c", _SCAN_FILES, json.dumps(needles), *files],
        capture_output=True,
        check=True,
        text=True,
    )
    found: dict[str, list[str]] = json.loads(done.stdout)
    return found


@pytest.mark.skipif(POSTGRES_ADMIN_URL is not None, reason="SQLite's files are scanned")
def test_erasure_leaves_no_bytes_in_the_sqlite_files(
    api: Api, client: TestClient, database_url: str, settings: Settings
) -> None:
    """Issue 14, item 7: after DELETE /candidates/{id}, a raw scan of the database file and its
    WAL finds none of the person's strings (secure_delete zeroes what is deleted; the erasure's
    checkpoint truncates the WAL that held older page images)."""
    tag = uuid.uuid4().hex[:10]
    first, last = f"Zebulon{tag}", f"Quartermain{tag}"
    email = f"zq.{tag}@example.com"
    note, answer, meta = f"Notes-{tag}-private", f"Answer{tag} about my work", f"meta-{tag}"
    cand = api.candidate(
        first_name=first, last_name=last, email=email, metadata={"secret": meta}, phone="+1 555"
    )
    cand_uuid = cand["id"].removeprefix("can-").replace("-", "")
    assert (
        api.patch(f"/api/v1/candidates/{cand['id']}", json={"last_name": last + "x"}).status_code
        == 200
    )
    done = api.complete_interview(answers=[answer] * 6)
    run_tasks(client)
    plan_id = done["invite"]["plan_id"]
    human = api.post(
        "/api/v1/interviews/invite",
        json={"candidate_id": cand["id"], "steps": [{"title": "Panel", "type": "human_interview"}]},
    ).json()
    person = api.post("/api/v1/users", json={"email": unique_email("ivr")}).json()
    r = api.post(
        f"/api/v1/interviews/{human['plan_id']}/steps/{human['steps'][0]['id']}/scorecard",
        json={
            "interviewer_id": person["id"],
            "overall_score": 60,
            "recommendation": "hire",
            "notes": note,
        },
    )
    assert r.status_code == 201, r.text
    resume = (
        f"{first} {last}\n{email}\n\nSummary\n{note} summary.\n\nSkills\nPython, Go\n"
    ).encode()
    r = api.post(
        f"/api/v1/candidates/{cand['id']}/documents",
        files={"file": (f"{first}-CV.txt", resume, "text/plain")},
    )
    assert r.status_code == 201, r.text
    run_tasks(client)
    storage = Path(settings.storage_url.removeprefix("file://"))
    needles = [first, last, email, note, answer, meta]
    assert _raw_hits(database_url, needles), "the scan must see the data before the erasure"
    assert _storage_hits(storage, needles), "and the stored file"

    assert api.delete(f"/api/v1/candidates/{cand['id']}").status_code == 200
    assert api.delete(f"/api/v1/candidates/{done['candidate']['id']}").status_code == 200
    assert plan_id  # erased with its candidate
    # The checkpoint and the files' removal ran before the DELETE answered.
    assert _raw_hits(database_url, needles) == {}
    assert _storage_hits(storage, needles) == {}
    assert not any(p.name == cand_uuid for p in storage.rglob("*"))  # not even a directory
