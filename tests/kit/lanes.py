"""Running lane code outside the app's event loop, in the tests."""

from __future__ import annotations

import asyncio
from typing import Any

from peoplelens.db import Database


def run_on_lanes(db: Database, work: Any) -> Any:
    """Awaits ``work`` on a fresh event loop, then closes the connections the lanes opened for
    that loop (PostgreSQL pools are per loop, SQLite connections per thread)."""

    async def go() -> Any:
        try:
            return await work
        finally:
            await db.writes.close()
            await db.reads.close()

    return asyncio.run(go())
