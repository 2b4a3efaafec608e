"""Named validators that rule files reference as ``validate = "name"``."""

from __future__ import annotations

from datetime import date

import regex
from personnummer import personnummer as _pnr

__all__ = ["VALIDATORS", "personnummer_date", "valid_personnummer"]

_NUMBER = regex.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")


def valid_personnummer(text: str) -> bool:
    """True for a valid Swedish personnummer or samordningsnummer (date and Luhn checksum).

    Uses the ``personnummer`` package: it checks the date (day + 60 for a samordningsnummer)
    and the check digit, for 10 and 12 digits, with ``-`` or ``+``.
    """
    m = _NUMBER.search(text)
    if m is None:
        return False
    try:
        return bool(_pnr.valid(m.group()))
    except Exception:  # the library raises its own errors for malformed input
        return False


def personnummer_date(text: str) -> bool:
    """True when the number in ``text`` starts with a real date, as a personnummer does.

    For a number that someone calls a personnummer but whose check digit is wrong (a typo, or
    digits changed on purpose): it still claims to be a person's number. The day may be + 60
    (samordningsnummer). A 10-digit number has no century, so 29 February is always allowed.
    """
    m = _NUMBER.search(text)
    if m is None:
        return False
    digits = m.group().replace("-", "").replace("+", "")
    year = int(digits[:4]) if len(digits) == 12 else 2000
    month, day = int(digits[-8:-6]), int(digits[-6:-4])
    if day > 60:
        day -= 60
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


VALIDATORS = {"personnummer": valid_personnummer, "personnummer_date": personnummer_date}
