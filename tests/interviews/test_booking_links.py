"""``GET /interviews/booking-links`` without ``candidate_id``: the workspace's links, paged."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from peoplelens.db import Database
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import BookingLink
from tests.factories import Api, TenantHandle


def _links(api: Api, **params: Any) -> dict[str, Any]:
    r = api.get("/api/v1/interviews/booking-links", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


class TestTenantBookingLinks:
    def test_every_candidates_links_newest_first(self, api: Api) -> None:
        tpl = api.template()
        plans = [api.invite(api.candidate()["id"], tpl["id"]) for _ in range(3)]
        body = _links(api)
        assert [link["id"] for link in body["booking_links"]] == [
            p["booking_link"]["id"] for p in reversed(plans)
        ]
        assert body["booking_links"][0]["url"] == plans[-1]["booking_link"]["url"]
        assert body["pagination"] == {"total": 3, "limit": 20, "offset": 0, "next_cursor": None}
        assert set(body["booking_links"][0]) == {
            "id", "slug", "url", "candidate_id", "step_id", "expires_at",
        }  # fmt: skip

    def test_pages(self, api: Api) -> None:
        tpl = api.template()
        ids = [api.invite(api.candidate()["id"], tpl["id"])["booking_link"]["id"] for _ in range(5)]
        newest_first = ids[::-1]
        first = _links(api, limit=2)
        assert [link["id"] for link in first["booking_links"]] == newest_first[:2]
        assert first["pagination"]["total"] == 5 and first["pagination"]["next_cursor"]
        second = _links(api, limit=2, cursor=first["pagination"]["next_cursor"], offset=99)
        assert [link["id"] for link in second["booking_links"]] == newest_first[2:4]
        last = _links(api, limit=2, cursor=second["pagination"]["next_cursor"])
        assert [link["id"] for link in last["booking_links"]] == newest_first[4:]
        assert last["pagination"]["next_cursor"] is None
        by_offset = _links(api, limit=2, offset=3)
        assert [link["id"] for link in by_offset["booking_links"]] == newest_first[3:5]
        assert by_offset["pagination"]["offset"] == 3
        assert _links(api, offset=10)["booking_links"] == []

    def test_another_tenants_links_are_never_shown(self, api: Api, other_api: Api) -> None:
        other_api.invite(other_api.candidate()["id"], other_api.template()["id"])
        body = _links(api)
        assert body["booking_links"] == [] and body["pagination"]["total"] == 0
        assert _links(other_api)["pagination"]["total"] == 1

    def test_used_expired_and_cancelled_links_are_left_out(self, api: Api, db: Database) -> None:
        tpl = api.template()
        plans = [api.invite(api.candidate()["id"], tpl["id"]) for _ in range(4)]
        used, expired, cancelled, kept = (try_parse("bkl", p["booking_link"]["id"]) for p in plans)
        with db.write_session() as s:
            s.execute(update(BookingLink).where(BookingLink.id == used).values(used_at=utcnow()))
            s.execute(
                update(BookingLink)
                .where(BookingLink.id == expired)
                .values(expires_at=utcnow() - timedelta(seconds=1))
            )
            s.commit()
        api.post(f"/api/v1/interviews/{plans[2]['plan_id']}/cancel")
        body = _links(api)
        assert [try_parse("bkl", link["id"]) for link in body["booking_links"]] == [kept]
        assert body["pagination"]["total"] == 1
        assert cancelled != kept

    @pytest.mark.parametrize(
        ("params", "param"),
        [
            ({"limit": 0}, "limit"),
            ({"limit": 101}, "limit"),
            ({"limit": "ten"}, "limit"),
            ({"offset": -1}, "offset"),
            ({"cursor": "not-a-cursor"}, "cursor"),
        ],
    )
    def test_bad_paging_is_a_422_envelope(
        self, api: Api, params: dict[str, Any], param: str
    ) -> None:
        r = api.get("/api/v1/interviews/booking-links", params=params)
        assert r.status_code == 422
        error = r.json()["error"]
        assert error["type"] == "invalid_request_error" and error["param"] == param
        assert error["message"] and error["request_id"]

    def test_a_read_only_key_gets_no_links(self, api: Api, tenant: TenantHandle) -> None:
        _, key = tenant.new_key(["read"])
        auth = {"Authorization": f"Bearer {key}"}
        r = api.request("GET", "/api/v1/interviews/booking-links", headers=auth)
        assert r.status_code == 403 and r.json()["error"]["type"] == "permission_error"
