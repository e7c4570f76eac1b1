"""Free slots from working hours (pure): the week, busy + buffer, steps, the window, DST."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from peoplelens.interviews.scheduling.availability import (
    Interval,
    WorkingHours,
    free_slots,
    slot_problem,
    working_spans,
)

NINE_TO_FIVE: WorkingHours = {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
EVERY_DAY: WorkingHours = {
    d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}
MIN30 = timedelta(minutes=30)
HOUR = timedelta(hours=1)


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def _slots(
    working_hours: WorkingHours = NINE_TO_FIVE,
    time_zone: str = "UTC",
    busy: Sequence[Interval] = (),
    *,
    start: datetime = _utc(2026, 3, 2),  # a Monday
    days: int = 7,
    duration: timedelta = HOUR,
    buffer: timedelta = timedelta(0),
    granularity: timedelta = MIN30,
) -> list[Interval]:
    return free_slots(
        working_hours=working_hours,
        time_zone=time_zone,
        busy=busy,
        duration=duration,
        buffer=buffer,
        window_start=start,
        window_end=start + timedelta(days=days),
        granularity=granularity,
    )


def _per_local_day(slots: list[Interval], zone: str) -> Counter[date]:
    return Counter(s.astimezone(ZoneInfo(zone)).date() for s, _ in slots)


def _local_starts(slots: list[Interval], zone: str, day: date) -> list[str]:
    local = [s.astimezone(ZoneInfo(zone)) for s, _ in slots]
    return [t.strftime("%H:%M%z") for t in local if t.date() == day]


class TestWeek:
    def test_basic_week(self) -> None:
        slots = _slots()
        # 09:00 .. 16:00 starts every 30 min for a one-hour slot: 15 a weekday, none at weekends.
        assert len(slots) == 5 * 15
        assert slots[0] == (_utc(2026, 3, 2, 9), _utc(2026, 3, 2, 10))
        assert slots[-1] == (_utc(2026, 3, 6, 16), _utc(2026, 3, 6, 17))
        assert all(s.tzinfo is UTC and e - s == HOUR for s, e in slots)
        assert slots == sorted(slots)

    def test_in_the_interviewers_zone(self) -> None:
        slots = _slots(time_zone="America/New_York", days=1)
        assert slots[0][0] == _utc(2026, 3, 2, 14)  # 09:00 EST

    def test_several_spans_and_midnight(self) -> None:
        hours: WorkingHours = {"mon": [["08:00", "10:00"], ["22:00", "24:00"]]}
        slots = _slots(hours, days=2)
        assert [s.hour for s, _ in slots] == [8, 8, 9, 22, 22, 23]
        assert slots[-1][1] == _utc(2026, 3, 3)  # 24:00 ends at the next midnight

    def test_a_slot_never_straddles_two_spans(self) -> None:
        hours: WorkingHours = {"mon": [["09:00", "10:30"], ["10:30", "12:00"]]}
        starts = [s for s, _ in _slots(hours, days=1)]
        assert _utc(2026, 3, 2, 10) not in starts and _utc(2026, 3, 2, 10, 30) in starts

    @pytest.mark.parametrize("hours", [{}, {"mon": []}, {"sat": [["09:00", "17:00"]]}])
    def test_no_hours_means_no_availability(self, hours: WorkingHours) -> None:
        assert _slots(hours, days=5) == []


class TestBusy:
    def test_busy_and_buffer(self) -> None:
        busy = [(_utc(2026, 3, 2, 11), _utc(2026, 3, 2, 12))]
        no_buffer = [s.hour * 60 + s.minute for s, _ in _slots(busy=busy, days=1)]
        assert 10 * 60 in no_buffer and 12 * 60 in no_buffer and 10 * 60 + 30 not in no_buffer
        buffered = [
            s.hour * 60 + s.minute
            for s, _ in _slots(busy=busy, days=1, buffer=timedelta(minutes=15))
        ]
        # 10:00-11:00 would end at 11:00, inside 10:45; 12:00 starts inside 12:15.
        assert 9 * 60 + 30 in buffered and 10 * 60 not in buffered
        assert 12 * 60 not in buffered and 12 * 60 + 30 in buffered

    def test_unsorted_overlapping_busy_and_foreign_zones(self) -> None:
        berlin = ZoneInfo("Europe/Berlin")
        busy = [
            (datetime(2026, 3, 2, 15, tzinfo=berlin), datetime(2026, 3, 2, 16, tzinfo=berlin)),
            (_utc(2026, 3, 2, 9), _utc(2026, 3, 2, 10)),
            (_utc(2026, 3, 2, 9, 30), _utc(2026, 3, 2, 11)),
        ]
        starts = {s.hour * 60 + s.minute for s, _ in _slots(busy=busy, days=1)}
        assert min(starts) == 11 * 60
        assert 13 * 60 + 30 not in starts and 14 * 60 not in starts and 15 * 60 in starts

    def test_a_fully_busy_day(self) -> None:
        busy = [(_utc(2026, 3, 1), _utc(2026, 3, 3))]
        assert _slots(busy=busy, days=1) == []

    def test_matches_a_brute_force_scan(self) -> None:
        busy = [
            (_utc(2026, 3, 2, 9) + k * timedelta(minutes=47), _utc(2026, 3, 2, 9) + k * HOUR)
            for k in range(1, 120, 3)
        ]
        busy = [(s, e) for s, e in busy if e > s]
        buffer = timedelta(minutes=10)
        fast = _slots(busy=busy, buffer=buffer, days=7)
        brute = [
            slot
            for slot in _slots(days=7)
            if all(slot[1] <= s - buffer or slot[0] >= e + buffer for s, e in busy)
        ]
        assert fast == brute


class TestGrid:
    def test_granularity(self) -> None:
        starts = [s for s, _ in _slots(days=1, granularity=timedelta(minutes=15))]
        assert len(starts) == 29 and starts[1] - starts[0] == timedelta(minutes=15)
        starts = [s for s, _ in _slots(days=1, duration=MIN30, granularity=HOUR)]
        assert [s.hour for s in starts] == list(range(9, 17))

    def test_steps_count_from_the_span_start(self) -> None:
        hours: WorkingHours = {"mon": [["09:10", "11:00"]]}
        starts = [s for s, _ in _slots(hours, days=1, duration=MIN30)]
        assert [s.strftime("%H:%M") for s in starts] == ["09:10", "09:40", "10:10"]

    def test_after_a_busy_interval_the_grid_is_kept(self) -> None:
        busy = [(_utc(2026, 3, 2, 9, 5), _utc(2026, 3, 2, 9, 50))]
        first = _slots(busy=busy, days=1, duration=MIN30)[0][0]
        assert first == _utc(2026, 3, 2, 10)


class TestWindow:
    def test_clipping(self) -> None:
        slots = _slots(start=_utc(2026, 3, 2, 10, 15), days=1)
        assert slots[0][0] == _utc(2026, 3, 2, 10, 30)  # on the grid, not at the window's edge
        slots = free_slots(
            working_hours=NINE_TO_FIVE,
            time_zone="UTC",
            busy=[],
            duration=HOUR,
            buffer=timedelta(0),
            window_start=_utc(2026, 3, 2),
            window_end=_utc(2026, 3, 2, 12, 15),
        )
        assert slots[-1] == (_utc(2026, 3, 2, 11), _utc(2026, 3, 2, 12))

    def test_a_span_from_the_local_day_before_the_window(self) -> None:
        # Monday 20:00-24:00 in Los Angeles is Tuesday 04:00-08:00 UTC.
        hours: WorkingHours = {"mon": [["20:00", "24:00"]]}
        slots = _slots(hours, "America/Los_Angeles", start=_utc(2026, 3, 3), days=1)
        assert slots[0][0] == _utc(2026, 3, 3, 4) and slots[-1][1] == _utc(2026, 3, 3, 8)

    def test_empty_and_inverted_windows(self) -> None:
        assert _slots(days=0) == []
        assert _slots(days=-1) == []

    @pytest.mark.parametrize(
        "kwargs", [{"duration": timedelta(0)}, {"granularity": timedelta(0)}, {"buffer": -HOUR}]
    )
    def test_bad_arguments(self, kwargs: dict[str, timedelta]) -> None:
        with pytest.raises(ValueError):
            _slots(**kwargs)  # type: ignore[arg-type]

    def test_naive_datetimes_are_refused(self) -> None:
        with pytest.raises(ValueError, match="aware"):
            _slots(start=datetime(2026, 3, 2))


# The weeks around each change: (zone, Monday before, change date, UTC hour of 09:00 before, after)
DST_WEEKS = [
    ("Europe/Berlin", date(2026, 3, 23), date(2026, 3, 29), 8, 7),
    ("Europe/Berlin", date(2026, 10, 19), date(2026, 10, 25), 7, 8),
    ("America/New_York", date(2026, 3, 2), date(2026, 3, 8), 14, 13),
    ("America/New_York", date(2026, 10, 26), date(2026, 11, 1), 13, 14),
]


class TestDaylightSaving:
    @pytest.mark.parametrize(("zone", "monday", "change", "before", "after"), DST_WEEKS)
    def test_a_week_across_the_change(
        self, zone: str, monday: date, change: date, before: int, after: int
    ) -> None:
        start = datetime.combine(monday, datetime.min.time(), ZoneInfo(zone)).astimezone(UTC)
        slots = _slots(EVERY_DAY, zone, start=start, days=14)
        per_day = _per_local_day(slots, zone)
        assert len(per_day) == 14 and set(per_day.values()) == {15}  # 23- and 25-hour days too
        nines = {
            s.astimezone(ZoneInfo(zone)).date(): s
            for s, _ in slots
            if s.astimezone(ZoneInfo(zone)).hour == 9 and s.minute == 0
        }
        the_day_before = change - timedelta(days=1)
        assert nines[the_day_before].hour == before and nines[change].hour == after
        assert nines[change] - nines[the_day_before] == timedelta(hours=24 + after - before)
        assert all(s.astimezone(ZoneInfo(zone)).strftime("%H:%M") >= "09:00" for s, _ in slots)
        assert all(e.astimezone(ZoneInfo(zone)).strftime("%H:%M") <= "17:00" for _, e in slots)

    def test_a_span_across_the_spring_forward_gap_is_shorter(self) -> None:
        # Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST; 01:00-04:00 is two real hours.
        hours: WorkingHours = {"sun": [["01:00", "04:00"]]}
        slots = _slots(hours, "Europe/Berlin", start=_utc(2026, 3, 28), days=2, duration=MIN30)
        assert _local_starts(slots, "Europe/Berlin", date(2026, 3, 29)) == [
            "01:00+0100", "01:30+0100", "03:00+0200", "03:30+0200",
        ]  # fmt: skip

    @pytest.mark.parametrize(
        ("span", "starts"),
        [
            (["02:30", "05:00"], ["03:00+0200", "03:30+0200", "04:00+0200", "04:30+0200"]),
            (["00:00", "02:30"], ["00:00+0100", "00:30+0100", "01:00+0100", "01:30+0100"]),
            (["02:00", "02:45"], []),  # wholly inside the gap: the clock never shows it
        ],
    )
    def test_a_span_edge_in_the_gap_is_the_jump(self, span: list[str], starts: list[str]) -> None:
        slots = _slots(
            {"sun": [span]}, "Europe/Berlin", start=_utc(2026, 3, 28), days=2, duration=MIN30
        )
        assert _local_starts(slots, "Europe/Berlin", date(2026, 3, 29)) == starts

    def test_a_span_across_the_fall_back_hour_is_longer(self) -> None:
        # New York, 2026-11-01: 02:00 EDT falls back to 01:00 EST; 00:00-03:00 is four hours.
        hours: WorkingHours = {"sun": [["00:00", "03:00"]]}
        slots = _slots(hours, "America/New_York", start=_utc(2026, 10, 31), days=2)
        assert len(_local_starts(slots, "America/New_York", date(2026, 11, 1))) == 7
        assert slots[-1][1] == _utc(2026, 11, 1, 8)  # 03:00 EST

    @pytest.mark.parametrize(
        ("span", "first", "last_end"),
        [
            # Starts at the later 01:30 (EST), so no instant shows a time before 01:30.
            (["01:30", "04:00"], _utc(2026, 11, 1, 6, 30), _utc(2026, 11, 1, 9)),
            # Ends at the earlier 01:30 (EDT), so no instant shows a time after 01:30.
            (["00:00", "01:30"], _utc(2026, 11, 1, 4), _utc(2026, 11, 1, 5, 30)),
        ],
    )
    def test_an_ambiguous_edge_never_offers_a_time_outside_the_span(
        self, span: list[str], first: datetime, last_end: datetime
    ) -> None:
        slots = _slots(
            {"sun": [span]}, "America/New_York", start=_utc(2026, 10, 31), days=2, duration=MIN30
        )
        assert slots[0][0] == first and slots[-1][1] == last_end
        zone = ZoneInfo("America/New_York")
        for s, e in slots:
            for t in (s, e - timedelta(seconds=1)):
                assert span[0] <= t.astimezone(zone).strftime("%H:%M") < span[1]

    def test_a_span_inside_the_repeated_hour_is_empty_that_night(self) -> None:
        spans = working_spans(
            {"sun": [["01:15", "01:45"]]}, "America/New_York", _utc(2026, 11, 1), _utc(2026, 11, 2)
        )
        assert spans == []


class TestSlotProblem:
    NOW = _utc(2026, 3, 1, 12)

    def _problem(self, start: datetime, end: datetime, **changes: object) -> str | None:
        kwargs: dict[str, object] = {
            "working_hours": NINE_TO_FIVE,
            "time_zone": "Europe/Berlin",
            "busy": [(_utc(2026, 3, 3, 10), _utc(2026, 3, 3, 11))],
            "buffer": timedelta(minutes=15),
            "now": self.NOW,
            "min_notice": timedelta(hours=24),
        } | changes
        return slot_problem(start, end, **kwargs)  # type: ignore[arg-type]

    def test_bookable(self) -> None:
        assert self._problem(_utc(2026, 3, 3, 8), _utc(2026, 3, 3, 9)) is None  # 09:00 CET
        assert self._problem(_utc(2026, 3, 3, 11, 15), _utc(2026, 3, 3, 12)) is None

    def test_outside_working_hours(self) -> None:
        message = self._problem(_utc(2026, 3, 3, 7, 30), _utc(2026, 3, 3, 8, 30))
        assert message == (
            "The slot 2026-03-03T07:30Z–2026-03-03T08:30Z is outside the interviewer's "
            "working hours."
        )
        weekend = self._problem(_utc(2026, 3, 7, 9), _utc(2026, 3, 7, 10))
        assert weekend is not None and weekend.endswith("outside the interviewer's working hours.")
        no_hours = self._problem(_utc(2026, 3, 3, 9), _utc(2026, 3, 3, 10), working_hours={})
        assert no_hours is not None and "outside" in no_hours

    def test_overlaps_another_interview_or_its_buffer(self) -> None:
        for start in (_utc(2026, 3, 3, 10, 30), _utc(2026, 3, 3, 9, 15)):
            message = self._problem(start, start + timedelta(minutes=45))
            assert message is not None and message.endswith("overlaps another interview.")

    def test_in_the_past(self) -> None:
        message = self._problem(_utc(2026, 2, 27, 9), _utc(2026, 2, 27, 10))
        assert message is not None and message.endswith("is in the past.")

    def test_too_short_notice(self) -> None:
        message = self._problem(_utc(2026, 3, 2, 8), _utc(2026, 3, 2, 9))
        assert message is not None and message.endswith("is less than 24 hours from now.")
        message = self._problem(
            _utc(2026, 3, 2, 8), _utc(2026, 3, 2, 9), min_notice=timedelta(minutes=90)
        )
        assert message is None
        message = self._problem(
            _utc(2026, 3, 1, 12, 30), _utc(2026, 3, 1, 13), min_notice=timedelta(hours=1)
        )
        assert message is not None and message.endswith("less than 1 hour from now.")

    def test_inverted(self) -> None:
        message = self._problem(_utc(2026, 3, 3, 9), _utc(2026, 3, 3, 9))
        assert message is not None and message.endswith("ends before it starts.")

    def test_agrees_with_free_slots(self) -> None:
        busy = [(_utc(2026, 3, 3, 10), _utc(2026, 3, 3, 11))]
        offered = free_slots(
            working_hours=NINE_TO_FIVE,
            time_zone="Europe/Berlin",
            busy=busy,
            duration=HOUR,
            buffer=timedelta(minutes=15),
            window_start=_utc(2026, 3, 2),
            window_end=_utc(2026, 3, 9),
        )
        grid = [
            (_utc(2026, 3, 2) + k * MIN30, _utc(2026, 3, 2) + k * MIN30 + HOUR) for k in range(336)
        ]
        bookable = [
            slot
            for slot in grid
            if self._problem(*slot, busy=busy, min_notice=timedelta(0)) is None
        ]
        assert bookable == offered
