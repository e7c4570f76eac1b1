"""Schema fuzzing: schemathesis (pinned in pyproject) against a live `peoplelens serve`.

Every operation of /openapi.json, with a real admin key, through the examples, coverage,
fuzzing and stateful phases, with every check schemathesis has (no 5xx, status codes, content
types, headers and bodies as documented, invalid input rejected, valid input accepted, auth
enforced). CI runs at least ``PEOPLELENS_FUZZ_MIN_REQUESTS`` (5,000) requests; ``make fuzz``
runs a larger budget. The candidate-side conversation routes are fuzzed too — with a real
booking token in the path, so the fuzzer gets past the 404.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.databases import throwaway_database
from tests.live_server import BIN, live_server

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
BASE_CONFIG = Path(__file__).parent / "schemathesis.toml"  # the few documented relaxations
EXAMPLES = int(os.environ.get("PEOPLELENS_FUZZ_EXAMPLES", "60"))
MIN_REQUESTS = int(os.environ.get("PEOPLELENS_FUZZ_MIN_REQUESTS", "5000"))
SEED = os.environ.get("PEOPLELENS_FUZZ_SEED", "20261128")


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN), *args], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def _count(har: Path, ndjson: Path) -> tuple[int, set[str]]:
    """Requests sent (schemathesis's HAR log of every call) and operations exercised."""
    requests = len(json.loads(har.read_text())["log"]["entries"])
    operations = set()
    for line in ndjson.read_text().splitlines():
        finished = json.loads(line).get("ScenarioFinished")
        label = finished and finished.get("recorder", {}).get("label")
        if label and label.split(" ", 1)[0].isupper():
            operations.add(label)
    return requests, operations


def _run(
    base: str, key: str, workdir: Path, *extra: str, config: str = ""
) -> tuple[int, set[str], str]:
    run_no = len(list(workdir.glob("events-*")))
    ndjson = workdir / f"events-{run_no}.ndjson"
    har = workdir / f"requests-{run_no}.har"
    config_file = workdir / f"schemathesis-{run_no}.toml"
    config_file.write_text(BASE_CONFIG.read_text() + "\n" + config)
    done = subprocess.run(
        [
            str(SCHEMATHESIS),
            "--config-file",
            str(config_file),
            "run",
            f"{base}/openapi.json",
            "--header",
            f"Authorization: Bearer {key}",
            "--checks",
            "all",
            "--max-examples",
            str(EXAMPLES),
            "--seed",
            SEED,
            "--generation-deterministic",
            "--report",
            "ndjson,har",
            "--report-ndjson-path",
            str(ndjson),
            "--report-har-path",
            str(har),
            "--no-color",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        cwd=workdir,
    )
    (workdir / f"schemathesis-{run_no}.out").write_text(done.stdout + done.stderr)
    assert har.exists(), (done.stdout + done.stderr)[-5000:]
    requests, operations = _count(har, ndjson)
    # Long generated bodies are cut per line so every finding stays in the message.
    report = "\n".join(line[:400] for line in (done.stdout + done.stderr).splitlines())
    assert done.returncode == 0, report[-20000:]
    return requests, operations, done.stdout


@pytest.mark.fuzz
@pytest.mark.slow
def test_schemathesis_finds_nothing(tmp_path: Path) -> None:
    # Its own database: the fuzzer leaves thousands of odd rows (webhook endpoints included)
    # that the rest of the suite must not inherit.
    with (
        throwaway_database(tmp_path) as database_url,
        live_server(
            database_url,
            tmp_path,
            PEOPLELENS_EMBEDDED_WORKER="false",
            PEOPLELENS_RATE_LIMIT_PER_MINUTE="100000000",
            PEOPLELENS_LINK_RATE_LIMIT_PER_MINUTE="100000000",
            # Generated webhook hosts ("http://a0") resolve nowhere; the SSRF rules have their own
            # tests (tests/webhooks), here the schema is under test.
            PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS="true",
        ) as (base, env),
    ):
        _cli(env, "tenants", "create", "fuzz", "--name", "Fuzz")
        key = _cli(env, "api-keys", "create", "--tenant", "fuzz").strip().splitlines()[-1]
        api = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"})
        # A candidate with an open invitation: its token lets the conversation routes be
        # fuzzed past the lookup.
        candidate = api.post(
            "/api/v1/candidates",
            json={"first_name": "Fuzz", "last_name": "Target", "email": "fuzz@example.com"},
        ).json()
        template = api.post(
            "/api/v1/templates",
            json={
                "title": "Screen",
                "structure_template": [{"text": "Tell me about a project.", "type": "technical"}],
            },
        ).json()
        invited = api.post(
            "/api/v1/interviews/invite",
            json={"candidate_id": candidate["id"], "template_id": template["id"]},
        ).json()
        token = invited["booking_link"]["url"].rstrip("/").rsplit("/", 1)[-1]

        requests, operations, _ = _run(base, key, tmp_path)
        token_requests, token_operations, _ = _run(
            base,
            key,
            tmp_path,
            "--include-path-regex",
            "^/api/v1/interview-sessions/",
            "--phases",
            "examples,coverage,fuzzing",
            config=f'[parameters]\n"path.token" = "{token}"\n',
        )
        # The inbound webhooks answer an admin key 403: fuzzed again with an ATS's own key.
        inbound_key = (
            _cli(env, "api-keys", "create", "--tenant", "fuzz", "--scope", "inbound")
            .strip()
            .splitlines()[-1]
        )
        inbound_requests, _, _ = _run(
            base, inbound_key, tmp_path, "--include-path-regex", "^/api/v1/inbound/"
        )
        assert inbound_requests > 0
    total = requests + token_requests + inbound_requests
    print(
        f"\nschemathesis: {total} requests, {len(operations | token_operations)} operations "
        f"({token_requests} on the conversation API with a real token)"
    )
    assert total >= MIN_REQUESTS, f"only {total} requests generated"
    assert token_requests > 0
