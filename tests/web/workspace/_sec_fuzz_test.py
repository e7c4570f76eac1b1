"""Security fuzz of every workspace POST (scratch)."""
from __future__ import annotations
import pytest
from fastapi import FastAPI
from tests.factories import Api, TenantHandle, browser_client
from tests.test_route_matrix import World
from tests.web.workspace.test_page_matrix import CASES

POSTS = sorted(k for k in CASES if k[0] == "POST")

MUTATIONS = {
    "nul": lambda v: v + "\x00x",
    "huge": lambda v: "9" * 200_000,
    "digits5000": lambda v: "9" * 5000,
    "superscript": lambda v: "²",
    "unicode_digit": lambda v: "٣",
    "neg": lambda v: "-1",
    "float": lambda v: "1e308",
    "empty": lambda v: "",
    "space": lambda v: "   ",
    "ctrl": lambda v: "a\r\nb\x1b",
    "idwrong": lambda v: "job-00000000-0000-0000-0000-000000000000",
    "lone_surrogate_pct": None,
}

@pytest.mark.parametrize("route", POSTS, ids=lambda r: r[1])
def test_fuzz(route, app: FastAPI, api: Api, tenant: TenantHandle) -> None:
    client = browser_client(app, raise_server_exceptions=False)
    world = World(api, tenant, app.state.runtime.secret_key)
    admin = world.person("admin")
    hdr = {"Cookie": f"pl_session={admin.cookie}"}
    fails = []
    base = CASES[route](world)
    fields = dict(base.form)
    # add extra likely-field names
    extra = ["back", "next", "order", "q0.text", "q0.order", "q0.max_follow_ups", "q0.type", "q0.id", "q0.remove", "use_resume", "language", "avatar_id", "enabled", "role", "template_id", "status", "stage", "job_id", "linkedin_url", "overall_score", "recommendation", "url", "issuer", "jit_role", "allowed_domains", "reply_to", "from_name", "email", "first_name", "file",
             "title", "expires_in_hours", "send_email", "scopes", "events", "expires_at",
             "criterion_score_1", "criterion_name_1", "notes", "since", "action"]
    names = set(fields) | set(extra)
    def send(desc, **kw):
        kw.setdefault("headers", hdr)
        r = client.post(base.path, follow_redirects=False, **kw)
        if r.status_code >= 500 or "text/html" not in r.headers.get("content-type", "") and r.status_code >= 400:
            fails.append((desc, r.status_code, r.headers.get("content-type"), r.text[:200]))
        return r
    for name in names:
        for mname, mut in MUTATIONS.items():
            if mut is None:
                continue
            form = dict(fields)
            form[name] = mut(fields.get(name, "1"))
            form["csrf_token"] = admin.csrf
            send(f"{name}:{mname}", data=form)
        # file where text expected
        form = dict(fields); form["csrf_token"] = admin.csrf
        form.pop(name, None)
        send(f"{name}:file", data=form, files={name: ("x.txt", b"hello", "text/plain")})
        # duplicated
        pairs = list({**fields, "csrf_token": admin.csrf}.items()) + [(name, "a"), (name, "b")]
        send(f"{name}:dup", content="&".join(f"{k}={v}" for k, v in pairs).encode(),
             headers={**hdr, "Content-Type": "application/x-www-form-urlencoded"})
    # wrong content types
    send("json", json={**fields, "csrf_token": admin.csrf})
    send("textplain", content=b"a=b", headers={**hdr, "Content-Type": "text/plain"})
    send("nocontenttype", content=b"", headers={**hdr})
    send("multipart-broken", content=b"--x\r\nbad", headers={**hdr, "Content-Type": "multipart/form-data; boundary=x"})
    send("multipart-noboundary", content=b"abc", headers={**hdr, "Content-Type": "multipart/form-data"})
    send("urlenc-badpct", content=b"csrf_token=" + admin.csrf.encode() + b"&x=%ff%fe%ZZ&title=%00",
         headers={**hdr, "Content-Type": "application/x-www-form-urlencoded"})
    send("urlenc-latin1", content=("csrf_token=" + admin.csrf + "&title=\xe9").encode("latin-1"),
         headers={**hdr, "Content-Type": "application/x-www-form-urlencoded"})
    send("two-files", data={**fields, "csrf_token": admin.csrf}, files=[("file", ("a", b"a")), ("file2", ("b", b"b"))])
    send("many-fields", content="&".join(f"f{i}=1" for i in range(1000)).encode() + b"&csrf_token=" + admin.csrf.encode(),
         headers={**hdr, "Content-Type": "application/x-www-form-urlencoded"})
    # csrf as header only with multipart
    send("csrf-header-json", json=fields, headers={**hdr, "X-CSRF-Token": admin.csrf})
    assert not fails, "\n".join(map(str, fails))
