"""Due times: elapsed hours and Swedish working days.

- Hours are ELAPSED hours, computed in UTC, so a daylight-saving change never turns 48 hours
  into 47 or 49 (``2026-03-28 12:00 + 48 h = 2026-03-30 13:00+02:00``).
- Working days come from the ``holidays`` package's Swedish calendar with both its PUBLIC
  holidays (lag 1989:253) and its DE_FACTO ones (midsommarafton, julafton, nyårsafton), and
  Saturdays and Sundays. "Within N working days" of a comment received on a working day ends
  at the policy's closing time on the Nth working day after it; a comment received on a
  non-working day counts that first working day as day one (as Varberg's handbook does).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from .._models import STOCKHOLM

__all__ = ["DueRule", "is_working_day", "nth_working_day", "parse_due"]

_CALENDAR_LOCK = threading.Lock()  # holidays fills in years lazily; keep that single-threaded


@lru_cache(maxsize=1)
def _calendar() -> Any:
    """Sweden's PUBLIC and DE_FACTO holidays; imported on first use (it costs start-up time)."""
    import holidays

    return holidays.Sweden(categories=(holidays.PUBLIC, holidays.DE_FACTO), include_sundays=False)


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    with _CALENDAR_LOCK:
        return day not in _calendar()


@lru_cache(maxsize=4096)
def nth_working_day(received: date, n: int) -> date:
    """The date by which something received on ``received`` is due within ``n`` working days."""
    day = received
    if not is_working_day(day):
        while not is_working_day(day):
            day += timedelta(days=1)
        n -= 1  # the first working day is day one
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


@dataclass(frozen=True)
class DueRule:
    """A parsed due rule: ``hours`` elapsed, or ``working_days``, or no due time."""

    hours: float | None = None
    working_days: int | None = None
    text: str = "none"

    @property
    def is_none(self) -> bool:
        return self.hours is None and self.working_days is None

    def due(self, received: datetime, working_day_ends: time) -> datetime | None:
        if self.hours is not None:
            return (received.astimezone(UTC) + timedelta(hours=self.hours)).astimezone(STOCKHOLM)
        if self.working_days is not None:
            local = received.astimezone(STOCKHOLM)
            day = nth_working_day(local.date(), self.working_days)
            return datetime.combine(day, working_day_ends, tzinfo=STOCKHOLM)
        return None

    def describe(self) -> str:
        if self.hours is not None:
            if self.hours == 0:
                return "omedelbart"
            return f"inom {self.hours:g} timmar"
        if self.working_days is not None:
            n = self.working_days
            return f"inom {n} arbetsdag{'ar' if n != 1 else ''}"
        return "ingen tidsgräns"


_CONCRETE = re.compile(r"^(?:(?P<h>\d+(?:\.\d+)?)h|(?P<d>\d+) working_days?)$")


@lru_cache(maxsize=256)
def parse_due(text: str) -> DueRule:
    """Parse ``"48h"``, ``"1 working_day"``, ``"immediately"`` or ``"none"``."""
    if text == "none":
        return DueRule()
    if text == "immediately":
        return DueRule(hours=0, text=text)
    m = _CONCRETE.match(text)
    if not m:
        raise ValueError(f"not a concrete due rule: {text!r}")
    if m.group("h") is not None:
        return DueRule(hours=float(m.group("h")), text=text)
    return DueRule(working_days=int(m.group("d")), text=text)
