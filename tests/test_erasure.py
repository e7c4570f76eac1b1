"""DELETE /candidates/{id} leaves no trace of the person anywhere in the database."""

from __future__ import annotations

import uuid

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.interviews.plans import progress
from peoplelens.kit.ids import try_parse
from peoplelens.models import Base, InterviewStep
from tests.factories import Api, TenantHandle
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
