"""Rate limits and the key-revocation signal shared through Redis (kit/shared_store.py), with
two apps in this process standing for two `serve` processes: one database, one Redis, each app
its own key cache, rate limiter and Redis client (the live, two-process version is in
test_shared_store_live.py)."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner
from fastapi.testclient import TestClient

from peoplelens.app import create_app
from peoplelens.cli import main
from peoplelens.config import ConfigError, Settings, load_settings
from peoplelens.db import Database
from peoplelens.kit.metrics import RATE_LIMIT_STORE_ERRORS
from peoplelens.kit.redis_lane import LaneError, encode, parse
from peoplelens.kit.shared_store import (
    TIMEOUT_SECONDS,
    SharedStore,
    StoreUnavailable,
    window_key,
)
from tests.factories import make_tenant
from tests.live_server import free_port
from tests.redis_db import own_redis

JOBS = "/api/v1/jobs"


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_two_processes_share_one_exact_window_and_hear_revocations(
    settings: Settings, db: Database, redis_url: str, database_url: str
) -> None:
    shared = settings.model_copy(update={"redis_url": redis_url, "api_key_cache_seconds": 5.0})
    tenant = make_tenant(db, rate_limit=5)
    key_id, key = tenant.new_key(["read"])
    store = redis.Redis.from_url(redis_url)
    with TestClient(create_app(shared)) as a, TestClient(create_app(shared)) as b:
        seen = []
        for i in range(8):
            r = (a, b)[i % 2].get(JOBS, headers=bearer(key))
            seen.append((r.status_code, r.headers.get("ratelimit-remaining")))
        assert (
            seen == [(200, "4"), (200, "3"), (200, "2"), (200, "1"), (200, "0")] + [(429, "0")] * 3
        )
        assert r.headers["ratelimit-limit"] == "5"
        assert 1 <= int(r.headers["retry-after"]) <= 60
        assert 0 <= int(r.headers["ratelimit-reset"]) <= 60
        # the three refused hits were not counted; the window expires by itself
        counter = window_key("key", key_id.hex, 5)
        assert store.get(counter) == b"5"
        assert 0 < store.pttl(counter) <= 60_000

        # Revoked through A's API: B, which cached the key (5 s), refuses it at once — a 401,
        # not the 429 its cached principal would get.
        r = a.delete(f"/api/v1/api-keys/key-{key_id}", headers=bearer(tenant.key))
        assert r.status_code == 200, r.text
        r = b.get(JOBS, headers=bearer(key))
        assert r.status_code == 401, r.text
        assert r.json()["error"]["code"] == "invalid_api_key"

        # Revoked by the CLI (its own process, no key cache): both apps refuse it at once.
        other_id, other = tenant.new_key(["read"])
        assert a.get(JOBS, headers=bearer(other)).status_code == 200
        assert b.get(JOBS, headers=bearer(other)).status_code == 200
        env = {"PEOPLELENS_DATABASE_URL": database_url, "PEOPLELENS_REDIS_URL": redis_url}
        result = CliRunner().invoke(main, ["api-keys", "revoke", f"key-{other_id}"], env=env)
        assert result.exit_code == 0, result.output
        assert a.get(JOBS, headers=bearer(other)).status_code == 401
        assert b.get(JOBS, headers=bearer(other)).status_code == 401
        # a key nobody revoked is untouched by the others' markers
        assert b.get(JOBS, headers=bearer(tenant.key)).status_code == 200
    store.close()


def test_an_unreachable_redis_falls_back_to_this_process_counted_and_warned_once(
    settings: Settings, db: Database
) -> None:
    """Redis away (README, "Rate limits"): no 500, the limit still holds in this process
    (counted in its memory, with its headers), the metric counts every request that could not
    reach Redis, and the warning is not repeated per request."""
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    tenant = make_tenant(db, rate_limit=2)
    before = RATE_LIMIT_STORE_ERRORS._value.get()
    warned = Kept()
    logging.getLogger("peoplelens.shared_store").addHandler(warned)
    try:
        with TestClient(create_app(settings.model_copy(update={"redis_url": dead}))) as client:
            answers = [client.get(JOBS, headers=bearer(tenant.key)) for _ in range(5)]
    finally:
        logging.getLogger("peoplelens.shared_store").removeHandler(warned)
    assert [r.status_code for r in answers] == [200, 200, 429, 429, 429]  # its limit is 2
    assert [r.headers.get("ratelimit-remaining") for r in answers[:2]] == ["1", "0"]
    assert RATE_LIMIT_STORE_ERRORS._value.get() - before == 5
    warnings = [r for r in warned.records if "shared_store.unavailable" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING


@pytest.mark.parametrize(
    "value", ["http://127.0.0.1:6379", "redis://", "127.0.0.1:6379", "unix://", "redis://h:x/0"]
)
def test_a_bad_redis_url_stops_the_start_naming_the_variable(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEOPLELENS_REDIS_URL", value)
    with pytest.raises(ConfigError, match="PEOPLELENS_REDIS_URL"):
        load_settings()


def test_the_older_rate_limit_storage_url_names_the_same_redis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PEOPLELENS_RATE_LIMIT_STORAGE_URL", "rediss://cache.internal:6380/2")
    assert load_settings().shared_redis_url() == "rediss://cache.internal:6380/2"
    monkeypatch.setenv("PEOPLELENS_REDIS_URL", "redis://other:6379/0")
    with pytest.raises(ConfigError, match="PEOPLELENS_REDIS_URL alone"):
        load_settings()
    monkeypatch.delenv("PEOPLELENS_RATE_LIMIT_STORAGE_URL")
    monkeypatch.setenv("PEOPLELENS_REDIS_URL", " ")
    assert load_settings().shared_redis_url() is None


def test_a_redis_that_never_answers_costs_one_timeout_per_pause(
    settings: Settings, db: Database
) -> None:
    """A hanging Redis (it accepts, then says nothing): the first check waits out its
    0.25 s timeout, the next ones within the pause fail at once — ten requests do not take
    ten timeouts."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # the kernel completes the connection; nobody ever reads or writes
        port = silent.getsockname()[1]
        tenant = make_tenant(db, rate_limit=100)
        update = {"redis_url": f"redis://127.0.0.1:{port}/0"}
        with TestClient(create_app(settings.model_copy(update=update))) as client:
            started = time.monotonic()
            answers = [client.get(JOBS, headers=bearer(tenant.key)) for _ in range(10)]
            spent = time.monotonic() - started
    assert [r.status_code for r in answers] == [200] * 10
    assert [r.headers.get("ratelimit-remaining") for r in answers] == [
        str(99 - i) for i in range(10)
    ]
    assert spent < 10 * TIMEOUT_SECONDS / 2, spent


