"""The SDK's data-in-and-out calls against a live server that runs its worker: a CSV import
followed to its end, and an integration syncing from the event feed (sync and async)."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from peoplelens.client import AsyncPeopleLens, InvalidRequestError, NotFoundError, PeopleLens
from tests.client.conftest import Live

pytestmark = pytest.mark.slow


def test_import_runs_to_its_report(working: Live) -> None:
    tag = os.urandom(3).hex()
    csv = (
        "\ufeffFirst Name;Surname;E-mail address\r\n"
        f"Zoë;Müller;zoe.{tag}@example.com\r\n"
        f"Bad;Mail;not-an-address\r\n"
        f"Again;Zoë;ZOE.{tag}@example.com\r\n"
    ).encode()
    with PeopleLens(working.base, working.tenant()) as client:
        job = client.jobs.create(title="Imported role")
        started = client.candidates.imports.create("people.csv", csv, job_id=job.id)
        assert started.id.startswith("imp-") and started.delimiter == ";"
        done = client.candidates.imports.wait(started.id, timeout=60, every=0.1)
        assert (done.status, done.created, done.rejected, done.skipped) == ("completed", 1, 1, 1)
        report = {line.row: line for line in done.rows.data}
        assert report[3].code == "invalid_value" and report[3].param == "email"
        assert report[4].code == "duplicate_in_file"
        (zoe,) = list(client.candidates.list(email=f"zoe.{tag}@example.com"))
        assert (zoe.first_name, zoe.last_name, zoe.job_id) == ("Zoë", "Müller", job.id)
        only = client.candidates.imports.retrieve(started.id, outcome="rejected")
        assert [line.row for line in only.rows.data] == [3]
        with pytest.raises(InvalidRequestError) as refused:
            client.candidates.imports.create("empty.csv", b"first_name,last_name,email\n")
        assert refused.value.code == "empty_file" and refused.value.param == "file"


def _caught_up(client: PeopleLens, expect: int, **filters: object) -> list[str]:
    """The feed's events once it shows ``expect`` (PostgreSQL shows an event when every older
    transaction has ended, another process's included)."""
    for _ in range(200):
        seen = [e.event for e in client.events.list(**filters)]
        if len(seen) >= expect:
            return seen
        time.sleep(0.05)
    return seen


def test_an_integration_syncs_from_the_feed(working: Live) -> None:
    with PeopleLens(working.base, working.tenant()) as client:
        made = client.candidates.create(first_name="Feed", last_name="Me", email="f@x.io")
        client.candidates.update(made.id, stage="screening")
        assert _caught_up(client, 3) == [
            "candidate.created",
            "candidate.updated",
            "candidate.stage_changed",
        ]
        # Small pages: the pager walks them by starting_after and stops when caught up.
        events = list(client.events.list(limit=1))
        assert len(events) == 3 and len({e.id for e in events}) == 3
        last = events[-1].id
        client.candidates.delete(made.id)
        later = _caught_up(client, 1, starting_after=last)
        assert later == ["candidate.deleted"]
        tombstone = next(iter(client.events.list(starting_after=last)))
        assert tombstone.data == {"id": made.id, "deleted": True}
        assert _caught_up(client, 0, types="candidate.stage_changed") == ["candidate.stage_changed"]
        with pytest.raises(NotFoundError):
            list(client.events.list(starting_after="evt-00000000-0000-4000-8000-000000000000"))


def test_the_async_client_reads_the_feed_too(working: Live) -> None:
    key = working.tenant()

    async def run() -> list[str]:
        async with AsyncPeopleLens(working.base, key) as client:
            await client.jobs.create(title="Async role")
            for _ in range(200):
                seen = [e.event async for e in client.events.list(limit=1)]
                if seen:
                    return seen
                await asyncio.sleep(0.05)
            return []

    assert asyncio.run(run()) == ["job.created"]
