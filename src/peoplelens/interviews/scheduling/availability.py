"""An interviewer's free slots: weekly working hours in their time zone, minus their interviews.

Pure (no database): the caller loads the user's ``working_hours`` / ``time_zone`` and the busy
intervals, this module does the arithmetic. Everything in and out is an aware datetime; results
are UTC.

**What a span means.** ``{"mon": [["09:00", "17:00"]]}`` is read per local *date*: on every
Monday, the instants at which the interviewer's wall clock shows 09:00 up to (not including)
17:00. ``24:00`` is the midnight that ends the day. A day of 23 or 25 hours changes nothing for a
span that does not contain the change: 09:00–17:00 is eight hours of slots on those days too.

**Daylight-saving edges** follow one rule: *never offer an instant at which the wall clock
shows a time outside the span.* So where a boundary wall time does not exist (the spring-forward
gap, e.g. 02:30 in Berlin on 2026-03-29), it becomes the instant the clocks jump; where it exists
twice (fall-back), a span starts at the *later* occurrence (``fold=1``) and ends at the
*earlier* one (``fold=0``). A span that lies wholly inside a repeated hour is therefore empty on
that night — the price of the rule, at an hour nobody works.

**No working hours** (``{}`` or a day with no spans) means no availability that day: a user
who set no hours is offered nothing rather than a guessed 9–5.

Slots start every ``granularity`` from the start of each span, fit inside one span, keep
``buffer`` clear of every busy interval on both sides, and lie inside the window. The busy list
is sorted and merged once, found by bisection per span and walked with one pointer alongside
the slots: O(B log B + S), never slots × busy.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from operator import itemgetter
from zoneinfo import ZoneInfo

Interval = tuple[datetime, datetime]
WorkingHours = Mapping[str, Sequence[Sequence[str]]]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def free_slots(
    *,
    working_hours: WorkingHours,
    time_zone: str,
    busy: Sequence[Interval],
    duration: timedelta,
    buffer: timedelta,
    window_start: datetime,
    window_end: datetime,
    granularity: timedelta = timedelta(minutes=30),
) -> list[Interval]:
    """Bookable ``[start, end)`` slots of ``duration``, sorted, in UTC."""
    if duration <= timedelta(0) or granularity <= timedelta(0) or buffer < timedelta(0):
        raise ValueError("duration and granularity must be positive, buffer not negative")
    window_start, window_end = _aware(window_start), _aware(window_end)
    blocked = _merged(busy, buffer, window_start, window_end)
    ends = [e for _, e in blocked]
    out: list[Interval] = []
    for span_start, span_end in working_spans(working_hours, time_zone, window_start, window_end):
        i = bisect_right(ends, span_start)  # the first busy interval that can touch the span
        last = min(span_end, window_end) - duration
        k = max(0, -((span_start - window_start) // granularity))  # first step inside the window
        start = span_start + k * granularity
        while start <= last:
            end = start + duration
            while i < len(blocked) and blocked[i][1] <= start:
                i += 1
            if i < len(blocked) and blocked[i][0] < end:
                # Jump to the first step at or after the end of the blocking interval.
                k = -((span_start - blocked[i][1]) // granularity)
                start = span_start + k * granularity
                continue
            out.append((start, end))
            start += granularity
    return out


def slot_problem(
    start: datetime,
    end: datetime,
    *,
    working_hours: WorkingHours,
    time_zone: str,
    busy: Sequence[Interval],
    buffer: timedelta,
    now: datetime,
    min_notice: timedelta,
) -> str | None:
    """Why ``[start, end)`` cannot be booked, as a sentence for the 4xx/409; None if it can.

    The same rules as :func:`free_slots` (one span, buffer around busy), without the step
    grid: a chosen time need not be one the page offered."""
    start, end, now = _aware(start), _aware(end), _aware(now)
    slot = f"The slot {_show(start)}–{_show(end)}"
    if end <= start:
        return f"{slot} ends before it starts."
    if start < now:
        return f"{slot} is in the past."
    if start < now + min_notice:
        return f"{slot} is less than {_duration(min_notice)} from now."
    spans = working_spans(working_hours, time_zone, start, end)
    if not any(s <= start and end <= e for s, e in spans):
        return f"{slot} is outside the interviewer's working hours."
    if _merged(busy, buffer, start, end):
        return f"{slot} overlaps another interview."
    return None


def working_spans(
    working_hours: WorkingHours, time_zone: str, start: datetime, end: datetime
) -> list[Interval]:
    """The working spans (UTC, sorted) of every local date that can touch ``[start, end)``;
    not clipped to it."""
    zone = ZoneInfo(time_zone)
    parsed = {day: [(_wall(a), _wall(b)) for a, b in spans] for day, spans in working_hours.items()}
    if not any(parsed.values()):
        return []
    first = _aware(start).astimezone(zone).date() - timedelta(days=1)
    last = _aware(end).astimezone(zone).date() + timedelta(days=1)
    out: list[Interval] = []
    day = first
    while day <= last:
        for a, b in parsed.get(DAYS[day.weekday()], ()):
            span_start = _instant(_at(day, a), zone, latest=True)
            span_end = _instant(_at(day, b), zone, latest=False)
            if span_start < span_end and span_end > start and span_start < end:
                out.append((span_start, span_end))
        day += timedelta(days=1)
    out.sort()
    return out


def _wall(value: str) -> timedelta:
    """``"09:30"`` → 9 h 30 min after local midnight; ``"24:00"`` is the next midnight."""
    hours, _, minutes = value.partition(":")
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise ValueError(f"{value!r} is not a wall time HH:MM (00:00–24:00)")
    return timedelta(hours=h, minutes=m)


def _at(day: date, offset: timedelta) -> datetime:
    return datetime.combine(day, time()) + offset  # naive local wall time


def _instant(wall: datetime, zone: ZoneInfo, *, latest: bool) -> datetime:
    """The UTC instant of a naive local wall time, by the module's rule for DST edges."""
    early = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    late = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if early == late:
        return early
    if early.astimezone(zone).replace(tzinfo=None) == wall:  # exists twice: fall-back
        return late if latest else early
    # In a gap zoneinfo reads fold=0 with the offset before it and fold=1 with the one after;
    # the jump lies between the two readings.
    return _jump(min(early, late), max(early, late), zone)


