"""The providers' pure parsers: payload → one normalised change."""

from __future__ import annotations

from typing import Any

import pytest

from peoplelens.inbound.providers import PROVIDERS, generic, parser_of, recruitee
from peoplelens.kit.errors import InvalidRequest, NotFound
from tests.inbound.payloads import (
    recruitee_candidate,
    recruitee_event,
    recruitee_moved,
    recruitee_offer,
)


class TestRecruitee:
    def test_new_candidate_maps_fields_and_job(self) -> None:
        body = recruitee_event(
            "new_candidate", recruitee_candidate(77, "ada@example.com"), recruitee_offer(9)
        )
        change = recruitee.parse(body)
        assert change.action == "upsert" and change.event_id == str(body["id"])
        assert change.external_id == "recruitee:77"
        assert change.fields == {
            "first_name": "Ada King",
            "last_name": "Lovelace",
            "email": "ada@example.com",
            "phone": "+44 161 496 0000",
            "linkedin_url": "https://www.linkedin.com/in/ada-lovelace",
            "metadata": {"recruitee": {"candidate_id": 77, "offer_id": 9}},
        }
        assert change.job is not None and change.job.external_id == "recruitee:9"
        assert change.job.fields == {"title": "Backend Engineer", "department": "Engineering"}

    def test_move_names_the_stage(self) -> None:
        change = recruitee.parse(
            recruitee_moved(recruitee_candidate(1, "a@example.com"), recruitee_offer(2), "Offer")
        )
        assert change.stage_name == "Offer"
        assert change.fields["metadata"]["recruitee"]["stage"] == "Offer"

    @pytest.mark.parametrize(
        ("event_type", "action", "status"),
        [
            ("candidate_disqualified", "upsert", "rejected"),
            ("candidate_requalified", "upsert", "active"),
            ("candidate_deleted", "archive", None),
        ],
    )
    def test_status_events(self, event_type: str, action: str, status: str | None) -> None:
        change = recruitee.parse(recruitee_event(event_type, recruitee_candidate(3, "c@x.io")))
        assert change.action == action
        assert change.fields.get("status") == status

    def test_test_request_and_unknown_events_are_ignored(self) -> None:
        assert recruitee.parse({"test": True}).action == "ignore"
        change = recruitee.parse(recruitee_event("interview_scheduled", {"id": 5}))
        assert change.action == "ignore" and change.event_id is not None
        assert "interview_scheduled" in (change.reason or "")

    @pytest.mark.parametrize(
        ("body", "param"),
        [
            ({"event_type": "new_candidate"}, "id"),
            ({"id": 1, "event_type": "new_candidate"}, "payload"),
            ({"id": 1, "event_type": "new_candidate", "payload": {}}, "payload.candidate"),
            ({"id": 1, "event_type": ["x"], "payload": {}}, "event_type"),
            ([1, 2], None),
        ],
    )
    def test_malformed(self, body: Any, param: str | None) -> None:
        with pytest.raises(InvalidRequest) as caught:
            recruitee.parse(body)
        assert caught.value.param == param

    @pytest.mark.parametrize(
        ("name", "first", "last"),
        [("Ada Lovelace", "Ada", "Lovelace"), ("Cher", "Cher", "Cher"), ("  ", None, None)],
    )
    def test_split_name(self, name: str, first: str | None, last: str | None) -> None:
        assert recruitee.split_name(name) == (first, last)

    def test_list_items_may_be_objects_and_non_linkedin_links_are_skipped(self) -> None:
        candidate = {
            "id": 4,
            "name": "A B",
            "emails": [{"value": "obj@example.com"}],
            "social_links": ["https://github.com/ab"],
        }
        change = recruitee.parse(recruitee_event("new_candidate", candidate))
        assert change.fields["email"] == "obj@example.com"
        assert "linkedin_url" not in change.fields and "phone" not in change.fields


class TestGeneric:
    def test_upsert_and_delete(self) -> None:
        body = {
            "event_id": "e1",
            "candidate": {
                "external_id": "ats-1",
                "first_name": "A",
                "stage": "screening",
                "job": {"external_id": "req-1", "title": "Dev"},
            },
        }
        change = generic.parse(body)
        assert (change.action, change.event_id, change.external_id) == ("upsert", "e1", "ats-1")
        assert change.fields == {"first_name": "A", "stage": "screening"}
        assert change.job is not None and change.job.fields == {"title": "Dev"}
        deleted = generic.parse({"event": "candidate.deleted", "candidate": {"external_id": "x"}})
        assert deleted.action == "archive" and deleted.event_id is None

    @pytest.mark.parametrize(
        ("body", "param"),
        [
            ({"candidate": {}}, "candidate.external_id"),
            ({"candidate": {"external_id": "x", "colour": "red"}}, "candidate.colour"),
            ({"event": "candidate.exploded", "candidate": {"external_id": "x"}}, "event"),
            (
                {"candidate": {"external_id": "x", "job": {"title": "T"}}},
                "candidate.job.external_id",
            ),
        ],
    )
    def test_malformed(self, body: Any, param: str) -> None:
        with pytest.raises(InvalidRequest) as caught:
            generic.parse(body)
        assert caught.value.param == param


def test_registry() -> None:
    assert sorted(PROVIDERS) == ["generic", "recruitee"]
    with pytest.raises(NotFound):
        parser_of("workday")