@pytest.mark.parametrize(
    ("wire", "reply", "rest"),
    [
        (b"*4\r\n:1\r\n:3\r\n:59000\r\n:0\r\n+OK", [1, 3, 59000, 0], b"+OK"),
        (b"$5\r\nhello\r\n", b"hello", b""),
        (b"$-1\r\n", None, b""),
        (b"+OK\r\n", "OK", b""),
        (b"*2\r\n:1\r\n", "incomplete", b""),
        (b"$5\r\nhel", "incomplete", b""),
    ],
)
def test_the_lane_reads_each_reply_and_waits_for_the_rest(
    wire: bytes, reply: object, rest: bytes
) -> None:
    found = parse(wire)
    if reply == "incomplete":
        assert found is None
        return
    assert found is not None
    assert found[0] == reply and wire[found[1] :] == rest


def test_the_lane_turns_an_error_reply_into_an_exception_and_frames_commands() -> None:
    found = parse(b"-NOSCRIPT No matching script\r\n")
    assert found is not None and isinstance(found[0], LaneError)
    assert str(found[0]).startswith("NOSCRIPT")
    assert encode("GET", "k", 12) == b"*3\r\n$3\r\nGET\r\n$1\r\nk\r\n$2\r\n12\r\n"


def test_the_lane_signs_in_selects_the_database_and_speaks_over_a_unix_socket(
    tmp_path: Path,
) -> None:
    """The request path's connection does what redis-py does with the same URL: AUTH with the
    URL's password, SELECT its database, or a unix:// socket."""
    port, sock = free_port(), tmp_path / "redis.sock"
    extra = ("--requirepass", "s3cret", "--unixsocket", str(sock), "--unixsocketperm", "700")
    with own_redis(port, tmp_path, *extra):
        for url in (f"redis://:s3cret@127.0.0.1:{port}/3", f"unix://:s3cret@{sock}?db=3"):
            store = SharedStore(url)
            found = asyncio.run(store.hit("peoplelens:test", 5))
            assert found[:2] == (True, 1) and 59 < found[2] <= 60 and found[3] is False
            # redis-py, given the same URL, sees the count in the same database
            assert redis.Redis.from_url(url).get("peoplelens:test") == b"1"
            redis.Redis.from_url(url).delete("peoplelens:test")
            store.close()
        wrong = SharedStore(f"redis://:wrong@127.0.0.1:{port}/3")
        with pytest.raises(StoreUnavailable):
            asyncio.run(wrong.hit("peoplelens:test", 5))


def test_the_candidate_sides_address_budget_is_shared_by_page_and_json_routes(
    settings: Settings, redis_url: str
) -> None:
    """The per-address budget through Redis from both paths that count it: the booking page's
    synchronous handler (the blocking client) and the JSON token route (the event loop's)."""
    shared = settings.model_copy(update={"redis_url": redis_url, "link_rate_limit_per_minute": 4})
    token = "not-a-real-token-" + "x" * 30
    with TestClient(create_app(shared)) as a, TestClient(create_app(shared)) as b:
        page, json_route = f"/book/{token}", f"/api/v1/interview-sessions/{token}"
        seen = [a.get(page), b.get(json_route), b.get(page), a.get(json_route), a.get(page)]
    assert [r.status_code for r in seen[:4]] == [404] * 4
    assert [r.headers.get("ratelimit-remaining") for r in seen[1:4:2]] == ["2", "0"]
    assert seen[4].status_code == 429 and int(seen[4].headers["retry-after"]) >= 1
