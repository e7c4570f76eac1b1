"""The OpenID provider for the SSO flow tests (one per session; see provider.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sso.provider import CALLBACK, oidc_provider, provider_missing


@pytest.fixture(scope="session")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    reason = provider_missing()
    if reason is not None:
        pytest.skip(f"SSO flow tests need {reason}")
    with oidc_provider([CALLBACK], tmp_path_factory.mktemp("oidc")) as url:
        yield url
