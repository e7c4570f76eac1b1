"""A real OpenID provider for the SSO tests: ``tests/oidc/provider/server.mjs`` (panva's
oidc-provider, installed by ``make oidc-provider``) on a free 127.0.0.1 port, and a driver that
signs in through its development login form the way a browser would."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import httpx2 as httpx
import pytest

from tests.live_server import free_port

PROVIDER_DIR = Path(__file__).resolve().parent.parent / "oidc" / "provider"
CLIENT_ID = "peoplelens"
CLIENT_SECRET = "peoplelens-secret"  # the test provider's (server.mjs)
OTHER_CLIENT_ID = "other-app"
# Our callback as the TestClient sees it (tests/conftest.py: public_url = http://testserver).
CALLBACK = "http://testserver/auth/oidc/callback"


def provider_missing() -> str | None:
    """Why the provider cannot run here, or None."""
    if shutil.which("node") is None:
        return "no node on this machine"
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        return "oidc-provider is not installed (make oidc-provider)"
    return None


def skip_without_provider() -> pytest.MarkDecorator:
    reason = provider_missing()
    return pytest.mark.skipif(reason is not None, reason=f"SSO flow tests need {reason}")


@contextmanager
def oidc_provider(redirect_uris: list[str], workdir: Path) -> Iterator[str]:
    """Starts the provider; yields its issuer URL once its discovery document answers."""
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    log = (workdir / "oidc-provider.log").open("wb")
    proc = subprocess.Popen(
        ["node", "server.mjs", str(port)],
        cwd=PROVIDER_DIR,
        env={**os.environ, "OIDC_REDIRECT_URIS": ",".join(redirect_uris)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                url = f"{issuer}/.well-known/openid-configuration"
                if httpx.get(url, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((workdir / "oidc-provider.log").read_text())
            time.sleep(0.1)
        yield issuer
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*method="post"', re.I)
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', re.I)


def sign_in_at_provider(authorization_url: str, login: str, callback_prefix: str) -> str:
    """Follows the provider's pages from ``authorization_url`` as a browser: types ``login``
    into its login form, continues past consent; returns the URL it sends the browser back to
    (our callback with ``code`` and ``state``)."""
    with httpx.Client(timeout=10) as browser:
        response = browser.get(authorization_url)
        for _ in range(12):
            if response.is_redirect:
                target = urljoin(str(response.url), response.headers["location"])
                if target.startswith(callback_prefix):
                    return target
                response = browser.get(target)
                continue
            assert response.status_code == 200, response.text
            page = response.text
            action = _FORM.search(page)
            assert action is not None, page
            form = {name: html.unescape(value) for name, value in _HIDDEN.findall(page)}
            if 'name="login"' in page:
                form |= {"login": login, "password": "any"}
            response = browser.post(urljoin(str(response.url), html.unescape(action[1])), data=form)
    raise AssertionError("the provider never sent the browser back")