def _jump(lo: datetime, hi: datetime, zone: ZoneInfo) -> datetime:
    """The first instant in ``(lo, hi]`` with ``hi``'s UTC offset (offsets change on whole
    seconds)."""
    after = hi.astimezone(zone).utcoffset()
    low, high = 0, int((hi - lo).total_seconds())
    while high - low > 1:
        mid = (low + high) // 2
        if (lo + timedelta(seconds=mid)).astimezone(zone).utcoffset() == after:
            high = mid
        else:
            low = mid
    return lo + timedelta(seconds=high)


def _merged(
    busy: Sequence[Interval],
    buffer: timedelta,
    lo: datetime | None = None,
    hi: datetime | None = None,
) -> list[Interval]:
    """Busy intervals widened by ``buffer``, sorted and merged: disjoint, ends increasing; only
    those reaching into ``[lo, hi)``. Merged before widening (two intervals less than two
    buffers apart are one), so the arithmetic runs once per merged interval, not per input.
    Aware datetimes compare across zones, so none is converted."""
    try:
        ordered = sorted(busy, key=itemgetter(0))
        if ordered and ordered[0][0].utcoffset() is None:
            raise TypeError
    except TypeError:
        raise ValueError("busy datetimes must be timezone-aware") from None
    reach = 2 * buffer
    merged: list[list[datetime]] = []
    for s, e in ordered:
        if merged and s - merged[-1][1] <= reach:
            if e > merged[-1][1]:
                merged[-1][1] = e
        else:
            merged.append([s, e])
    out = [(s - buffer, e + buffer) for s, e in merged]
    return [(s, e) for s, e in out if (lo is None or e > lo) and (hi is None or s < hi)]


def _aware(value: datetime) -> datetime:
    if value.utcoffset() is None:
        raise ValueError("datetimes must be timezone-aware")
    return value.astimezone(UTC)


def _show(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%MZ")


def _duration(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    if minutes % 60:
        return f"{minutes} minutes" if minutes != 1 else "1 minute"
    hours = minutes // 60
    return f"{hours} hours" if hours != 1 else "1 hour"
