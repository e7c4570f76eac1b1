"""The per-tenant candidate counter behind quota checks and unfiltered list totals."""

from __future__ import annotations

from tests.factories import Api, unique_email


def test_candidate_counter_matches_a_real_count(api: Api) -> None:
    """Unfiltered list totals come from the tenant's counter; a filter that matches everyone
    forces a real count(*) — they must agree after every kind of change, failed ones too."""

    def totals() -> tuple[int, int]:
        kept = api.get("/api/v1/candidates", params={"limit": 1}).json()["pagination"]["total"]
        real = api.get(
            "/api/v1/candidates", params={"limit": 1, "created_after": "2000-01-01T00:00:00Z"}
        ).json()["pagination"]["total"]
        return int(kept), int(real)

    start = totals()
    assert start[0] == start[1]
    first = api.candidate()
    api.candidate()
    items = [{"first_name": "B", "last_name": str(i), "email": unique_email()} for i in range(3)]
    assert api.post("/api/v1/candidates/bulk", json={"candidates": items}).status_code == 201
    assert totals() == (start[0] + 5, start[0] + 5)
    repeat = [items[0] | {"email": unique_email()}, items[0] | {"email": "x" + items[0]["email"]}]
    repeat[1]["email"] = repeat[0]["email"]
    assert api.post("/api/v1/candidates/bulk", json={"candidates": repeat}).status_code == 422
    dup = {"first_name": "D", "last_name": "D", "email": first["email"]}
    assert api.post("/api/v1/candidates", json=dup).status_code == 409
    assert api.delete(f"/api/v1/candidates/{first['id']}").status_code == 200
    assert totals() == (start[0] + 4, start[0] + 4)
