"""Due times: elapsed hours across DST, Swedish working days with de-facto holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommentar_regler._models import STOCKHOLM
from kommentar_regler.policy.deadlines import is_working_day, nth_working_day, parse_due

ENDS = time(16)


@pytest.mark.parametrize(
    ("posted", "expected"),
    [
        (datetime(2026, 3, 28, 12, tzinfo=STOCKHOLM), datetime(2026, 3, 30, 13, tzinfo=STOCKHOLM)),
        (
            datetime(2026, 10, 24, 12, tzinfo=STOCKHOLM),
            datetime(2026, 10, 26, 11, tzinfo=STOCKHOLM),
        ),
    ],
)
def test_48_hours_are_elapsed_hours_across_dst(posted: datetime, expected: datetime) -> None:
    due = parse_due("48h").due(posted, ENDS)
    assert due == expected
    # same tzinfo => Python subtracts wall clocks; compare in UTC for elapsed time
    assert due is not None and due.astimezone(UTC) - posted.astimezone(UTC) == timedelta(hours=48)


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(STOCKHOLM)
    )
)
def test_48h_is_always_exactly_48_elapsed_hours(posted: datetime) -> None:
    due = parse_due("48h").due(posted, ENDS)
    assert due is not None
    assert due.astimezone(UTC) - posted.astimezone(UTC) == timedelta(hours=48)
    assert due.tzinfo is STOCKHOLM


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 24), False),
        (date(2026, 12, 31), False),
        (date(2026, 6, 19), False),
        (date(2026, 6, 6), False),
        (date(2026, 11, 21), False),
        (date(2026, 11, 23), True),
        (date(2026, 12, 28), True),
        (date(2026, 4, 3), False),
        (date(2026, 1, 5), True),
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_question_before_christmas_is_due_after_the_holidays() -> None:
    assert nth_working_day(date(2026, 12, 23), 1) == date(2026, 12, 28)
    due = parse_due("1 working_day").due(datetime(2026, 12, 23, 15, tzinfo=STOCKHOLM), ENDS)
    assert due == datetime(2026, 12, 28, 16, tzinfo=STOCKHOLM)


def test_a_comment_on_a_saturday_is_due_on_monday() -> None:
    assert nth_working_day(date(2026, 11, 21), 1) == date(2026, 11, 23)


def test_immediately_and_none() -> None:
    posted = datetime(2026, 5, 5, 10, tzinfo=STOCKHOLM)
    assert parse_due("immediately").due(posted, ENDS) == posted
    assert parse_due("none").due(posted, ENDS) is None
