from __future__ import annotations

from tests.factories import Api


def test_create_and_get_candidate(api: Api) -> None:
    created = api.candidate(first_name="Jane", last_name="Doe")
    got = api.get(f"/api/v1/candidates/{created['id']}")
    assert got.status_code == 200
    assert got.json() == created
