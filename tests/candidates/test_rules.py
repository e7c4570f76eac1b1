"""One rule, every path: create, bulk, PATCH, a job's applicants and an interview decision check
and word errors the same way and emit events of the same shape (candidates/rules.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select

from peoplelens.candidates import rules
from peoplelens.candidates.schemas import CandidateCreate, CandidateOut, CandidatePatch
from peoplelens.db import Database
from peoplelens.models import Candidate, Event
from tests.factories import Api, TenantHandle, unique_email

NAMES = [f.name for f in rules.FIELDS]


def test_the_schemas_are_the_field_tuple() -> None:
    assert list(CandidateCreate.model_fields) == NAMES
    assert list(CandidatePatch.model_fields) == NAMES
    shown = [n for n in CandidateOut.model_fields if n not in ("id", "created_at", "updated_at")]
    assert shown == [*NAMES[: NAMES.index("job_id") + 1], "job_searches", *NAMES[5:]]
    required = {n for n, f in CandidateCreate.model_fields.items() if f.is_required()}
    assert required == {f.name for f in rules.FIELDS if f.required}


def test_every_stored_column_is_a_field_or_bookkeeping() -> None:
    """A column added to the model without its field here would be invisible to the API."""
    columns = {a.key for a in inspect(Candidate).column_attrs} - {"tenant_id"}
    assert columns == set(rules.ROW_COLUMNS)


def _events(db: Database, tenant: TenantHandle, candidate_id: str, kind: str) -> list[Any]:
    with db.read_session() as session:
        rows = session.scalars(
            select(Event).where(Event.tenant_id == tenant.id, Event.type == kind)
        ).all()
    return [r.payload["data"] for r in rows if r.payload["data"].get("id") == candidate_id]


def _without_identity(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("id", "email", "created_at", "updated_at")}


def test_create_and_bulk_emit_the_same_created_event(
    api: Api, db: Database, tenant: TenantHandle
) -> None:
    job = api.job()
    person = {"first_name": "Ada", "last_name": "L", "job_id": job["id"], "phone": "+1 555"}
    one = api.post("/api/v1/candidates", json={**person, "email": unique_email()}).json()
    many = api.post(
        "/api/v1/candidates/bulk", json={"candidates": [{**person, "email": unique_email()}]}
    ).json()["data"][0]
    single = _events(db, tenant, one["id"], "candidate.created")
    bulk = _events(db, tenant, many["id"], "candidate.created")
    assert len(single) == len(bulk) == 1
    assert set(single[0]) == set(bulk[0]) == set(one)  # (JSONB keeps no key order)
    assert _without_identity(single[0]) == _without_identity(bulk[0]) == _without_identity(one)


def test_patch_and_applicants_emit_the_same_job_change(
    api: Api, db: Database, tenant: TenantHandle
) -> None:
    job = api.job()
    patched, applied = api.candidate(), api.candidate()
    assert api.patch(f"/api/v1/candidates/{patched['id']}", json={"job_id": job["id"]}).is_success
    r = api.post(f"/api/v1/jobs/{job['id']}/applicants", json={"candidate_id": applied["id"]})
    assert r.is_success
    by_patch = _events(db, tenant, patched["id"], "candidate.updated")
    by_applicants = _events(db, tenant, applied["id"], "candidate.updated")
    assert [e["previous_attributes"] for e in by_patch] == [{"job_id": None}]
    assert [e["previous_attributes"] for e in by_applicants] == [{"job_id": None}]
    assert set(by_patch[0]) == set(by_applicants[0])
    assert by_applicants[0]["job_searches"]["id"] == job["id"]


def test_patch_and_decision_emit_the_same_stage_change(
    api: Api, db: Database, tenant: TenantHandle
) -> None:
    patched = api.candidate()
    decided = api.candidate()
    plan = api.invite(decided["id"], api.template()["id"])
    r = api.patch(f"/api/v1/candidates/{patched['id']}", json={"stage": "interview"})
    assert r.is_success
    r = api.post(
        f"/api/v1/interviews/{plan['plan_id']}/decision",
        json={"status": "advance", "stage": "interview"},
    )
    assert r.is_success
    for kind, previous in (
        ("candidate.updated", {"stage": "applied"}),
        ("candidate.stage_changed", {"stage": "applied"}),
    ):
        a = _events(db, tenant, patched["id"], kind)
        b = _events(db, tenant, decided["id"], kind)
        assert [e["previous_attributes"] for e in a] == [previous]
        assert [e["previous_attributes"] for e in b] == [previous]
        assert set(a[0]) == set(b[0])
        assert _without_identity(a[0]) == _without_identity(b[0])


def _error(r: Any) -> tuple[int, str, str, str]:
    err = r.json()["error"]
    return r.status_code, err["code"], str(err["param"]), err["message"]


def test_a_bad_stage_reads_the_same_everywhere(api: Api) -> None:
    cand = api.candidate()
    plan = api.invite(cand["id"], api.template()["id"])
    base = {"first_name": "A", "last_name": "B", "email": unique_email(), "stage": "nowhere"}
    create = _error(api.post("/api/v1/candidates", json=base))
    bulk = _error(api.post("/api/v1/candidates/bulk", json={"candidates": [base]}))
    patch = _error(api.patch(f"/api/v1/candidates/{cand['id']}", json={"stage": "nowhere"}))
    decision = _error(
        api.post(
            f"/api/v1/interviews/{plan['plan_id']}/decision",
            json={"status": "hold", "stage": "nowhere"},
        )
    )
    assert create == patch == decision
    assert create[:2] == (422, "invalid_stage")
    prefixed = "candidates[0].stage"
    assert bulk == (422, "invalid_stage", prefixed, create[3].replace("'stage'", f"'{prefixed}'"))


def test_a_taken_email_or_external_id_reads_the_same_everywhere(api: Api) -> None:
    owner = api.candidate(external_id="ext-shared")
    other = api.candidate()
    for name, value in (("email", owner["email"].upper()), ("external_id", "ext-shared")):
        person = {"first_name": "A", "last_name": "B", "email": unique_email(), name: value}
        create = _error(api.post("/api/v1/candidates", json=person))
        patch = _error(api.patch(f"/api/v1/candidates/{other['id']}", json={name: value}))
        bulk = _error(api.post("/api/v1/candidates/bulk", json={"candidates": [person]}))
        assert create == patch
        assert create[:3] == (409, f"duplicate_{name}", name)
        assert owner["id"] in create[3]
        assert bulk == (409, f"duplicate_{name}", f"candidates[0].{name}", create[3])


def test_an_unknown_job_reads_the_same_everywhere(api: Api, other_api: Api) -> None:
    foreign = other_api.job()["id"]
    cand = api.candidate()
    person = {"first_name": "A", "last_name": "B", "email": unique_email(), "job_id": foreign}
    create = _error(api.post("/api/v1/candidates", json=person))
    patch = _error(api.patch(f"/api/v1/candidates/{cand['id']}", json={"job_id": foreign}))
    bulk = _error(api.post("/api/v1/candidates/bulk", json={"candidates": [person]}))
    assert create == patch
    assert create[:3] == (404, "resource_missing", "job_id")
    assert bulk == (404, "resource_missing", "candidates[0].job_id", create[3])


def test_new_row_and_patch_are_pure_rules() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 12, 1, tzinfo=UTC)
    row = rules.new_row({"first_name": "A", "last_name": "B", "email": "A@X.io"}, now)
    assert row["stage"] == "applied" and row["status"] == "active" and row["metadata_"] == {}
    assert row["email_normalized"] == "a@x.io"
    assert set(row) == set(rules.ROW_COLUMNS)
    changed = rules.apply_patch(row, {"email": "B@Y.io", "phone": None})
    assert changed["email_normalized"] == "b@y.io" and changed["phone"] is None
    for name in ("first_name", "status", "stage", "metadata", "email", "last_name"):
        try:
            rules.apply_patch(row, {name: None})
        except Exception as exc:  # the one wording of a refused null
            assert str(exc) == f"'{name}' cannot be null."
        else:
            raise AssertionError(f"{name} may not be cleared")
