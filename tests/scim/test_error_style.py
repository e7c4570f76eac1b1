"""The middleware's own answers (500, 413) under /scim/v2 are SCIM errors too; elsewhere they
stay our envelope."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.kit.http_errors import install_error_handlers, use_error_style
from peoplelens.kit.middleware import RequestContextMiddleware
from peoplelens.scim.errors import scim_error
from tests.scim.conftest import assert_scim_error


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    use_error_style(app, "/scim/v2", scim_error)

    @app.get("/scim/v2/boom")
    @app.get("/api/v1/boom")
    def boom() -> Any:
        raise RuntimeError("a bug")

    app.add_middleware(
        RequestContextMiddleware,
        max_json_bytes=10,
        max_upload_bytes=10,
        error_styles=app.state.error_styles,
    )
    return app


def test_a_bug_is_a_scim_500_under_scim() -> None:
    client = TestClient(_app(), raise_server_exceptions=False)
    body = assert_scim_error(client.get("/scim/v2/boom"), 500)
    assert "a bug" not in body["detail"]
    r = client.get("/api/v1/boom")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"


def test_too_large_is_a_scim_413_under_scim() -> None:
    client = TestClient(_app())
    assert_scim_error(client.post("/scim/v2/boom", content=b"x" * 100), 413)
    assert client.post("/api/v1/boom", content=b"x" * 100).json()["error"]["code"] == (
        "payload_too_large"
    )
