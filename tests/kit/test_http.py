"""Cross-cutting HTTP rules (spec §1): envelope, request ids, idempotency, rate limits."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from peoplelens.db import Database
from tests.factories import Api, make_tenant, unique_email


class TestEnvelope:
    def test_unknown_route(self, client: TestClient) -> None:
        r = client.get("/api/v1/nope")
        assert r.status_code == 404
        err = r.json()["error"]
        assert set(err) == {"type", "code", "message", "param", "request_id"}
        assert err["type"] == "not_found_error" and err["request_id"] == r.headers["x-request-id"]

    def test_method_not_allowed(self, api: Api) -> None:
        r = api.request("PUT", "/api/v1/candidates")
        assert r.status_code == 405
        assert r.json()["error"]["code"] == "method_not_allowed"
        assert r.headers["allow"] == "GET, POST"

    def test_request_id_echoed_when_sane(self, api: Api) -> None:
        r = api.get("/api/v1/candidates", headers={"X-Request-Id": "abc-123"})
        assert r.headers["x-request-id"] == "abc-123"
        r = api.get("/api/v1/candidates", headers={"X-Request-Id": "bad id\twith spaces"})
        assert r.headers["x-request-id"].startswith("req_")

    def test_seed_headers_on_get_and_delete_without_body(self, api: Api) -> None:
        cand = api.candidate()
        h = {"Content-Type": "application/json"}
        assert api.get(f"/api/v1/candidates/{cand['id']}", headers=h).status_code == 200
        assert api.delete(f"/api/v1/candidates/{cand['id']}", headers=h).status_code == 200

    def test_post_without_body_needs_no_content_type(self, api: Api) -> None:
        cand = api.candidate()
        tpl = api.template()
        plan = api.invite(cand["id"], tpl["id"])
        r = api.post(f"/api/v1/interviews/{plan['plan_id']}/cancel")
        assert r.status_code == 200

    def test_no_internals_in_errors(self, api: Api) -> None:
        r = api.post(
            "/api/v1/candidates", content=b"\xff\xfe", headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 400
        assert "Traceback" not in r.text and "sqlalchemy" not in r.text.lower()


class TestIdempotency:
    def _post(self, api: Api, key: str, body: dict[str, Any]) -> Any:
        return api.post("/api/v1/candidates", json=body, headers={"Idempotency-Key": key})

    def test_replay_returns_first_response(self, api: Api) -> None:
        key = str(uuid.uuid4())
        body = {"first_name": "A", "last_name": "B", "email": unique_email()}
        first = self._post(api, key, body)
        second = self._post(api, key, body)
        assert first.status_code == second.status_code == 201
        assert first.json() == second.json()
        assert second.headers["idempotent-replayed"] == "true"
        listed = api.get("/api/v1/candidates", params={"email": body["email"]}).json()
        assert listed["pagination"]["total"] == 1

    def test_same_key_different_body_is_409(self, api: Api) -> None:
        key = str(uuid.uuid4())
        self._post(api, key, {"first_name": "A", "last_name": "B", "email": unique_email()})
        r = self._post(api, key, {"first_name": "A", "last_name": "B", "email": unique_email()})
        assert r.status_code == 409
        assert r.json()["error"]["code"] == "idempotency_key_reused"

    def test_keys_are_per_tenant(self, api: Api, other_api: Api) -> None:
        key = str(uuid.uuid4())
        body = {"first_name": "A", "last_name": "B", "email": unique_email()}
        a = self._post(api, key, body)
        b = other_api.post("/api/v1/candidates", json=body, headers={"Idempotency-Key": key})
        assert a.status_code == b.status_code == 201
        assert a.json()["id"] != b.json()["id"]

    def test_errors_are_not_stored(self, api: Api) -> None:
        key = str(uuid.uuid4())
        bad = self._post(api, key, {"first_name": "A", "last_name": "B", "email": "x"})
        assert bad.status_code == 422
        good = self._post(api, key, {"first_name": "A", "last_name": "B", "email": "x"})
        assert good.status_code == 422 and "idempotent-replayed" not in good.headers

    @pytest.mark.parametrize("round_", range(5))
    def test_concurrent_same_key_creates_once(self, api: Api, round_: int) -> None:
        key = str(uuid.uuid4())
        body = {"first_name": "A", "last_name": "B", "email": unique_email()}
        results: list[Any] = []
        barrier = threading.Barrier(8)

        def go() -> None:
            barrier.wait()
            results.append(self._post(api, key, body))

        threads = [threading.Thread(target=go) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [r.status_code for r in results] == [201] * 8, [r.text for r in results]
        assert len({r.json()["id"] for r in results}) == 1
        assert sum(1 for r in results if "idempotent-replayed" not in r.headers) == 1
        listed = api.get("/api/v1/candidates", params={"email": body["email"]}).json()
        assert listed["pagination"]["total"] == 1

    def test_invalid_key(self, api: Api) -> None:
        r = self._post(
            api, "x" * 300, {"first_name": "A", "last_name": "B", "email": unique_email()}
        )
        assert r.status_code == 422 and r.json()["error"]["param"] == "Idempotency-Key"


class TestRateLimit:
    def test_headers_and_429(self, client: TestClient, db: Database) -> None:
        limited = make_tenant(db, rate_limit=5)
        api = Api(client, limited.key)
        answers = [api.get("/api/v1/candidates") for _ in range(7)]
        assert [r.status_code for r in answers[:5]] == [200] * 5
        assert answers[0].headers["ratelimit-limit"] == "5"
        assert answers[4].headers["ratelimit-remaining"] == "0"
        last = answers[6]
        assert last.status_code == 429
        assert last.json()["error"]["type"] == "rate_limit_error"
        assert int(last.headers["retry-after"]) >= 1
        assert "ratelimit-reset" in last.headers

    def test_other_tenants_unaffected(self, client: TestClient, db: Database, api: Api) -> None:
        limited = Api(client, make_tenant(db, rate_limit=2).key)
        for _ in range(4):
            limited.get("/api/v1/candidates")
        assert limited.get("/api/v1/candidates").status_code == 429
        assert api.get("/api/v1/candidates").status_code == 200
