"""The API reference pages load every file from this server: no CDN, no third-party request."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

CONTENT_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
}


class _Assets(HTMLParser):
    """Every <script src> and <link href> (and <img src>) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        url = found.get("href") if tag == "link" else found.get("src")
        if tag in {"script", "link", "img"} and url:
            self.urls.append(url)


def _asset_urls(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


@pytest.mark.parametrize(
    ("page", "needed"),
    [
        ("/docs", {"swagger-ui-bundle.js", "swagger-ui.css"}),
        ("/redoc", {"redoc.standalone.js"}),
    ],
)
class TestReferencePages:
    def test_page_answers_html(self, client: TestClient, page: str, needed: set[str]) -> None:
        response = client.get(page)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert "/openapi.json" in response.text
        # Whatever a bundle would fetch from elsewhere, the browser refuses (tests/web too).
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "img-src 'self' data:;" in policy
        assert "frame-ancestors 'none'" in policy

    def test_every_asset_is_a_same_origin_path(
        self, client: TestClient, page: str, needed: set[str]
    ) -> None:
        html = client.get(page).text
        urls = _asset_urls(html)
        assert {url.rsplit("/", 1)[-1] for url in urls} >= needed
        for url in urls:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, f"{page} loads {url} from elsewhere"
            assert url.startswith("/") and not url.startswith("//"), url
        # No absolute URL anywhere in the page: no CDN, no fonts, no validator badge.
        assert "http://" not in html and "https://" not in html

    def test_every_asset_is_served(self, client: TestClient, page: str, needed: set[str]) -> None:
        for url in _asset_urls(client.get(page).text):
            response = client.get(url)
            assert response.status_code == 200, url
            suffix = url[url.rindex(".") :]
            assert response.headers["content-type"].startswith(CONTENT_TYPES[suffix]), url
            assert len(response.content) > 100, url


def test_the_document_the_pages_read(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")  # Swagger UI 5 reads it; Swagger UI 4 cannot
    assert "/api/v1/candidates/{id}" in document["paths"]
    assert not any(path.startswith(("/docs", "/redoc")) for path in document["paths"])
