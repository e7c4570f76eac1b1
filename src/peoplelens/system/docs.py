"""The API reference pages, /docs (Swagger UI) and /redoc (ReDoc), with no CDN.

FastAPI's own pages load their JavaScript and CSS from a CDN: offline (an air-gapped install, a
laptop on a train) /docs stays blank, and online every visit tells a third party about it. Here
the files come from the PyPI package ``fastapi-offline``, which ships Swagger UI 5 and ReDoc 2
as package data; we use its files only, mounted under ``/docs/assets``, with FastAPI's own page
helpers. (``swagger-ui-bundle`` ships Swagger UI 4, which refuses FastAPI's OpenAPI 3.1 document:
"Unable to render this definition".)

Swagger UI's validator badge is switched off (it would send the document's URL to
validator.swagger.io), and a Content-Security-Policy keeps the pages on this origin. No OAuth2
redirect page: the API's only scheme is a bearer API key.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_PATH = "/docs/assets"
SWAGGER_JS = "swagger-ui-bundle.js"
SWAGGER_CSS = "swagger-ui.css"
REDOC_JS = "redoc.standalone.js"
FAVICON = "favicon.png"

# Whatever the bundles would load from elsewhere, the browser refuses it (ReDoc's footer logo
# comes from cdn.redoc.ly). FastAPI's pages carry an inline script and the bundles inject
# styles, hence 'unsafe-inline'; ReDoc's search runs in a blob: worker.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def assets_dir() -> Path:
    """The directory holding the page assets; fails at start-up if the package lacks one."""
    directory = Path(str(files("fastapi_offline").joinpath("static")))
    missing = [
        name
        for name in (SWAGGER_JS, SWAGGER_CSS, REDOC_JS, FAVICON)
        if not (directory / name).is_file()
    ]
    if missing:
        raise RuntimeError(
            f"the API reference assets {missing} are missing from {directory}: "
            "reinstall fastapi-offline (requirements/runtime.lock)"
        )
    return directory


def install_docs(app: FastAPI, *, docs_url: str = "/docs", redoc_url: str = "/redoc") -> None:
    """Serve /docs and /redoc from local assets (create the app with docs_url=redoc_url=None)."""
    openapi_url = app.openapi_url
    if openapi_url is None:
        raise ValueError("the API reference pages need the OpenAPI document (openapi_url)")
    app.mount(ASSETS_PATH, StaticFiles(directory=assets_dir()), name="docs-assets")
    title = app.title

    def base(request: Request) -> str:
        root: str = request.scope.get("root_path", "")
        return root.rstrip("/")

    @app.get(docs_url, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = base(request)
        page = get_swagger_ui_html(
            openapi_url=root + openapi_url,
            title=f"{title} - Swagger UI",
            swagger_js_url=f"{root}{ASSETS_PATH}/{SWAGGER_JS}",
            swagger_css_url=f"{root}{ASSETS_PATH}/{SWAGGER_CSS}",
            swagger_favicon_url=f"{root}{ASSETS_PATH}/{FAVICON}",
            swagger_ui_parameters={"validatorUrl": None},
        )
        page.headers.update(PAGE_HEADERS)
        return page

    @app.get(redoc_url, include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = base(request)
        page = get_redoc_html(
            openapi_url=root + openapi_url,
            title=f"{title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS_PATH}/{REDOC_JS}",
            redoc_favicon_url=f"{root}{ASSETS_PATH}/{FAVICON}",
            with_google_fonts=False,
        )
        page.headers.update(PAGE_HEADERS)
        return page
