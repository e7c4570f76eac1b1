"""The two baselines every benchmark run starts beside PeopleLens:

* ``constant`` — a bare Starlette route returning a constant (the ceiling of the stack);
* ``limit`` — the same primary-key read as ``GET /candidates/{id}``, with the raw driver
  (sqlite3, or psycopg's asyncio pool) and no auth: the practical limit of Python here.

Run: ``uvicorn bench.baselines:constant_app`` / ``uvicorn bench.baselines:limit_app``
(``BENCH_DATABASE_URL`` names the database for the limit app).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

CONSTANT = json.dumps({"id": "can-00000000-0000-0000-0000-000000000000", "ok": True}).encode()


async def constant(_request: Request) -> Response:
    return Response(CONSTANT, media_type="application/json")


constant_app = Starlette(routes=[Route("/c/{id}", constant)])

_URL = os.environ.get("BENCH_DATABASE_URL", "")
_local = threading.local()
_SQL = (
    "SELECT id, first_name, last_name, email, status, job_id, external_id, metadata, "
    "phone, linkedin_url, stage, created_at, updated_at FROM candidates WHERE id = {p}"
)


def _sqlite() -> sqlite3.Connection:
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(_URL.removeprefix("sqlite:///"), check_same_thread=False)
        _local.conn = conn
    return conn


_pool = None
if _URL.startswith("postgres"):
    # The same asyncio pool PeopleLens's read lane uses: the loop serves other requests while
    # PostgreSQL answers (a blocking pool measured ~10 % slower here).
    from psycopg_pool import AsyncConnectionPool

    _pool = AsyncConnectionPool(
        _URL.replace("postgresql+psycopg://", "postgresql://"),
        min_size=1,
        max_size=8,
        kwargs={"autocommit": True},
        open=False,
    )


async def _row(raw_id: str) -> dict[str, object] | None:
    key = uuid.UUID(raw_id.removeprefix("can-"))
    if _pool is not None:
        if _pool.closed:
            await _pool.open()
        async with _pool.connection() as conn:
            cursor = await conn.execute(_SQL.format(p="%s"), (key,))
            row = await cursor.fetchone()
    else:
        row = _sqlite().execute(_SQL.format(p="?"), (key.hex,)).fetchone()
    if row is None:
        return None
    names = [
        "id",
        "first_name",
        "last_name",
        "email",
        "status",
        "job_id",
        "external_id",
        "metadata",
        "phone",
        "linkedin_url",
        "stage",
        "created_at",
        "updated_at",
    ]
    return {n: (str(v) if v is not None else None) for n, v in zip(names, row, strict=True)}


async def limit(request: Request) -> Response:
    row = await _row(request.path_params["id"])
    if row is None:
        return JSONResponse({"error": "not found"}, status_code=404)
    return JSONResponse(row)


limit_app = Starlette(routes=[Route("/l/{id}", limit)])
