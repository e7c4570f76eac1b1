"""The workspace's page tests: people signed in by cookie, pages fetched as HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import httpx2 as httpx
from fastapi.testclient import TestClient

from tests.factories import Person


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    """The page's visible words, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


class Visitor:
    """A signed-in person on the test client: GETs, and form posts carrying the session's CSRF
    token (``csrf=False`` leaves it out). Redirects are not followed (tests look at them)."""

    def __init__(self, client: TestClient, person: Person) -> None:
        self.client = client
        self.person = person

    @property
    def _cookie(self) -> dict[str, str]:
        return {"Cookie": f"pl_session={self.person.cookie}"}

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path, headers=self._cookie, follow_redirects=False)

    def follow(self, r: httpx.Response) -> httpx.Response:
        """The page a post redirected to, as the browser gets it: with the cookies the post
        set (its message, a secret shown once)."""
        assert r.status_code == 303, r.text
        jar = {"pl_session": self.person.cookie}
        for header in r.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0].strip('"')
            if value and "max-age=0" not in header.lower():
                jar[name.strip()] = value
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        return self.client.get(r.headers["location"], headers={"Cookie": cookie})

    def post(self, path: str, data: dict[str, str], *, csrf: bool = True) -> httpx.Response:
        form = dict(data)
        if csrf:
            form["csrf_token"] = self.person.csrf
        return self.client.post(path, data=form, headers=self._cookie, follow_redirects=False)
