"""Free slots: µs per ``free_slots`` call for a busy interviewer, against a naive scan.

    .venv/bin/python bench/slots.py [--busy 500] [--days 14] [--reps 200]

The interviewer works 08:00–18:00 in Europe/Berlin, seven days a week, and has ``--busy``
45-minute interviews (seeded) scattered over the window, then over a 90-day history and the
window. The window is ``--days`` long and crosses the 2026-03-29 DST change. The baseline
checks every candidate slot against every busy interval (O(slots × busy)) — what the module
must not do — and must return the same slots. Writes nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from peoplelens.interviews.scheduling.availability import (
    DAYS,
    Interval,
    free_slots,
)

HOURS = {day: [["08:00", "18:00"]] for day in DAYS}
START = datetime(2026, 3, 23, tzinfo=UTC)
DURATION = timedelta(minutes=45)
BUFFER = timedelta(minutes=15)


def _busy(count: int, days: int, before: int = 0) -> list[Interval]:
    """``count`` interviews on the quarter hour, over ``before`` days ahead of the window and
    the window itself."""
    rng = random.Random(14)
    out = []
    for _ in range(count):
        start = START + timedelta(minutes=15 * (rng.randrange((days + before) * 96) - before * 96))
        out.append((start, start + DURATION))
    return out


def _fast(busy: list[Interval], days: int) -> list[Interval]:
    return free_slots(
        working_hours=HOURS,
        time_zone="Europe/Berlin",
        busy=busy,
        duration=DURATION,
        buffer=BUFFER,
        window_start=START,
        window_end=START + timedelta(days=days),
    )


def _naive(busy: list[Interval], days: int) -> list[Interval]:
    every = _fast([], days)
    return [(s, e) for s, e in every if all(e <= b - BUFFER or s >= c + BUFFER for b, c in busy)]


def _time(call: Callable[[], object], reps: int) -> float:
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        call()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--busy", type=int, default=500)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--reps", type=int, default=200)
    args = parser.parse_args()
    print(f"free_slots, {args.days}-day window, median µs per call")
    print(f"  {'no busy intervals':<44} {_time(lambda: _fast([], args.days), args.reps):8.0f}")
    for label, before in (("all in the window", 0), ("over 90 days before it too", 90)):
        busy = _busy(args.busy, args.days, before)
        slots = _fast(busy, args.days)
        assert slots == _naive(busy, args.days), "the fast path and the scan disagree"
        fast = _time(partial(_fast, busy, args.days), args.reps)
        naive = _time(partial(_naive, busy, args.days), max(1, args.reps // 10))
        print(
            f"  {args.busy} busy, {label:<26} {len(slots):4} free {fast:8.0f}"
            f"   (naive slots × busy {naive:.0f}, {naive / fast:.1f}×)"
        )


if __name__ == "__main__":
    main()
