"""Dates and times as people and spreadsheets write them, listed in one place.

A comment's ``posted_at`` may be a ``datetime``, or text in one of :data:`ACCEPTED`, or an Excel
serial number (days since 1899-12-30, what a cell holds when Excel exports it as a number). A
time without a zone is Stockholm time. Nothing is guessed: "11/30/2026" (month first) is refused
rather than read one way or the other, and the error lists the accepted forms.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

__all__ = ["ACCEPTED", "DateError", "parse_datetime"]

#: (strptime format, how it is written in an error message). ISO 8601 comes first and is read
#: by ``datetime.fromisoformat``, which also takes seconds, "T" and a zone (+01:00, Z).
_FORMATS: tuple[tuple[str, str], ...] = (
    ("%d.%m.%Y %H:%M:%S", "30.11.2026 14:05:00"),
    ("%d.%m.%Y %H:%M", "30.11.2026 14:05"),
    ("%d.%m.%Y", "30.11.2026"),
    ("%d/%m/%Y %H:%M:%S", "30/11/2026 14:05:00"),
    ("%d/%m/%Y %H:%M", "30/11/2026 14:05"),
    ("%d/%m/%Y", "30/11/2026"),
    ("%Y-%m-%d %H.%M", "2026-11-30 14.05"),
)
ACCEPTED: tuple[str, ...] = (
    "2026-11-30T14:05 (ISO 8601, also with seconds and a zone such as +01:00 or Z)",
    "2026-11-30 14:05",
    "2026-11-30",
    *(example for _, example in _FORMATS),
    "an Excel serial number such as 46356.5868 (from 25569, 1970-01-01)",
)
# Excel's serial day 1 is 1900-01-01, but it counts 1900-02-29, which never was: from March 1900
# on, day 0 is 1899-12-30. Serials before 1970 are refused (a bare year such as 2026 or an id is
# far likelier than a comment from 1905); 2958465 is Excel's own limit (9999-12-31).
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_MIN = 25569
_EXCEL_MAX = 2958465


class DateError(ValueError):
    """A value that is none of the accepted date forms; the message lists them."""


def parse_datetime(value: Any) -> datetime | None:
    """``value`` as a datetime (naive when no zone was given), or None for None/empty text."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise _error(value)
    if isinstance(value, int | float):
        return _excel(value)
    if not isinstance(value, str):
        raise _error(value)
    text = " ".join(value.split())
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt, _ in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        number = float(text.replace(",", "."))  # Swedish Excel writes 46356,5868
    except ValueError:
        raise _error(value) from None
    return _excel(number)


def _excel(serial: float) -> datetime:
    if not _EXCEL_MIN <= serial <= _EXCEL_MAX:
        raise DateError(
            f"{serial!r} is not an Excel date serial number ({_EXCEL_MIN} to {_EXCEL_MAX}); "
            f"accepted forms: {'; '.join(ACCEPTED)}"
        )
    moment = _EXCEL_EPOCH + timedelta(days=serial)
    return moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))


def _error(value: Any) -> DateError:
    return DateError(f"{value!r} is not a date and time; accepted forms: {'; '.join(ACCEPTED)}")
