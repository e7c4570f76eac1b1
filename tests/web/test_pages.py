"""The candidate's page as HTML (no browser needed): the words around the company's name."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from peoplelens.db import Database
from tests.factories import Api, make_tenant, token_of
from tests.web.workspace.conftest import text_of


@pytest.mark.parametrize(
    ("company", "sentence"),
    [
        ("Demo Recruiting Co.", "thank you for applying to Demo Recruiting Co. Before"),
        ("Yahoo!", "thank you for applying to Yahoo! Before"),
        ("Initech", "thank you for applying to Initech. Before"),
    ],
)
def test_one_full_stop_after_the_company(
    client: TestClient, db: Database, company: str, sentence: str
) -> None:
    api = Api(client, make_tenant(db, name=company).key)
    invite = api.invite(api.candidate(first_name="Kim")["id"], api.template()["id"])
    response = client.get(f"/book/{token_of(invite)}")
    assert response.status_code == 200
    text = text_of(response.text)
    assert f"Hello Kim, {sentence}" in text
    assert ".." not in text and "!." not in text
