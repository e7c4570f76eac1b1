"""A real `peoplelens serve` process, driven the way users drive it: the CLI and curl.

The curl lines are copied verbatim from the seed page of the PeopleLens reference
(shared/seed); only the host, `{id}` and `<YOUR_API_KEY>` are filled in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import httpx2 as httpx
import pytest

from peoplelens.config import Settings
from tests.factories import Api
from tests.live_server import BIN, live_server

# Live `peoplelens serve` processes and the CLI: `make test-fast` skips them.
pytestmark = pytest.mark.slow


SEED_CURLS = {
    "get": '''curl -X GET "https://your-tenant.peoplelensai.com/api/v1/candidates/{id}" \\
-H "Authorization: Bearer <YOUR_API_KEY>" \\
-H "Content-Type: application/json"''',
    "patch": """curl -X PATCH "https://your-tenant.peoplelensai.com/api/v1/candidates/{id}" \\
-H "Authorization: Bearer <YOUR_API_KEY>" \\
-H "Content-Type: application/json" \\
-d '{"first_name":"string","last_name":"string","email":"string","status":"active","external_id":"string","metadata":{}}\'""",  # noqa: E501 — verbatim
    "delete": '''curl -X DELETE "https://your-tenant.peoplelensai.com/api/v1/candidates/{id}" \\
-H "Authorization: Bearer <YOUR_API_KEY>" \\
-H "Content-Type: application/json"''',
    "status": '''curl -X GET "https://your-tenant.peoplelensai.com/api/v1/candidates/{id}/status" \\
-H "Authorization: Bearer <YOUR_API_KEY>" \\
-H "Content-Type: application/json"''',
}


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def live(
    database_url: str, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, dict[str, str]]]:
    # No embedded worker here: test_worker_command_assesses proves the separate process. The
    # files are the session's: the same database's documents.
    with live_server(
        database_url,
        tmp_path_factory.mktemp("live"),
        PEOPLELENS_EMBEDDED_WORKER="false",
        PEOPLELENS_STORAGE_URL=settings.storage_url,
    ) as served:
        yield served


def _curl(line: str, base: str, key: str, candidate_id: str) -> tuple[int, dict[str, object]]:
    command = (
        line.replace("https://your-tenant.peoplelensai.com", base)
        .replace("<YOUR_API_KEY>", key)
        .replace("{id}", candidate_id)
    )
    out = subprocess.run(
        ["bash", "-c", command + ' -s -w "\\n%{http_code}"'],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    body, _, code = out.rpartition("\n")
    return int(code), json.loads(body)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_seed_curl_lines_verbatim(live: tuple[str, dict[str, str]]) -> None:
    base, env = live
    demo = _cli(env, "demo")
    assert demo.returncode == 0, demo.stderr
    key = demo.stdout.strip().splitlines()[-1]
    assert key.startswith("pl_live_")
    listed = httpx.get(
        f"{base}/api/v1/candidates",
        params={"email": "jane.doe@example.com"},
        headers={"Authorization": f"Bearer {key}"},
    ).json()
    cid = listed["data"][0]["id"]

    code, body = _curl(SEED_CURLS["get"], base, key, cid)
    assert code == 200
    assert body["id"] == cid and body["first_name"] == "Jane"
    assert body["job_searches"] == {
        "id": body["job_id"],
        "title": "Frontend Developer",
        "status": "active",
    }

    code, body = _curl(SEED_CURLS["status"], base, key, cid)
    assert code == 200 and body["candidate_name"] == "Jane Doe"
    assert body["status"] == "in_progress"
    assert body["latest_interview"]["total_steps"] == 2  # type: ignore[index]

    # The reference's placeholder body has "email":"string": refused, naming the field.
    code, body = _curl(SEED_CURLS["patch"], base, key, cid)
    assert code == 422 and body["error"]["param"] == "email"  # type: ignore[index]
    code, body = _curl(
        SEED_CURLS["patch"].replace('"email":"string"', '"email":"jane.doe@example.com"'),
        base,
        key,
        cid,
    )
    assert code == 200 and body["first_name"] == "string" and body["status"] == "active"
    assert body["external_id"] == "string"

    code, body = _curl(SEED_CURLS["delete"], base, key, cid)
    assert code == 200 and body == {"id": cid, "deleted": True}
    code, body = _curl(SEED_CURLS["get"], base, key, cid)
    assert code == 404 and body["error"]["type"] == "not_found_error"  # type: ignore[index]


def test_cli_tenants_and_keys(live: tuple[str, dict[str, str]]) -> None:
    base, env = live
    slug = f"cli-{os.urandom(4).hex()}"
    made = _cli(env, "tenants", "create", slug, "--name", "CLI Co")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["slug"] == slug
    assert _cli(env, "tenants", "create", slug, "--name", "again").returncode != 0

    created = _cli(env, "api-keys", "create", "--tenant", slug, "--scope", "read")
    assert created.returncode == 0, created.stderr
    lines = created.stdout.strip().splitlines()
    key = lines[-1]
    key_id = lines[0].split()[1]
    headers = {"Authorization": f"Bearer {key}"}
    assert httpx.get(f"{base}/api/v1/candidates", headers=headers).status_code == 200
    assert (
        httpx.post(f"{base}/api/v1/jobs", headers=headers, json={"title": "x"}).status_code == 403
    )

    revoked = _cli(env, "api-keys", "revoke", key_id)
    assert revoked.returncode == 0, revoked.stderr
    # Revoked in another process: the server's key cache lets it go within the stated bound
    # (PEOPLELENS_API_KEY_CACHE_SECONDS, default 2 s), never later.
    started = time.monotonic()
    while httpx.get(f"{base}/api/v1/candidates", headers=headers).status_code != 401:
        assert time.monotonic() - started < 2.0 + 0.5, "revocation exceeded the stated bound"
        time.sleep(0.05)
    assert _cli(env, "api-keys", "revoke", key_id).returncode != 0


def test_openapi_command_and_docs(live: tuple[str, dict[str, str]]) -> None:
    base, env = live
    printed = _cli(env, "openapi")
    assert printed.returncode == 0
    doc = json.loads(printed.stdout)
    assert "/api/v1/candidates/{id}/status" in doc["paths"]
    response = httpx.get(f"{base}/openapi.json")
    assert response.json()["paths"].keys() == doc["paths"].keys()
    assert "server" not in response.headers  # no software banner
    assert httpx.get(f"{base}/docs").status_code == 200


def test_worker_command_assesses(live: tuple[str, dict[str, str]], api: Api) -> None:
    """`peoplelens worker` as its own process picks up queued scoring."""
    done = api.complete_interview()
    _, env = live
    proc = subprocess.Popen(
        [str(BIN), "worker"],
        env={**env, "PEOPLELENS_EMBEDDED_WORKER": "false"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            card = api.get(f"/api/v1/interviews/{done['invite']['plan_id']}/scorecard").json()
            if card["assessments"][0]["scorecard"] is not None:
                break
            assert time.monotonic() < deadline
            time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
