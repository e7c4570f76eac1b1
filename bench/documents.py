"""Documents: upload throughput, parse time per format, and memory while refusing 100 MB.

    .venv/bin/python bench/documents.py [--uploads 60] [--rounds 3]
    PEOPLELENS_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/documents.py

* **Upload**: ``POST /candidates/{id}/documents`` through the app in process (judging by
  content, storing the file in a directory, the row, the event, the queued parse), for the
  test set's resumes as PDF, DOCX and TXT: uploads/s and p50/p95 latency per format.
* **Parse**: what the upload and the worker do per document (judge the content and extract
  the text, each in a reader process; parse the resume), over the whole test set (105
  documents): p50/p95 per format.
* **Refusing 100 MB**: a live ``peoplelens serve``; 100 MB streamed at it in chunks, once with a
  ``Content-Length`` and once chunked without one. Prints the server's resident memory before
  and its peak (``VmHWM``) after: the body is never held to be refused.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from fastapi.testclient import TestClient
from tests.databases import throwaway_database
from tests.documents.resume_render import render
from tests.documents.resume_set import Layout, resumes
from tests.factories import Api, make_tenant
from tests.live_server import live_server

from peoplelens.app import create_app
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.documents import isolated
from peoplelens.documents.resume import parse_resume

FORMATS: dict[str, tuple[Layout, ...]] = {
    "pdf": ("pdf_one_column", "pdf_two_column"),
    "docx": ("docx_paragraphs", "docx_tables"),
    "txt": ("txt",),
}


def _percentiles(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[max(0, round(0.95 * len(ms)) - 1)]


def _documents() -> dict[str, list[bytes]]:
    out: dict[str, list[bytes]] = {f: [] for f in FORMATS}
    for resume in resumes("all"):
        for fmt, layouts in FORMATS.items():
            out[fmt] += [render(resume, layout) for layout in resume.layouts if layout in layouts]
    return out


def bench_parse(docs: dict[str, list[bytes]], rounds: int) -> None:
    print("\n== parse (extract + parse, as the worker does), per document")
    for fmt, items in docs.items():
        spent = []
        for _ in range(rounds):
            for data in items:
                start = time.perf_counter()
                kind = isolated.judge(data).format
                parse_resume(isolated.extract_text(data, kind))
                spent.append((time.perf_counter() - start) * 1000)
        p50, p95 = _percentiles(spent)
        size = statistics.median(len(d) for d in items) / 1024
        print(
            f"  {fmt:5} n={len(items):3}  median size {size:6.1f} KiB  "
            f"p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
        )


def bench_upload(docs: dict[str, list[bytes]], uploads: int, tmp: Path, url: str) -> None:
    print("\n== upload (POST /candidates/{id}/documents, in process), per request")
    settings = Settings(
        env="test",
        database_url=url,
        secret_key="bench-secret-" + "x" * 40,
        rate_limit_per_minute=1_000_000,
        embedded_worker=False,
        storage_url=f"file://{tmp / 'files'}",
        secret_key_file=tmp / "secret",
        ai_encoder="lexical",
    )
    app = create_app(settings)
    with TestClient(app) as client:
        handle = make_tenant(app.state.runtime.db)
        api = Api(client, handle.key)
        cand = api.candidate()
        path = f"/api/v1/candidates/{cand['id']}/documents"
        for fmt, items in docs.items():
            spent = []
            began = time.perf_counter()
            for n in range(uploads):
                data = items[n % len(items)]
                start = time.perf_counter()
                r = api.post(path, files={"file": (f"cv.{fmt}", data, "application/octet-stream")})
                spent.append((time.perf_counter() - start) * 1000)
                assert r.status_code == 201, r.text
            rate = uploads / (time.perf_counter() - began)
            p50, p95 = _percentiles(spent)
            print(f"  {fmt:5} {rate:7.1f} uploads/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")


def _memory_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


def _server_pid(port: str) -> int:
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in cmd and port.encode() in cmd:
                return int(proc.name)
    raise RuntimeError("server process not found")


def bench_refusal(tmp: Path, url: str) -> None:
    print("\n== refusing a 100 MB upload (live server, limit 10 MiB)")
    db = Database.connect(url)
    key = make_tenant(db).key
    db.dispose()
    total, chunk = 100 * 1024 * 1024, b"x" * (1024 * 1024)
    with live_server(url, tmp) as (base, _env):
        pid = _server_pid(base.rsplit(":", 1)[1])
        with httpx.Client(base_url=base, timeout=60) as client:
            before = _memory_kib(pid)

            def body() -> Iterator[bytes]:
                for _ in range(total // len(chunk)):
                    yield chunk

            for label, headers in (
                ("with Content-Length", {"Content-Length": str(total)}),
                ("chunked", {}),
            ):
                start = time.perf_counter()
                try:
                    r = client.post(
                        "/api/v1/candidates/can-00000000-0000-0000-0000-000000000000/documents",
                        content=body(),
                        headers={
                            "Content-Type": "multipart/form-data; boundary=b",
                            "Authorization": f"Bearer {key}",
                            **headers,
                        },
                    )
                    status = str(r.status_code)
                except httpx.HTTPError as exc:  # the server closes once it has refused
                    status = f"closed ({type(exc).__name__})"
                ms = (time.perf_counter() - start) * 1000
                after = _memory_kib(pid)
                print(
                    f"  {label:20} answer {status:>24} in {ms:7.1f} ms; server RSS "
                    f"{before['VmRSS'] / 1024:6.1f} MiB before, "
                    f"peak {after['VmHWM'] / 1024:6.1f} MiB"
                )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uploads", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    docs = _documents()
    bench_parse(docs, args.rounds)
    tmp = Path(tempfile.mkdtemp())
    with throwaway_database(tmp) as url:
        bench_upload(docs, args.uploads, tmp, url)
    (tmp / "live").mkdir()
    with throwaway_database(tmp / "live") as url:
        bench_refusal(tmp / "live", url)


if __name__ == "__main__":
    main()
