"""`peoplelens serve` hands out links on the port it serves, unless PEOPLELENS_PUBLIC_URL says
otherwise (`make run PORT=8123` used to print booking links on :8000)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx2 as httpx
import pytest

from peoplelens.cli import follow_listen_address, listen_url
from tests.live_server import BIN, live_server


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_booking_links_follow_the_port(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'serve.db'}"
    with live_server(database_url, tmp_path, public_url=False) as (base, env):
        assert "PEOPLELENS_PUBLIC_URL" not in env
        port = base.rsplit(":", 1)[1]
        _cli(env, "tenants", "create", "port-co", "--name", "Port Co")
        key = _cli(env, "api-keys", "create", "--tenant", "port-co").strip().splitlines()[-1]
        api = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"})
        candidate = api.post(
            "/api/v1/candidates",
            json={"first_name": "Pat", "last_name": "Port", "email": "pat@example.com"},
        )
        assert candidate.status_code == 201, candidate.text
        template = api.post(
            "/api/v1/templates",
            json={
                "title": "Screening",
                "structure_template": [{"text": "Tell me about your work.", "type": "behavioral"}],
            },
        )
        assert template.status_code == 201, template.text
        invite = api.post(
            "/api/v1/interviews/invite",
            json={"candidate_id": candidate.json()["id"], "template_id": template.json()["id"]},
        )
        assert invite.status_code == 201, invite.text
        url = invite.json()["booking_link"]["url"]
        assert url.startswith(f"http://127.0.0.1:{port}/book/")
        assert httpx.get(url).status_code == 200  # and the link opens on this very server
        assert f"links point to http://127.0.0.1:{port}" in (tmp_path / "server.log").read_text()


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8123"),
        ("0.0.0.0", "http://127.0.0.1:8123"),  # every interface: this machine is one of them
        ("::", "http://127.0.0.1:8123"),
        ("::1", "http://[::1]:8123"),
        ("hire.internal", "http://hire.internal:8123"),
    ],
)
def test_listen_url(host: str, url: str) -> None:
    assert listen_url(host, 8123) == url


def test_an_explicit_public_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEOPLELENS_PUBLIC_URL", "https://jobs.example.com")
    assert follow_listen_address("0.0.0.0", 8123) == "https://jobs.example.com"
    monkeypatch.delenv("PEOPLELENS_PUBLIC_URL")
    assert follow_listen_address("0.0.0.0", 8123) == "http://127.0.0.1:8123"
